"""Choosing the entry: subject by rules, aspect by the classifier, honest unknowns, follow-ups."""

from __future__ import annotations

from dataclasses import replace

import pytest

from actions import actions as act
from assistant.knowledge import Knowledge
from assistant.nlp import get_pipeline
from assistant.retrieval import EntryFinder, get_finder
from tests.conftest import make_tracker


@pytest.fixture(scope="module")
def finder(knowledge: Knowledge) -> EntryFinder:
    return get_finder(knowledge, get_pipeline())


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    from assistant.knowledge import get_knowledge

    return get_knowledge()


@pytest.mark.parametrize(
    "question, entry",
    [
        ("Can lupus be cured?", "lupus_outlook"),
        ("Can I get pregnant if I have lupus?", "lupus_pregnancy"),
        ("is exercise good for ankylosing spondylitis?", "ankylosing_spondylitis_exercise"),
        ("what kind of doctor should I see for joint pain?", "autoimmune_specialist"),
        ("what kinds of pain do autoimmune diseases cause", "autoimmune_symptoms"),
        ("is rhuematoid artritis hereditary", "rheumatoid_arthritis_heredity"),
        ("what is AS? my son's doctor mentioned it", "ankylosing_spondylitis_what"),
        ("what is the difference between osteoarthritis and rheumatoid arthritis", "comparison_oa_vs_ra"),
        ("I had a stroke in 2015, is MS similar?", "comparison_ms_vs_stroke"),
        ("I have no fever, just the usual joint pain, is RA hereditary?", "rheumatoid_arthritis_heredity"),
    ],
)
def test_questions_find_their_entry(finder, question, entry):
    choice = finder.choose(question)
    assert choice.entry is not None and choice.entry.id == entry


def test_a_subject_and_an_aspect_never_seen_together_still_work(knowledge):
    """ "Is MS hereditary?" finds MS's heredity entry when only other conditions' examples say "hereditary"."""
    blind = tuple(
        replace(e, title="Multiple sclerosis question", examples=("ms question one", "ms question two", "ms question three"))
        if e.id == "multiple_sclerosis_heredity" else e
        for e in knowledge.entries
    )
    finder = EntryFinder(replace(knowledge, entries=blind), get_pipeline())
    assert finder.choose("Is MS hereditary?").entry.id == "multiple_sclerosis_heredity"


@pytest.mark.parametrize(
    "question, thing",
    [
        ("IS THE UVEITIS, AN AUTOIMMUNE DISEASE?", "UVEITIS"),
        ("My wife has Systemic Lupus and still gets SEVERE leg cramps. What can she do?", "leg cramps"),
        ("is hydroxychloroquine safe for my eyes?", "hydroxychloroquine"),
        ("is lupus contagious?", "contagious"),
    ],
)
def test_what_is_not_covered_is_said_so_never_answered_with_another_entry(finder, question, thing):
    choice = finder.choose(question)
    assert choice.entry is None
    assert thing in choice.unknown
    assert choice.nearest


def test_follow_ups_keep_the_subject_and_a_new_one_replaces_it(finder):
    first = finder.choose("what is lupus?")
    assert first.entry.id == "lupus_what"
    follow = finder.choose("is it hereditary?", first.subject, first.entry.id)
    assert follow.entry.id == "lupus_heredity"
    switched = finder.choose("and for MS?", follow.subject, follow.entry.id)
    assert switched.entry.id == "multiple_sclerosis_heredity" and switched.subject == "multiple_sclerosis"
    treated = finder.choose("how is it treated?", "ankylosing_spondylitis", "ankylosing_spondylitis_what")
    assert treated.entry.id == "ankylosing_spondylitis_treatment"


def test_every_entry_is_reached_by_its_own_question(finder, knowledge):
    missed = [e.id for e in knowledge.entries if (finder.choose(e.title).entry or e).id != e.id]
    assert len(missed) <= len(knowledge.entries) // 20, missed


@pytest.mark.parametrize(
    "text, intent, action, entry",
    [
        ("if I have lupus, can I still get pregnant?", "request_diagnosis", act.ActionRefuseDiagnosis, "lupus_pregnancy"),
        ("my mother has fibromyalgia, what helps her sleep?", "request_diagnosis", act.ActionRefuseDiagnosis,
         "fibromyalgia_sleep"),
        ("what kind of doctor should I see for joint pain?", "request_medication", act.ActionRefuseMedication,
         "autoimmune_specialist"),
    ],
)
def test_refusals_fire_only_on_what_they_are(knowledge, dispatcher, text, intent, action, entry):
    action().run(dispatcher, make_tracker(text, intent), {})
    assert dispatcher.messages[0]["text"].startswith(knowledge.entry(entry).answer)


def test_a_real_diagnosis_request_is_still_refused(knowledge, dispatcher):
    act.ActionRefuseDiagnosis().run(dispatcher, make_tracker("do I have lupus?", "request_diagnosis"), {})
    assert "can't tell you whether you have" in dispatcher.messages[0]["text"]
    act.ActionRefuseMedication().run(dispatcher, make_tracker("how much ibuprofen can I take?", "request_medication"), {})
    assert dispatcher.messages[1]["text"].startswith(knowledge.messages["medication_refusal"])


def test_answers_set_the_subject_for_the_next_turn(knowledge, dispatcher):
    events = act.ActionAnswerTopic().run(dispatcher, make_tracker("what is lupus?", "ask_disease"), {})
    assert {e["name"]: e["value"] for e in events} == {"subject": "lupus", "last_entry": "lupus_what"}
    assert dispatcher.messages[0]["text"].endswith(knowledge.disclaimer)
