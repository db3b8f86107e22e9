"""The alarm model: a second reading of emergencies beside the rules (issue 17 §4), and where the chat uses it."""

from __future__ import annotations

import pytest
import yaml

from actions import actions as act
from assistant import alarm
from assistant.knowledge import get_knowledge
from assistant.normalise import normalise
from assistant.safety import ALARM_KEY, alarm_heard
from evaluation.emergency_classifier import everyday_messages, training_texts
from evaluation.safety_eval import CORPORA, TUNING_CORPORA
from tests.conftest import make_tracker


@pytest.fixture(scope="module")
def model():
    return alarm.load()  # the one `make alarm` built, as the chat loads it


@pytest.mark.parametrize("text", [
    "grandpa fell off the ladder and now he won't answer us, his eyes are rolling back",
    "پدرم یهو افتاد زمین و دیگه نفس نمیکشه",
])
def test_the_built_model_hears_an_emergency_in_new_words(model, text):
    assert model.alarms(text), model.probability(text)


@pytest.mark.parametrize("text", [
    "is lupus hereditary? my sister has it",
    "what exercise is good for ankylosing spondylitis",
    "آیا فیبرومیالژیا ارثی است؟",
    "thanks, that was helpful",
])
def test_the_built_model_stays_quiet_on_everyday_questions(model, text):
    assert not model.alarms(text), model.probability(text)


def test_an_empty_message_is_no_alarm(model):
    assert model.probability("   ") == 0.0


def test_a_missing_model_names_its_file_and_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"alarm-model\.pickle.*make alarm"):
        alarm.load(tmp_path / "alarm-model.pickle")


def test_an_unreadable_model_names_its_file(tmp_path):
    broken = tmp_path / "alarm-model.pickle"
    broken.write_bytes(b"not a pickle")
    with pytest.raises(RuntimeError, match=str(broken)):
        alarm.load(broken)


def test_a_model_cannot_learn_from_one_side_only():
    with pytest.raises(ValueError):
        alarm.AlarmModel(["help my chest hurts"], [])


def test_crisis_checks_are_neither_alarms_nor_quiet():
    """They get the rules' gentle check, not an ambulance: the model learns nothing from them."""
    alarms, quiet = training_texts()
    crisis = [text for name in TUNING_CORPORA
              for text in yaml.safe_load((CORPORA / name).read_text(encoding="utf-8")).get("crisis_check") or []]
    assert crisis and not set(crisis) & (set(alarms) | set(quiet))


def test_everyday_messages_are_read_without_their_entity_annotations():
    texts = everyday_messages()
    assert texts and not any("](" in text for text in texts)


def test_alarm_heard_reads_the_probability_the_router_hands_on():
    assert alarm_heard({ALARM_KEY: alarm.THRESHOLD})
    assert not alarm_heard({ALARM_KEY: alarm.THRESHOLD - 0.01})
    assert not alarm_heard({}) and not alarm_heard({ALARM_KEY: "high"})


NOTHING_FOUND = {"red_flags": [], "red_flag_mentions": []}


@pytest.mark.parametrize("action, intent", [
    (act.ActionGreet(), "greet"), (act.ActionSmallTalk(), "thank"), (act.ActionFallback(), "nlu_fallback"),
    (act.ActionOutOfScope(), "out_of_scope"), (act.ActionAnswerTopic(), "ask_disease"),
    (act.ActionRefuseMedication(), "request_medication"),
])
def test_a_second_reading_puts_the_emergency_line_before_any_reply(action, intent, dispatcher):
    knowledge = get_knowledge()
    tracker = make_tracker("he is not right, something is very wrong", intent, **NOTHING_FOUND, **{ALARM_KEY: 0.97})
    action.run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith(knowledge.levels["unclear"].split("{")[0])
    assert len(dispatcher.messages) >= 2  # the action's own reply still follows


def test_below_the_threshold_the_reply_is_unchanged(dispatcher):
    knowledge = get_knowledge()
    tracker = make_tracker("hello", "greet", **NOTHING_FOUND, **{ALARM_KEY: 0.2})
    act.ActionGreet().run(dispatcher, tracker, {})
    assert not dispatcher.messages[0]["text"].startswith(knowledge.levels["unclear"].split("{")[0])


def test_the_emergency_action_says_it_once_and_first(dispatcher):
    knowledge = get_knowledge()
    opening = knowledge.levels["unclear"].split("{")[0]
    tracker = make_tracker("RA and pregnancy??", "report_emergency", **NOTHING_FOUND, **{ALARM_KEY: 0.9})
    tracker.latest_message["intent"]["confidence"] = 0.3  # the intent classifier unsure: the model is not
    act.ActionEmergency().run(dispatcher, tracker, {})
    texts = [m.get("text") or "" for m in dispatcher.messages]
    assert texts[0].startswith(opening) and sum(t.startswith(opening) for t in texts) == 1


def test_a_rules_emergency_is_not_doubled(dispatcher):
    knowledge = get_knowledge()
    tracker = make_tracker("crushing chest pain now", "report_emergency", red_flags=["chest_pain"],
                           red_flag_mentions=[], **{ALARM_KEY: 0.0})
    act.ActionEmergency().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith(knowledge.levels["emergency"].split("{")[0])
    assert not any((m.get("text") or "").startswith(knowledge.levels["unclear"].split("{")[0])
                   for m in dispatcher.messages)


def test_the_fast_scoring_gives_the_pipelines_own_probabilities(model):
    texts = ["my chest is crushing and my arm is numb", "is lupus hereditary?", "درد قفسه سینه دارم", ""]
    expected = model.pipeline.predict_proba([normalise(text) for text in texts])[:, 1]
    assert model.probabilities(texts) == pytest.approx(list(expected), abs=1e-9)


@pytest.mark.parametrize("probability, answer_first", [(0.1, True), (0.5, False)])
def test_the_classifier_alone_against_a_quiet_alarm_model_answers_first(dispatcher, probability, answer_first):
    """The intent classifier sure of an emergency, the rules silent and the alarm model clearly against it
    ("this traffic is killing me"): the answer leads and the emergency line, with the number, follows it."""
    knowledge = get_knowledge()
    opening = knowledge.levels["unclear"].split("{")[0]
    tracker = make_tracker("how do they diagnose rheumatoid arthritis?", "report_emergency", **NOTHING_FOUND,
                           **{ALARM_KEY: probability})
    tracker.latest_message["intent"]["confidence"] = 0.95
    act.ActionEmergency().run(dispatcher, tracker, {})
    texts = [m.get("text") or "" for m in dispatcher.messages]
    warning = 1 if answer_first else 0
    assert texts[warning].startswith(opening) and knowledge.emergency.emergency_number in texts[warning]
    assert texts[1 - warning].startswith(knowledge.entry("rheumatoid_arthritis_diagnosis").answer)
