"""Property-based: odd intents, entities and texts never break an action or the disclaimer rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import KnowledgeAction
from assistant.knowledge import get_knowledge
from tests.conftest import make_tracker

ACTIONS = [cls() for cls in KnowledgeAction.__subclasses__()]
KNOWLEDGE = get_knowledge()
VALUES = [v.value for v in KNOWLEDGE.entities] + [s for v in KNOWLEDGE.entities for s in v.synonyms[:2]]

odd = st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20), st.sampled_from(VALUES))
entity = st.fixed_dictionaries(
    {"entity": st.one_of(st.sampled_from(["disease", "pain_type", "other"]), odd), "value": odd},
    optional={"start": odd, "end": odd, "confidence": odd},
)

TOPIC_INTENTS = get_knowledge().structure.topic_intents


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    action=st.sampled_from(ACTIONS),
    intent=st.one_of(st.none(), st.sampled_from(list(TOPIC_INTENTS) + ["greet", "nlu_fallback"]), st.text(max_size=15)),
    entities=st.lists(entity, max_size=4),
    text=st.one_of(st.text(max_size=300), st.sampled_from(["I can't breathe", "chest pain now", "<script>x</script>"])),
)
def test_actions_never_raise_and_always_answer(action, intent, entities, text):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, intent, entities)
    assert all(event["event"] == "slot" for event in action.run(dispatcher, tracker, {}))  # only the subject is remembered
    assert dispatcher.messages, "silence"
    for message in dispatcher.messages:
        assert message["text"].strip()
        if any(t.answer in message["text"] for t in KNOWLEDGE.topics):
            assert message["text"].endswith(KNOWLEDGE.disclaimer)
