"""The Rasa-side NLU components on the saved spaCy pipeline (build/spacy_kb)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.training_data.message import Message

from assistant.language import LANGUAGE_KEY
from assistant.nlp import DEFAULT_PIPELINE_DIR
from assistant.paths import ROOT
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
        ("pmr tiredness", "affirm", "ask_disease"),  # keywords: a subject and a clear aspect
        ("ok lupus", "affirm", "affirm"),
        ("thanks, my mum has lupus", "thank", "thank"),
        ("lupus, is it getting better with time?", "how_are_you", "ask_disease"),  # the visitor check's Finglish kin
        ("how are you today?", "how_are_you", "how_are_you"),
        # a question mark ending a part, not the message: "exercise or rest?" then a story
        ("hi! my knees ache, should I exercise or rest? my daughter says swimming", "greet", "ask_disease"),
        ("hello? anyone there", "greet", "greet"),
    ],
)
def test_questions_taken_for_small_talk_go_to_the_answer(spacy_model, text, intent, routed):
    router = SmallTalkQuestionRouter(SmallTalkQuestionRouter.get_default_config())
    (message,) = router.process([_message(text, intent)], spacy_model)
    assert message.get("intent")["name"] == routed
    assert message.get("intent_ranking")[0]["name"] == routed


@pytest.mark.parametrize("text", [
    "salam. zanoom dard mikone, varzesh konam ya esterahat? dokhtaram mige boro estakhr",
    "سلام. زانوم درد میکنه، ورزش کنم یا استراحت؟ دخترم میگه برو استخر",
])
def test_a_persian_question_between_a_greeting_and_a_story_goes_to_the_answer(spacy_model, text):
    """The question mark ends a part, not the message; the language tagger said Persian (Finglish too)."""
    router = SmallTalkQuestionRouter(SmallTalkQuestionRouter.get_default_config())
    message = _message(text, "greet")
    message.set(LANGUAGE_KEY, "fa")
    (message,) = router.process([message], spacy_model)
    assert message.get("intent")["name"] == "ask_disease"


# --- issue 17 §5: no canned reply alone on a red flag, whatever the classifier said ---------------------------------

def _domain_intents():
    import yaml

    return [*yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"], "nlu_fallback"]


RED_FLAG_TEXTS = [
    "thanks, bye. I took a whole box of painkillers so the pain stops for good",  # the medicine refusal's words
    "is it lupus? I'm 30 weeks pregnant with a terrible headache and swollen face",  # a diagnosis request
    "I can't take this pain anymore",  # small talk or out of scope to a classifier
    "my 3 year old eat some pills of my hydroxychloroquine, maybe 4 or 5",  # "I don't have information about ..."
    "My husband fall down and his body shake very hard, foam from mouth, he not wake after",  # the fallback
]


@pytest.mark.parametrize("intent", _domain_intents())
def test_every_intent_gives_way_to_a_red_flag(spacy_model, intent):
    """The router turns any intent into report_emergency (confidence 1.0, so FallbackClassifier keeps it), whose rule
    runs action_emergency: no utter_* response (goodbye, thanks, affirm, deny, bot challenge) or refusal goes out alone."""
    router = RedFlagRouter(RedFlagRouter.get_default_config())
    for text in RED_FLAG_TEXTS:
        (message,) = router.process([_message(text, intent)], spacy_model)
        assert message.get("intent") == {"name": "report_emergency", "confidence": 1.0}, (intent, text)


def test_the_emergency_intent_runs_the_emergency_action():
    import yaml

    rules = yaml.safe_load((ROOT / "data" / "rules" / "safety.yml").read_text(encoding="utf-8"))["rules"]
    steps = next(rule["steps"] for rule in rules if {"intent": "report_emergency"} in rule["steps"])
    assert steps == [{"intent": "report_emergency"}, {"action": "action_emergency"}]


def test_the_router_reads_the_message_as_written_not_spacynlps_lowercased_doc(spacy_model):
    """SpacyNLP lowercases the doc it hands on; "AS" (the condition) must still count, as in the actions."""
    from rasa.nlu.constants import SPACY_DOCS

    router = RedFlagRouter(RedFlagRouter.get_default_config())
    text = "I have AS and I slipped and fell yesterday, now my neck hurts a lot"
    message = _message(text)
    message.set(SPACY_DOCS["text"], spacy_model.model(text.lower()))
    (message,) = router.process([message], spacy_model)
    assert message.get("red_flags") == ["as_fall_neck"]
    assert message.get("intent")["name"] == "report_emergency"


def test_the_router_parses_again_only_when_case_matters(spacy_model):
    """SpacyNLP's lowercased doc is reused unless the text holds a word the rules match with its case ("AS")."""
    from rasa.nlu.constants import SPACY_DOCS

    from assistant.knowledge import get_knowledge
    from assistant.nlp import case_sensitive_words
    from components._base import cased_doc, word_pattern

    pattern = word_pattern(case_sensitive_words(get_knowledge()))
    for text, parsed_again in (("My knees ache in the morning", False), ("I have AS and a stiff back", True),
                               ("as I said, my back", False), ("BASIC question", False)):
        message = _message(text)
        lowered = spacy_model.model(text.lower())
        message.set(SPACY_DOCS["text"], lowered)
        doc = cased_doc(message, spacy_model, pattern)
        assert (doc is not lowered) == parsed_again, text
        assert doc.text == (text if parsed_again else text.lower())


@pytest.mark.parametrize("text, red_flag", [
    ("I have crushing chest pain", True),  # a group's own words
    ("my back hurts and I take my medicine", False),  # only concepts that groups combine
    ("can I have the flu jab on methotrexate", False),  # an exception: the words of no red flag
])
def test_the_featurizer_marks_a_red_flag_groups_own_words_only(spacy_model, text, red_flag):
    from rasa.nlu.constants import SPACY_DOCS
    from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer

    from components.knowledge_featurizer import FEATURES, KnowledgeFeaturizer

    message = _message(text)
    message.set(SPACY_DOCS["text"], spacy_model.model(text.lower()))
    SpacyTokenizer(SpacyTokenizer.get_default_config()).process([message])
    featurizer = KnowledgeFeaturizer("knowledge_featurizer", KnowledgeFeaturizer.get_default_config())
    (message,) = featurizer.process([message])
    _, sentence_features = message.get_sparse_features("text", [])
    assert bool(sentence_features.features.toarray()[0, FEATURES.index("red_flag")]) is red_flag


def test_router_hands_on_the_alarm_models_second_reading(spacy_model):
    router = RedFlagRouter(RedFlagRouter.get_default_config())
    quiet, heard = router.process([_message("is lupus hereditary?"),
                                   _message("grandpa fell off the ladder and now he won't answer us", "ask_pain_type")],
                                  spacy_model)
    assert quiet.get("alarm_probability") < 0.5 and heard.get("alarm_probability") >= 0.85
    assert heard.get("intent")["name"] == "ask_pain_type"  # the intent stays: the actions add the line
    assert "alarm_probability" in heard.as_dict(only_output_properties=True)


def test_router_skips_the_model_when_the_rules_found_an_emergency(spacy_model):
    router = RedFlagRouter(RedFlagRouter.get_default_config())
    (message,) = router.process([_message("I have crushing chest pain right now")], spacy_model)
    assert message.get("alarm_probability") == 0.0 and message.get("red_flags") == ["chest_pain"]
