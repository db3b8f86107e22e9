"""The red-flag rules alone (no classifier): readings, levels, numbers, and the held-out corpora's bars."""

from __future__ import annotations

import pytest

from assistant import replies as r
from assistant.knowledge import load_knowledge
from assistant.safety import assess
from evaluation.safety_eval import load_not_now, load_red_flags, not_now_alarms, overall, red_flag_recall, rules_alarm


@pytest.mark.parametrize(
    "text, group",
    [
        ("I have chest pain right now", "chest_pain"),
        ("is this a heart attack? my chest is crushing", "chest_pain"),
        ("my mum collapsed and won't wake up", "fainting_seizure"),
        ("I took my weekly methotrexate every day this week", "overdose"),
        ("cannot breathe properly", "breathing"),
        ("CAN'T BREATHE", "breathing"),
        ("I don't want to wake up tomorrow", "suicide"),
        ("I'm not sure, maybe it's nothing, but my face is drooping", "stroke"),
        ("I had chest pain years ago and now it's back, crushing", "chest_pain"),
        ("my back is killing me and I've wet myself without noticing", "cauda_equina"),
        # from the before-stop check: typos, no apostrophe, a phone's curly apostrophe
        ("pls help my dad just colapsed on the kitchen floor and hes not waking up", "fainting_seizure"),
        ("my back has been bad for days and now i cant feel when i need to pee", "cauda_equina"),
    ],
)
def test_happening_now_is_an_emergency(knowledge, text, group):
    assessment = assess(text, knowledge)
    assert assessment.level == "emergency"
    assert group in {flag.id for flag in assessment.now}


@pytest.mark.parametrize(
    "text, reading",
    [
        ("can lupus cause chest pain?", "informational"),
        ("is it like a heart attack?", "informational"),
        ("I have no chest pain, only joint pain", "negated"),
        ("my chest pain went away years ago, what causes joint pain?", "past"),
        ("I had a stroke in 2015, can MS look like that?", "past"),
        ("what should I do if I ever get chest pain with lupus?", "hypothetical"),
        ("and is shortness of breath a symptom of lupus?", "informational"),
    ],
)
def test_mentions_are_read_as_mentions(knowledge, text, reading):
    assessment = assess(text, knowledge)
    assert assessment.now == []
    assert [f.status for f in assessment.findings] == [reading]


@pytest.mark.parametrize("text", ["Last year, I had chest pain and now it is back",
                                  "Yesterday, my face started drooping and my speech is slurred",
                                  "An hour ago, I took all my pills",
                                  "started Enbrel last month, now the cut on my leg is red, hot and oozing yellow stuff",
                                  "Last month, I stopped my prednisolone suddenly, I feel faint and weak"])
def test_an_opening_in_the_past_does_not_date_what_is_happening_now(knowledge, text):
    assert assess(text, knowledge).now


def test_a_general_question_asked_while_it_happens_is_an_emergency(knowledge):
    assert assess("can lupus cause chest pain? it started ten minutes ago", knowledge).level == "emergency"


def test_suicidal_thoughts_are_never_a_mere_mention(knowledge):
    assert assess("how many pills would it take to not wake up?", knowledge).level == "emergency"
    assert assess("I'm not suicidal but I don't want to wake up", knowledge).level == "emergency"


def test_urgent_groups_give_the_urgent_level(knowledge):
    assessment = assess("I'm on humira and I've had a fever and chills since last night", knowledge)
    assert assessment.level == "urgent"
    reply = r.safety_reply(knowledge, assessment.now)
    assert reply.text.startswith(knowledge.levels["urgent"]) and knowledge.emergency.emergency_number in reply.text


def test_every_safety_reply_names_a_number_and_never_ends_in_a_colon(knowledge):
    for flag in knowledge.red_flags:
        text = r.render(knowledge, r.safety_reply(knowledge, [flag]))
        first_line = text.splitlines()[0]
        assert knowledge.emergency.emergency_number in first_line, flag.id
        assert not any(line.rstrip().endswith(":") for line in text.splitlines()), flag.id
        assert text.endswith(knowledge.disclaimer)
    unclear = r.render(knowledge, r.safety_reply(knowledge, []))
    assert knowledge.emergency.emergency_number in unclear.splitlines()[0]
    assert knowledge.emergency.emergency_number in knowledge.disclaimer


def test_the_numbers_come_from_the_file_and_the_environment():
    default = load_knowledge()
    assert (default.emergency.emergency_number, default.emergency.general_number) == ("115", "112")
    assert "115" in default.levels["emergency"] and "{emergency_number}" not in default.disclaimer
    elsewhere = load_knowledge(environ={"EMERGENCY_NUMBER": "999", "CRISIS_LINE": "116 123", "EMERGENCY_COUNTRY": "UK"})
    assert elsewhere.emergency.emergency_number == "999" and elsewhere.emergency.country == "UK"
    assert "999" in elsewhere.disclaimer and "115" not in elsewhere.disclaimer
    suicide = next(f for f in elsewhere.red_flags if f.id == "suicide")
    assert "116 123" in suicide.opening and "999" in suicide.opening
    assert all("115" not in text for text in elsewhere.levels.values())


# --- the held-out corpora (evaluation/sets/safety/, docs/safety.md) -----------------------------------------------

def test_rules_alone_catch_the_red_flag_corpus(knowledge):
    """Rules-only recall >= 0.98 on the corpus; every emergency-level group at 1.0 on its own part."""
    results = red_flag_recall(load_red_flags("red_flags.yml"), knowledge)
    assert sum(r.total for r in results) >= 250 and all(r.total >= 10 for r in results)
    assert overall(results) >= 0.98, [m for r in results for m in r.missed]
    for result in results:
        if result.level == "emergency":
            assert result.recall == 1.0, (result.group, result.missed)


def test_the_unseen_corpus_does_not_fall_below_its_first_measure(knowledge):
    """The second corpus was never looked at while tuning: a floor at the figure it gave (0.95), not a target."""
    results = red_flag_recall(load_red_flags("red_flags_fresh.yml"), knowledge)
    assert overall(results) >= 0.95


def test_rules_alone_rarely_alarm_on_mere_mentions(knowledge):
    messages = load_not_now("not_now.yml")
    assert len(messages) >= 100
    count, alarmed = not_now_alarms(messages, rules_alarm(knowledge))
    assert count / len(messages) <= 0.05, alarmed


@pytest.mark.parametrize(
    "text",
    [
        "does fibromyalgia mess with your sleep? i never wake up refreshed",
        "can I keep working with lupus? i'm a teacher and by lunchtime i'm done",
        "reactive arthritis after food poisoning how long does it last",
        "how do I tell a new partner that I have MS? we've only been on 3 dates",
        "can I have the flu jab if I'm on methotrexate?",
        "on a biologic for PsA, can i get the shingles vaccine",
    ],
)
def test_a_red_flag_word_inside_an_everyday_phrase_is_no_alarm(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    "text, group",
    [
        ("I never wake up refreshed and honestly I want to die", "suicide"),
        ("I had food poisoning last week and now I'm vomiting blood", "severe_bleeding"),
        ("my new partner says my face is drooping and my speech is slurred", "stroke"),
        ("صورتش لک داشت ولی الان یهو یه طرف صورتش افتاده", "stroke"),
        ("had the flu jab yesterday, I'm on methotrexate and now I have a fever of 39 and shaking chills",
         "infection_on_immunosuppressants"),
        ("I'm on methotrexate and I have shingles with a fever", "infection_on_immunosuppressants"),
    ],
)
def test_an_everyday_phrase_hides_only_its_own_words(text, group):
    assert group in {flag.id for flag in assess(text).now}


@pytest.mark.parametrize(
    "text",
    [
        "I've had all the usual medication and nothing helps my fibro pain, what else is there?",
        "my hand doesn't work properly in the mornings with RA stiffness",
        "لوپوس تو بچه ها هم پیدا میشه؟ دختر ۱۴ ساله‌ام مفاصلش درد میکنه و صورتش لک افتاده",  # spots, not a droop
    ],
)
def test_everyday_descriptions_near_the_new_phrases_are_no_alarm(text):
    assert assess(text).level is None


@pytest.mark.parametrize(
    "text, group",
    [
        ("dad has giant cell arteritis. he suddenly dropped his cup, his right hand wont work and hes mumbling", "stroke"),
        ("A couple of hours ago I suddenly lost most of the vision in my left eye, it's like a dark shadow", "vision_loss"),
        ("she's doubled over in agony and there's blood in her poo", "severe_abdominal_pain"),
        ("her back is killing her and she suddenly can't hold her wee and feels numb where she sits", "cauda_equina"),
        ("she just texted me saying goodbye and that she's taken all her pain pills and sleeping tablets", "overdose"),
        ("he doesn't see the point anymore and he's locked himself in the garage with his pills", "suicide"),
    ],
)
def test_emergencies_told_at_the_end_of_a_long_story_are_caught(text, group):
    assert group in {flag.id for flag in assess(text).now}


def test_every_tuning_corpus_is_caught_whole_by_the_rules_and_its_mentions_stay_quiet(knowledge):
    """The tuning corpora (issue 17's, and the sets scored once that became tuning sets) stay at 1.0, rules only."""
    from evaluation.safety_eval import TUNING_CORPORA, crisis_checks, load_tuning, tuning_results

    for name in TUNING_CORPORA:
        for section, results in tuning_results(name, knowledge):
            assert overall(results) == 1.0, (name, section, [m for r in results for m in r.missed])
        assert not crisis_checks(load_tuning(name).get("crisis_check") or [], knowledge)[1], name
        messages = load_not_now(name)
        count, alarmed = not_now_alarms(messages, rules_alarm(knowledge))
        assert count / len(messages) <= 0.10, (name, alarmed)  # a floor (tuning_stories_elderly: 4 of 43)
