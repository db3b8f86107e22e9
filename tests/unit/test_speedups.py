"""The Rasa 3.6 speed-ups keep Rasa's behaviour."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet

from server import speedups


@pytest.fixture(scope="module", autouse=True)
def installed() -> None:
    assert speedups.install()


def test_a_valid_action_response_passes() -> None:
    response = {"events": [{"event": "bot", "text": "hi"}, {"event": "slot", "name": "x", "value": 1}],
                "responses": [{"text": "an answer"}]}
    assert RemoteAction("action_x", None)._validate_action_result(response)


@pytest.mark.parametrize("response", [{"events": [{"event": 5}]}, {"responses": "text"}, {"events": [{"event": "nonsense"}]}])
def test_an_invalid_action_response_is_refused_as_rasa_does(response: dict) -> None:
    with pytest.raises(jsonschema.ValidationError) as built_once:
        RemoteAction("action_x", None)._validate_action_result(response)
    with pytest.raises(jsonschema.ValidationError) as rasa_way:
        jsonschema.validate(response, RemoteAction.action_response_format_spec())
    assert built_once.value.message.startswith(rasa_way.value.message)
    assert "Failed to validate Action server response" in built_once.value.message


def test_event_classes_are_found_as_before() -> None:
    assert Event.resolve_by_type("bot") is BotUttered
    assert Event.resolve_by_type("action") is ActionExecuted
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("no such event", default=BotUttered) is BotUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no such event")


def test_the_spacy_pipeline_is_loaded_by_its_provider_only_and_still_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.nlu.utils.spacy_utils import SpacyNLP
    from rasa.shared.nlu.training_data.message import Message

    from assistant.nlp import DEFAULT_PIPELINE_DIR as SPACY_DIR

    loads = []
    rasa_load = SpacyNLP.load_model
    monkeypatch.setattr(SpacyNLP, "load_model", staticmethod(lambda name: loads.append(name) or rasa_load(name)))
    config = {"model": str(SPACY_DIR), "case_sensitive": False}

    def node(name: str) -> SpacyNLP:
        return SpacyNLP.load(config, None, None, ExecutionContext(GraphSchema({}), node_name=name))

    provider, runner = node("provide_SpacyNLP0"), node("run_SpacyNLP0")
    assert loads == [str(SPACY_DIR)]  # Rasa 3.6 alone loads it twice
    message = runner.process([Message(data={"text": "My chest hurts"})], provider.provide())[0]
    assert [t.text for t in message.get("text_spacy_doc")] == ["my", "chest", "hurts"]  # case_sensitive: false
