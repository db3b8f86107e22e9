"""The answering actions, run with real Trackers and a CollectingDispatcher.

The central invariant: every message that carries health information ends
with the disclaimer from the knowledge file, for every topic and every action.
"""

from __future__ import annotations

import re
from typing import List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as act
from actions.actions import KnowledgeAction
from assistant import replies as r
from assistant.knowledge import get_knowledge
from assistant.language import message_language
from channels.inputs import clean_text
from tests.conftest import make_tracker

TOPIC_INTENTS = get_knowledge().structure.topic_intents

ALL_ACTIONS: List[KnowledgeAction] = [cls() for cls in KnowledgeAction.__subclasses__()]
# Actions whose every message carries health information (action_answer_topic
# too, except when no topic fits and it shows the menu: checked by content).
HEALTH_ACTIONS = {
    "action_greet", "action_capabilities", "action_refuse_diagnosis", "action_refuse_medication", "action_emergency",
}


def run(action, tracker, dispatcher):
    events = action.run(dispatcher, tracker, {})
    assert all(event["event"] == "slot" for event in events)  # only the subject and last entry are remembered
    return dispatcher.messages


def health_fragments(knowledge):
    """Texts that carry health information: topic answers, bullets, warnings, safety levels and advice, refusals."""
    fragments = [knowledge.messages["medication_refusal"], *knowledge.levels.values()]
    fragments.append(knowledge.messages["diagnosis_refusal"].split("{condition}")[0])
    for topic in knowledge.topics:
        fragments += [topic.answer, *topic.bullets, *([topic.warning] if topic.warning else [])]
    fragments += [text for flag in knowledge.red_flags for text in (flag.advice, flag.if_now)]
    fragments += [entry.answer for entry in knowledge.entries]
    return fragments


def test_every_action_is_listed_in_the_domain():
    domain = open("domain.yml", encoding="utf-8").read()
    for action in ALL_ACTIONS:
        assert f"- {action.name()}" in domain


@pytest.mark.parametrize("topic_id", [
    "what_is_autoimmune", "pain_mechanisms", "pain_types", "joint_pain", "muscle_pain", "nerve_pain", "spinal_pain",
    "diseases_overview", "rheumatoid_arthritis", "lupus", "fibromyalgia", "ankylosing_spondylitis",
    "multiple_sclerosis", "psoriatic_arthritis", "vasculitis", "diagnosis_difficulty", "stress", "treatment",
])
def test_each_topic_answer_has_bullets_buttons_and_disclaimer(knowledge, dispatcher, topic_id):
    topic = knowledge.topic(topic_id)
    entities = [{"entity": topic.entity[0], "value": topic.entity[1]}] if topic.entity else []
    messages = run(act.ActionAnswerTopic(), make_tracker("question", topic.intent, entities), dispatcher)
    assert len(messages) == 1
    text = messages[0]["text"]
    assert text.startswith(topic.answer)
    assert all(f"• {b}" in text for b in topic.bullets)
    assert text.endswith(knowledge.disclaimer)
    assert text.count(knowledge.disclaimer) == 1
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == [knowledge.topic(r).payload for r in topic.related]


def test_the_disclaimer_invariant_over_every_action_and_every_topic(knowledge):
    """Any message carrying health information, from any action, for any topic, has the disclaimer."""
    fragments = health_fragments(knowledge)
    cases = [(None, [])] + [(intent, []) for intent in TOPIC_INTENTS]
    cases += [(t.intent, [{"entity": t.entity[0], "value": t.entity[1]}]) for t in knowledge.topics if t.entity]
    cases += [("request_diagnosis", [{"entity": "disease", "value": v.value}]) for v in knowledge.entity_values("disease")]
    checked = 0
    for action in ALL_ACTIONS:
        for intent, entities in cases:
            dispatcher = CollectingDispatcher()
            messages = run(action, make_tracker("some question", intent, entities), dispatcher)
            assert messages, f"{action.name()} sent nothing"
            for message in messages:
                text = message["text"]
                assert "\n\n" not in text, "a blank line would split the message in Rasa's channels"
                carries_health = any(fragment in text for fragment in fragments)
                if carries_health or action.name() in HEALTH_ACTIONS:
                    assert text.endswith(knowledge.disclaimer), (action.name(), intent, text[:80])
                    assert text.count(knowledge.disclaimer) == 1
                checked += 1
    assert checked >= len(ALL_ACTIONS) * len(cases)


def test_medication_request_is_refused_without_any_dose(knowledge, dispatcher):
    tracker = make_tracker("how much ibuprofen can I take?", "request_medication")
    (message,) = run(act.ActionRefuseMedication(), tracker, dispatcher)
    assert message["text"].startswith(knowledge.messages["medication_refusal"])
    assert not re.search(r"\d", message["text"].replace(knowledge.disclaimer, ""))
    assert [b["payload"] for b in message["buttons"]] == ["/ask_treatment"]


def test_diagnosis_request_is_refused_and_the_general_topic_given(knowledge, dispatcher):
    tracker = make_tracker("do I have lupus?", "request_diagnosis", [{"entity": "disease", "value": "lupus"}])
    (message,) = run(act.ActionRefuseDiagnosis(), tracker, dispatcher)
    text = message["text"]
    assert "can't tell you whether you have lupus." in text  # named plainly in running text
    assert knowledge.topic("lupus").answer in text
    assert text.endswith(knowledge.disclaimer)


def test_diagnosis_request_without_disease_never_names_one(knowledge, dispatcher):
    tracker = make_tracker("what's wrong with me?", "request_diagnosis")
    (message,) = run(act.ActionRefuseDiagnosis(), tracker, dispatcher)
    labels = [v.label for v in knowledge.entity_values("disease")]
    assert not any(label in message["text"] for label in labels)
    assert "{condition}" not in message["text"]


@pytest.mark.parametrize("action", ALL_ACTIONS, ids=lambda a: a.name())
def test_red_flag_gets_emergency_help_first_from_every_action(knowledge, dispatcher, action):
    text = "what does lupus do to joints? also I have crushing chest pain right now"
    tracker = make_tracker(text, "ask_disease", [{"entity": "disease", "value": "lupus"}])
    messages = run(action, tracker, dispatcher)
    assert len(messages) == 1
    reply = messages[0]["text"]
    assert reply.startswith(knowledge.levels["emergency"])
    assert knowledge.emergency.emergency_number in reply.split("\n")[0]
    chest = next(f for f in knowledge.red_flags if f.id == "chest_pain")
    assert chest.advice in reply
    assert knowledge.topic("lupus").answer not in reply
    assert reply.endswith(knowledge.disclaimer)


def test_emergency_intent_without_a_known_phrase_still_gets_help(knowledge, dispatcher):
    tracker = make_tracker("I think something is really wrong, help", "report_emergency")
    (message,) = run(act.ActionEmergency(), tracker, dispatcher)
    assert message["text"].startswith(knowledge.levels["unclear"])
    assert knowledge.emergency.emergency_number in message["text"]
    assert not message["text"].rstrip().endswith(":")
    assert "buttons" not in message or not message["buttons"]


@pytest.mark.parametrize("confidence, answer_first", [(0.4, True), (0.9, False)])
def test_an_unsure_classifier_emergency_puts_the_answer_first_and_still_names_the_number(
    knowledge, dispatcher, confidence, answer_first
):
    """No red-flag rule fired; the classifier said emergency: sure, the warning leads; unsure, it follows the answer."""
    tracker = make_tracker("how do they diagnose rheumatoid arthritis?", "report_emergency")
    tracker.latest_message["intent"]["confidence"] = confidence
    first, second = run(act.ActionEmergency(), tracker, dispatcher)[:2]
    warning, answer = (second, first) if answer_first else (first, second)
    assert warning["text"].startswith(knowledge.levels["unclear"])
    assert knowledge.emergency.emergency_number in warning["text"]
    assert answer["text"].startswith(knowledge.entry("rheumatoid_arthritis_diagnosis").answer)


def test_suicidal_message_gets_the_crisis_advice(knowledge, dispatcher):
    tracker = make_tracker("the pain is so bad I want to end my life", "ask_pain_mechanism")
    (message,) = run(act.ActionAnswerTopic(), tracker, dispatcher)
    suicide = next(f for f in knowledge.red_flags if f.id == "suicide")
    assert suicide.advice in message["text"]


def test_contact_comes_from_the_environment(knowledge, dispatcher, monkeypatch):
    monkeypatch.setenv("CLINIC_NAME", "Example Pain Clinic")
    monkeypatch.setenv("CLINIC_PHONE", "+1 555 0100")
    monkeypatch.delenv("CLINIC_EMAIL", raising=False)
    (message,) = run(act.ActionContactClinic(), make_tracker("phone number?", "contact_clinic"), dispatcher)
    assert "Example Pain Clinic" in message["text"]
    assert "Phone: +1 555 0100" in message["text"]
    assert "Email" not in message["text"]


def test_contact_without_configuration_says_so(knowledge, dispatcher, monkeypatch):
    for var in ("CLINIC_NAME", "CLINIC_PHONE", "CLINIC_EMAIL", "CLINIC_URL", "CLINIC_ADDRESS", "CLINIC_HOURS"):
        monkeypatch.delenv(var, raising=False)
    (message,) = run(act.ActionContactClinic(), make_tracker("phone number?", "contact_clinic"), dispatcher)
    assert message["text"] == knowledge.messages["contact_unconfigured"]


@pytest.mark.parametrize("action_cls", [act.ActionOutOfScope, act.ActionFallback, act.ActionCapabilities, act.ActionGreet])
def test_menu_actions_offer_every_general_topic(knowledge, dispatcher, action_cls):
    (message,) = run(action_cls(), make_tracker("hm", "out_of_scope"), dispatcher)
    payloads = {b["payload"] for b in message["buttons"]}
    assert {"/ask_treatment", "/ask_stress", "/ask_disease", "/ask_pain_type"} <= payloads


def test_unknown_intent_in_answer_action_falls_back_to_the_menu(knowledge, dispatcher):
    (message,) = run(act.ActionAnswerTopic(), make_tracker("??", "weird_intent"), dispatcher)
    assert message["text"] == knowledge.messages["fallback"]


@pytest.mark.parametrize("action", [a for a in ALL_ACTIONS if a.name() != "action_emergency"], ids=lambda a: a.name())
def test_a_mere_mention_is_answered_with_the_if_now_line(knowledge, dispatcher, action):
    """ "can lupus cause chest pain?": the action's own reply, then one line with the number, then the disclaimer."""
    tracker = make_tracker("can lupus cause chest pain?", "ask_disease", [{"entity": "disease", "value": "lupus"}])
    messages = run(action, tracker, dispatcher)
    chest = next(f for f in knowledge.red_flags if f.id == "chest_pain")
    first = messages[0]["text"]
    assert not first.startswith(tuple(knowledge.levels.values()))
    assert chest.if_now in first and knowledge.emergency.emergency_number in chest.if_now
    assert first.endswith(knowledge.disclaimer)


def test_an_urgent_group_gets_the_doctor_today_reply(knowledge, dispatcher):
    tracker = make_tracker("I'm on methotrexate and I've had a fever since yesterday", "ask_treatment")
    (message,) = run(act.ActionAnswerTopic(), tracker, dispatcher)
    infection = next(f for f in knowledge.red_flags if f.id == "infection_on_immunosuppressants")
    assert message["text"].startswith(knowledge.levels["urgent"])
    assert infection.advice in message["text"]
    assert knowledge.emergency.emergency_number in message["text"]


@pytest.mark.parametrize("text, language, aspect", [
    ("Which MS symptoms mean you should get seen the same day? New diagnosis, just trying to learn.", "en", "urgent"),
    ("I'm on methotrexate and have had a fever since yesterday. How common are infections on these medicines?", "en",
     "infections"),
    ("متوترکسات میخورم و از دیروز تب دارم، عفونت با این داروها چقدر شایعه؟", "fa", "infections"),
])
def test_after_an_urgent_groups_reply_comes_the_answer(text, language, aspect):
    """An urgent group found now: the "doctor today" reply first, then the entry that answers the question."""
    knowledge = get_knowledge(language)
    tracker = make_tracker(clean_text(text), "report_emergency", language=language)  # as the channel and NLU hand it on
    dispatcher = CollectingDispatcher()
    events = act.ActionAnswerTopic().run(dispatcher, tracker, {})
    first, *rest = dispatcher.messages
    assert first["text"].startswith(knowledge.levels["urgent"])
    entry_id = next(e["value"] for e in events if e["name"] == "last_entry")
    assert rest and rest[0]["text"].startswith(knowledge.entry(entry_id).answer[:40])
    assert aspect in knowledge.entry(entry_id).aspects
    assert all(m["text"].endswith(knowledge.disclaimer) for m in dispatcher.messages)


@pytest.mark.parametrize("text, language, aspect", [
    ("I've got no strength left for any of it. Does joint pain make you this tired?", "en", "fatigue"),
    ("سلام. درد مفاصل آدمو خسته میکنه؟ من از بس با درد راه میرم عصر که میشه دیگه جون ندارم.", "fa", "fatigue"),
])
def test_after_the_gentle_crisis_check_comes_the_answer_asked_for(text, language, aspect):
    """The crisis check alone (``answer_after``): its own opening first, with the crisis line, then the answer."""
    knowledge = get_knowledge(language)
    crisis = next(f for f in knowledge.red_flags if f.id == "crisis_check")
    tracker = make_tracker(clean_text(text), "report_emergency", language=language)
    dispatcher = CollectingDispatcher()
    events = act.ActionAnswerTopic().run(dispatcher, tracker, {})
    first, *rest = dispatcher.messages
    assert first["text"].startswith(crisis.opening)
    entry_id = next(e["value"] for e in events if e["name"] == "last_entry")
    assert rest and aspect in knowledge.entry(entry_id).aspects
    assert all(m["text"].endswith(knowledge.disclaimer) for m in dispatcher.messages)


@pytest.mark.parametrize("text, language, aspect", [
    ("since my lupus diagnosis i think about dying a lot, how long do people live with it?", "en", "outlook"),
    ("از وقتی فهمیدم لوپوس دارم همش به مردن فکر میکنم. لوپوس خوب میشه؟", "fa", "outlook"),
])
def test_thoughts_of_dying_get_the_gentle_check_and_then_the_answer(text, language, aspect):
    """Thoughts of one's own death (``death_thoughts``, ``answer_after``): the gentle check first, then the answer."""
    knowledge = get_knowledge(language)
    check = next(f for f in knowledge.red_flags if f.id == "death_thoughts")
    tracker = make_tracker(clean_text(text), "report_emergency", language=language)
    dispatcher = CollectingDispatcher()
    events = act.ActionAnswerTopic().run(dispatcher, tracker, {})
    first, *rest = dispatcher.messages
    assert first["text"].startswith(check.opening) and knowledge.emergency.crisis_line in first["text"]
    entry_id = next(e["value"] for e in events if e["name"] == "last_entry")
    assert rest and aspect in knowledge.entry(entry_id).aspects
    assert all(m["text"].endswith(knowledge.disclaimer) for m in dispatcher.messages)


@pytest.mark.parametrize("text", [
    "I can't take this pain anymore, I'm going to end it tonight. Does joint pain make you this tired?",
    "I took all my pills at once. Does joint pain make you tired?",
])
def test_after_any_other_emergency_the_reply_stands_alone(knowledge, dispatcher, text):
    """A plan, an overdose: the emergency reply, nothing after it, whatever else the message asks."""
    (message,) = run(act.ActionAnswerTopic(), make_tracker(clean_text(text), "report_emergency"), dispatcher)
    assert knowledge.emergency.emergency_number in message["text"]


def test_the_answer_after_an_urgent_reply_is_the_messages_own_not_the_conversations(knowledge, dispatcher):
    """After a question on fibromyalgia, "on methotrexate with a fever, how common are infections?" gets the shared
    infections entry, not fibromyalgia's (the visitor check of this session)."""
    tracker = make_tracker(clean_text("I'm on methotrexate and have had a fever since yesterday. How common are "
                                      "infections on these medicines?"), "report_emergency", language="en")
    tracker.slots["subject"] = "fibromyalgia"
    events = act.ActionAnswerTopic().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith(knowledge.levels["urgent"])
    assert [e["value"] for e in events if e.get("name") == "last_entry"] == ["autoimmune_infections"]


def test_an_urgent_report_that_asks_nothing_gets_the_groups_advice_alone(knowledge, dispatcher):
    """ "I'm on CinnoRA and have had a fever since last night" tells: the group's advice answers it, nothing after."""
    tracker = make_tracker("I'm on CinnoRA injections and I've had a fever of 38.5 since last night", "report_emergency")
    (message,) = run(act.ActionAnswerTopic(), tracker, dispatcher)
    assert message["text"].startswith(knowledge.levels["urgent"])


def test_a_question_for_the_entries_taken_for_the_front_desk_gets_its_answer(knowledge, dispatcher):
    """ "Can I use the sauna with MS?" asks nothing of the clinic: the entry answers, however the classifier took it;
    the phone number question gets the contact reply."""
    events = act.ActionContactClinic().run(dispatcher, make_tracker("Can I use the sauna with MS?", "contact_clinic"), {})
    assert [e["value"] for e in events if e.get("name") == "last_entry"] == ["multiple_sclerosis_weather"]
    phone = CollectingDispatcher()
    act.ActionContactClinic().run(phone, make_tracker("what is the clinic's phone number?", "contact_clinic"), {})
    (message,) = phone.messages
    assert not message["text"].endswith(knowledge.disclaimer)  # the contact reply carries no health information


def test_an_emergency_reply_stands_alone(knowledge, dispatcher):
    """An emergency found now gets only its reply, even when the message also asks a question with an answer."""
    tracker = make_tracker("I have crushing chest pain right now and my arm is numb. Can lupus affect the heart?",
                           "report_emergency")
    (message,) = run(act.ActionAnswerTopic(), tracker, dispatcher)
    assert message["text"].startswith(knowledge.levels["emergency"])


def test_topics_that_need_it_end_with_when_to_get_help(knowledge, dispatcher):
    for topic_id in ("joint_pain", "spinal_pain", "nerve_pain", "vasculitis"):
        topic = knowledge.topic(topic_id)
        tracker = make_tracker("question", topic.intent, [{"entity": topic.entity[0], "value": topic.entity[1]}])
        (message,) = run(act.ActionAnswerTopic(), tracker, CollectingDispatcher())
        assert topic.warning and knowledge.emergency.emergency_number in topic.warning
        assert message["text"].index(topic.warning) < message["text"].index(knowledge.disclaimer)


def test_the_disclaimer_invariant_over_every_entry_and_the_not_covered_reply(knowledge):
    """Each entry's answer, reached by its own question, and each "I don't have information" reply end with it."""
    questions = [(entry.title, entry.answer) for entry in knowledge.entries]
    questions += [("is gout an autoimmune disease?", knowledge.messages["not_covered"].split("{thing}")[0])]
    for text, opening in questions:
        dispatcher = CollectingDispatcher()
        run(act.ActionAnswerTopic(), make_tracker(text, "ask_disease"), dispatcher)
        message = dispatcher.messages[0]["text"]
        if message.startswith(opening):
            assert message.endswith(knowledge.disclaimer) and message.count(knowledge.disclaimer) == 1, text
    not_covered = CollectingDispatcher()
    run(act.ActionAnswerTopic(), make_tracker("is gout an autoimmune disease?", "ask_disease"), not_covered)
    assert not_covered.messages[0]["text"].startswith(questions[-1][1])


def test_the_routers_reading_is_handed_on_and_not_recomputed(knowledge, dispatcher):
    """The action takes the red-flag reading the NLU wrote on the parse, without reading the text again."""
    handed = make_tracker("what is lupus?", "ask_disease", [{"entity": "disease", "value": "lupus"}],
                          red_flags=["chest_pain"], red_flag_mentions=[])
    reply = run(act.ActionAnswerTopic(), handed, dispatcher)[0]["text"]
    assert reply.startswith(knowledge.levels["emergency"])
    dispatcher.messages.clear()
    quiet = make_tracker("I have crushing chest pain right now", "ask_disease", [{"entity": "disease", "value": "lupus"}],
                         red_flags=[], red_flag_mentions=[])
    assert not run(act.ActionAnswerTopic(), quiet, dispatcher)[0]["text"].startswith(knowledge.levels["emergency"])


@pytest.mark.parametrize("parse", [{}, {"red_flags": ["no_such_group"], "red_flag_mentions": []}], ids=["payload", "unknown"])
def test_a_message_without_a_usable_reading_is_read_here(knowledge, dispatcher, parse):
    """Button payloads and bin/ask skip the NLU: the action reads the text itself."""
    tracker = make_tracker("I have crushing chest pain right now", "ask_disease", **parse)
    assert run(act.ActionAnswerTopic(), tracker, dispatcher)[0]["text"].startswith(knowledge.levels["emergency"])


def test_rasa_keeps_the_readings_keys_in_latest_message():
    """Rasa 3.6 stores the whole parse result on the user event and sends it as ``latest_message``."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    parse = {"intent": {"name": "report_emergency", "confidence": 1.0}, "entities": [], "text": "chest pain now",
             "red_flags": ["chest_pain"], "red_flag_mentions": ["stroke"]}
    tracker = DialogueStateTracker.from_events("s", [UserUttered("chest pain now", parse["intent"], [], parse)],
                                               slots=Domain.empty().slots)
    state = tracker.current_state(EventVerbosity.ALL)  # what the Rasa server sends the action server
    assert state["latest_message"]["red_flags"] == ["chest_pain"]
    assert state["latest_message"]["red_flag_mentions"] == ["stroke"]
    restored = DialogueStateTracker.from_dict("s", state["events"], Domain.empty().slots)
    assert restored.latest_message.parse_data["red_flags"] == ["chest_pain"]  # and it is kept in the store


@pytest.mark.parametrize("action", ALL_ACTIONS, ids=lambda a: a.name())
@pytest.mark.parametrize("text", ["I can't take this pain anymore", "took all my zolpidem so I don't wake up",
                                  "my dad hit his head, he's on warfarin"])
def test_issue17_red_flags_get_help_first_from_every_action(knowledge, dispatcher, action, text):
    """Refusals, small talk, out of scope, the fallback: none goes out alone on a red flag (issue 17 §5)."""
    messages = run(action, make_tracker(text, "out_of_scope"), dispatcher)
    assert len(messages) == 1 and messages[0]["text"].startswith(r.safety_openings(knowledge)), messages


# --- issue 18: the source line, small talk --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fa"])
def test_every_entry_and_topic_answer_carries_its_source_line_above_the_disclaimer(language):
    """Each knowledge answer names where it comes from in one short line, just before the disclaimer."""
    knowledge = get_knowledge(language)
    answers = [(r.entry_reply(knowledge, entry), entry.source) for entry in knowledge.entries]
    answers += [(r.topic_reply(knowledge, topic), topic.source) for topic in knowledge.topics]
    for reply, sources in answers:
        lines = r.render(knowledge, reply).split(r.PARAGRAPH)
        assert lines[-1] == knowledge.disclaimer
        line = lines[-2]
        assert line == knowledge.messages["source_line"].replace("{sources}", line.split(": ", 1)[-1]), line
        for source in sources:
            assert knowledge.source_names[source] in line, (reply.entry, source)
        assert len(line) < 200, line


def test_the_source_line_names_each_publisher_once_in_the_reply_language():
    english, persian = get_knowledge("en"), get_knowledge("fa")
    ids = ("medlineplus_lupus", "gard_lupus", "ghr_sle", "article")
    assert r.source_line(english, ids) == (
        "Source: MedlinePlus, US National Library of Medicine; US National Institutes of Health; the clinic's article")
    assert r.source_line(persian, ids).startswith("منبع: MedlinePlus، کتابخانهٔ ملی پزشکی آمریکا")
    assert r.source_line(english, ()) == ""


def test_a_safety_reply_and_a_refusal_carry_no_source_line(knowledge):
    for reply in (r.safety_reply(knowledge, knowledge.red_flags[:1]), r.medication_refusal(knowledge)):
        assert "Source:" not in r.render(knowledge, reply)


@pytest.mark.parametrize("intent, key", [("bot_challenge", "bot_challenge"), ("how_are_you", "how_are_you"),
                                         ("thank", "you_are_welcome"), ("goodbye", "goodbye")])
def test_small_talk_gets_its_own_text(knowledge, intent, key):
    dispatcher = CollectingDispatcher()
    run(act.ActionSmallTalk(), make_tracker("hello there", intent), dispatcher)
    assert dispatcher.messages[0]["text"] == knowledge.messages[key]


def test_the_about_reply_names_the_clinic_and_credits_medquad(knowledge):
    text = knowledge.messages["bot_challenge"]
    assert "clinic" in text and "not a doctor" in text and "MedQuAD" in text and "CC BY 4.0" in text
    assert "MedQuAD" in get_knowledge("fa").messages["bot_challenge"]


def test_frustration_gets_an_apology_and_the_topics(knowledge):
    dispatcher = CollectingDispatcher()
    run(act.ActionSmallTalk(), make_tracker("you're useless", "complain"), dispatcher)
    message = dispatcher.messages[0]
    assert message["text"].startswith(knowledge.messages["complain"])
    assert len(message["buttons"]) >= 3
    assert message["text"] != knowledge.messages["you_are_welcome"]


def test_conditions_are_named_plainly_in_running_text():
    """ "whether lupus is contagious", not "whether Lupus (SLE) is contagious"."""
    from assistant.retrieval.subjects import subject_label

    english, persian = get_knowledge("en"), get_knowledge("fa")
    assert subject_label(english, "lupus") == "lupus"
    assert subject_label(english, "multiple_sclerosis") == "MS"
    assert subject_label(persian, "lupus") == "لوپوس"
    assert english.entity_label("disease", "lupus") == "Lupus (SLE)"  # headings and buttons keep the label
    for knowledge in (english, persian):
        assert all(value.name and "(" not in value.name for value in knowledge.entities)


@pytest.mark.parametrize("text", ["who won the world cup in 2022", "how to get pregnant faster",
                                  "what vaccines does a newborn baby need"])
def test_out_of_scope_with_nothing_of_ours_stays_out_of_scope(knowledge, dispatcher, text):
    """No subject, no conversation, none of our words: the general entries do not answer "who won the world cup?"."""
    (message,) = run(act.ActionOutOfScope(), make_tracker(text, "out_of_scope"), dispatcher)
    assert message["text"].startswith(knowledge.messages["out_of_scope"])


def test_out_of_scope_in_a_conversation_about_a_condition_is_answered_as_a_follow_up(knowledge, dispatcher):
    told = make_tracker("how long do these usually last", "out_of_scope")
    tracker = Tracker(told.sender_id, {"subject": "fibromyalgia"}, told.latest_message, told.events, False, None, {},
                      "action_listen")
    messages = run(act.ActionOutOfScope(), tracker, dispatcher)
    assert not messages[0]["text"].startswith(knowledge.messages["out_of_scope"])


@pytest.mark.parametrize("text", ["I take methotrexate for RA, which vaccines are safe?",
                                  "داروی بیولوژیک برای اسپوندیلیت شروع کردم (آلتبرنت)، چه واکسن‌هایی میتونم بزنم؟"])
def test_a_vaccine_question_beside_a_medicine_is_answered_not_refused(knowledge, dispatcher, text):
    language = message_language(text, get_knowledge())
    tracker = make_tracker(clean_text(text), "request_medication", language=language)  # as the channel and NLU hand it on
    (message, *_) = run(act.ActionRefuseMedication(), tracker, dispatcher)
    languages = {get_knowledge(lang).messages["medication_refusal"] for lang in ("en", "fa")}
    assert not any(message["text"].startswith(refusal[:40]) for refusal in languages)


def test_a_dose_question_is_still_refused(knowledge, dispatcher):
    (message, *_) = run(act.ActionRefuseMedication(), make_tracker("how many painkillers can I take for my lupus",
                                                                  "request_medication"), dispatcher)
    assert message["text"].startswith(knowledge.messages["medication_refusal"][:40])


@pytest.mark.parametrize("action_cls, text, intent", [
    (act.ActionOutOfScope, "my husband has had Behcet's for ten years", "out_of_scope"),
    (act.ActionFallback, "My mum has rheumatoid arthritis, she's 64.", "nlu_fallback"),
    (act.ActionRefuseMedication, "my daughter takes methotrexate for lupus", "request_medication"),
])
def test_a_message_that_only_tells_keeps_its_subject_for_the_next_question(knowledge, dispatcher, action_cls, text, intent):
    events = action_cls().run(dispatcher, make_tracker(text, intent), {})
    subject = next(e["value"] for e in events if e["name"] == "subject")
    expected = {"Behcet": "vasculitis", "rheumatoid": "rheumatoid_arthritis", "lupus": "lupus"}
    assert subject == next(value for word, value in expected.items() if word in text)


def test_a_message_naming_nothing_sets_no_subject(knowledge, dispatcher):
    events = act.ActionFallback().run(dispatcher, make_tracker("hmm ok", "nlu_fallback"), {})
    assert not [e for e in events if e["name"] == "subject"]


def test_a_medicine_question_with_a_clear_answer_gets_the_refusal_then_the_answer(knowledge, dispatcher):
    """It names a medicine but asks no dose, drug choice or change: the refusal first, then the general answer."""
    text = "is pregnancy safe with behcet? i am afraid my medicine will hurt the baby"
    refusal, answer = run(act.ActionRefuseMedication(), make_tracker(text, "request_medication"), dispatcher)
    assert refusal["text"].startswith(knowledge.messages["medication_refusal"]) and not refusal.get("buttons")
    entry = next(e for e in knowledge.entries if answer["text"].startswith(e.answer))
    assert "pregnancy" in entry.aspects
    assert knowledge.disclaimer in answer["text"]


@pytest.mark.parametrize("text", ["is pregnancy safe with behcet? which medicine should i take for it",
                                  "how many painkillers can I take for my lupus",
                                  "how long do I stay on my meds for PMR?", "which pills are best for GCA?"])
def test_a_dose_or_drug_choice_gets_the_refusal_alone(knowledge, dispatcher, text):
    (message,) = run(act.ActionRefuseMedication(), make_tracker(text, "request_medication"), dispatcher)
    assert message["text"].startswith(knowledge.messages["medication_refusal"])


def test_a_medicine_we_do_not_cover_named_with_a_condition_gets_the_refusal_then_its_treatment(knowledge, dispatcher):
    """"what does hydroxychloroquine do for lupus?": not "I don't have information", but the refusal and lupus's
    treatment overview (no drug, no dose); with no condition named, the refusal alone."""
    tracker = make_tracker("what does hydroxychloroquine do for lupus, why did the doctor give a malaria pill",
                           "request_medication")
    refusal, answer = run(act.ActionRefuseMedication(), tracker, dispatcher)
    assert refusal["text"].startswith(knowledge.messages["medication_refusal"])
    assert answer["text"].startswith(knowledge.entry("lupus_treatment").answer)
    dispatcher.messages.clear()
    (alone,) = run(act.ActionRefuseMedication(), make_tracker("does hydroxychloroquine cause hair loss",
                                                              "request_medication"), dispatcher)
    assert alone["text"].startswith(knowledge.messages["medication_refusal"])


def _in_a_conversation(text: str, intent: str, subject: str, language: str = "en") -> Tracker:
    """A tracker whose latest message follows a conversation about ``subject``, in ``language``."""
    tracker = make_tracker(text, intent)
    tracker.slots["subject"] = subject
    tracker.slots["language"] = language
    return tracker


@pytest.mark.parametrize("action_cls, text, intent, subject, entry", [
    (act.ActionCapabilities, "what about for teens", "ask_capabilities", "fibromyalgia", "autoimmune_children"),
])
def test_a_follow_up_taken_for_small_talk_gets_its_answer(knowledge, action_cls, text, intent, subject, entry):
    dispatcher = CollectingDispatcher()
    events = action_cls().run(dispatcher, _in_a_conversation(text, intent, subject), {})
    assert {"event": "slot", "timestamp": None, "name": "last_entry", "value": entry} in events
    assert knowledge.entry(entry).answer.split()[0] in dispatcher.messages[0]["text"]


@pytest.mark.parametrize("action_cls, text, intent, key, language", [
    (act.ActionSmallTalk, "who are you?", "bot_challenge", "bot_challenge", "en"),
    (act.ActionSmallTalk, "who made you", "bot_challenge", "bot_challenge", "en"),
    (act.ActionCapabilities, "what can you do?", "ask_capabilities", "capabilities_intro", "en"),
    (act.ActionCapabilities, "what about you?", "ask_capabilities", "capabilities_intro", "en"),
    (act.ActionSmallTalk, "کی هستی؟", "bot_challenge", "bot_challenge", "fa"),
    (act.ActionCapabilities, "چیکار میتونی بکنی؟", "ask_capabilities", "capabilities_intro", "fa"),
])
def test_small_talk_in_a_conversation_stays_small_talk(action_cls, text, intent, key, language):
    dispatcher = CollectingDispatcher()
    action_cls().run(dispatcher, _in_a_conversation(text, intent, "lupus", language), {})
    assert get_knowledge(language).messages[key] in dispatcher.messages[0]["text"]


@pytest.mark.parametrize("text, intent, value, language", [
    ("پسرم ماهی یه بار آفت بد میزنه، دکتر گفت شاید بهجت باشه", "affirm", "vasculitis", "fa"),
    ("بابام تو شیراز GCA گرفته", "bot_challenge", "vasculitis", "fa"),
    ("my mum has lupus", "affirm", "lupus", "en"),
])
def test_a_condition_told_and_taken_for_small_talk_gets_its_overview(text, intent, value, language):
    """"Good." or the assistant's introduction is no reply to «my son may have Behçet's» (round 16, used)."""
    knowledge = get_knowledge(language)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, intent, [{"entity": "disease", "value": value}], language=language)
    run(act.ActionSmallTalk(), tracker, dispatcher)
    first = dispatcher.messages[0]["text"]
    assert knowledge.messages[act.ActionSmallTalk.MESSAGES[intent]] not in first
    topic = next(t for t in knowledge.topics if t.entity == ("disease", value))
    assert r.topic_text(topic).split()[0] in first


def test_a_yes_alone_is_still_acknowledged(knowledge):
    dispatcher = CollectingDispatcher()
    run(act.ActionSmallTalk(), make_tracker("yes", "affirm"), dispatcher)
    assert dispatcher.messages[0]["text"] == knowledge.messages["affirm"]
