"""The Rasa-side NLU components on the saved spaCy pipeline (build/spacy_kb)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.training_data.message import Message

from assistant.nlp import DEFAULT_PIPELINE_DIR
from components.knowledge_entities import KnowledgeEntityExtractor
from components.question_router import SmallTalkQuestionRouter
from components.red_flag_router import RedFlagRouter


@pytest.fixture(scope="module")
def spacy_model():
    if not Path(DEFAULT_PIPELINE_DIR, "meta.json").exists():
        pytest.fail("build/spacy_kb is missing: run `make spacy` (make test does it)")
    return SpacyNLP.load_model(str(DEFAULT_PIPELINE_DIR))


def _message(text, intent="ask_disease"):
    return Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9},
                         "intent_ranking": [{"name": intent, "confidence": 0.9}]})


def test_extractor_gives_canonical_values_and_offsets(spacy_model):
    extractor = KnowledgeEntityExtractor({"dimensions": ["pain_type", "disease"]})
    (message,) = extractor.process([_message("Does SLE cause pins and needles? call me back")], spacy_model)
    found = [(e["entity"], e["value"], e["start"], e["end"], e["extractor"]) for e in message.get("entities")]
    assert found == [
        ("disease", "lupus", 5, 8, "KnowledgeEntityExtractor"),
        ("pain_type", "nerve", 15, 31, "KnowledgeEntityExtractor"),
    ]


def test_router_overrides_the_intent_on_a_red_flag(spacy_model):
    router = RedFlagRouter(RedFlagRouter.get_default_config())
    text = "what does lupus do to joints? also I have crushing chest pain right now"
    (message,) = router.process([_message(text)], spacy_model)
    assert message.get("intent") == {"name": "report_emergency", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "report_emergency"
    assert message.get("intent_ranking")[1]["name"] == "ask_disease"
    assert message.get("red_flags") == ["chest_pain"]


def test_router_leaves_ordinary_messages_alone(spacy_model):
    router = RedFlagRouter(RedFlagRouter.get_default_config())
    (message,) = router.process([_message("my back is stiff in the morning", "ask_pain_type")], spacy_model)
    assert message.get("intent")["name"] == "ask_pain_type"
    assert message.get("red_flags") == [] and message.get("red_flag_mentions") == []  # read: nothing found
    assert {"red_flags", "red_flag_mentions"} <= set(message.as_dict(only_output_properties=True))


@pytest.mark.parametrize(
    "text, intent, routed",
    [
        ("thanks, is it hereditary?", "thank", "ask_disease"),
        ("will it ever go away", "goodbye", "ask_disease"),
        ("hi! can lupus be cured?", "greet", "ask_disease"),
        ("what causes it", "ask_capabilities", "ask_disease"),
        ("thanks!", "thank", "thank"),
        ("how are you?", "greet", "greet"),
        ("what can you do?", "ask_capabilities", "ask_capabilities"),
        ("are you a real doctor?", "bot_challenge", "bot_challenge"),
        ("is it hereditary?", "request_diagnosis", "request_diagnosis"),  # not small talk: left to its action
        ("what doctor does she need to see", "contact_clinic", "ask_disease"),
        ("how do I book an appointment?", "contact_clinic", "contact_clinic"),
        ("my mom has it, will it go away", "goodbye", "ask_disease"),
        ("thanks, how many painkillers can I take for my joint pain?", "thank", "thank"),  # the refusals decide
        ("hi, do I have RA? my fingers are swollen", "greet", "greet"),
    ],
)
def test_questions_taken_for_small_talk_go_to_the_answer(spacy_model, text, intent, routed):
    router = SmallTalkQuestionRouter(SmallTalkQuestionRouter.get_default_config())
    (message,) = router.process([_message(text, intent)], spacy_model)
    assert message.get("intent")["name"] == routed
    assert message.get("intent_ranking")[0]["name"] == routed
