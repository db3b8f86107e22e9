"""The clinical review's accuracy findings (A-M1 ... A-M11, minor rows, D-3) stay fixed in the answers.

`docs/clinical-review.md` names each finding's test here. These check that dated or misleading
claims are gone and that the answers the review asked for say what to do.
"""

from __future__ import annotations

import re

import pytest


def _answer(knowledge, entry_id: str) -> str:
    return knowledge.entry(entry_id).answer


def _fibromyalgia_answers(knowledge):
    return [(e.id, e.answer) for e in knowledge.entries if e.subject == "fibromyalgia" or "fibromyalgia" in e.id]


def test_tender_points_are_no_longer_a_sign_of_fibromyalgia(knowledge):
    """A-M1: only the diagnosis answer names tender points, and only as what doctors no longer count."""
    named = [i for i, a in _fibromyalgia_answers(knowledge) if "tender point" in a.lower()]
    assert named == ["fibromyalgia_diagnosis"]
    diagnosis = _answer(knowledge, "fibromyalgia_diagnosis").lower()
    assert "no longer" in diagnosis and "three months" in diagnosis


def test_exercise_comes_first_for_fibromyalgia(knowledge):
    """A-M2: exercise has the best evidence; medicine is not named first."""
    for entry_id in ("fibromyalgia_treatment", "fibromyalgia_exercise"):
        text = _answer(knowledge, entry_id).lower()
        assert "best evidence" in text
        assert "medicine" not in text or text.index("exercise") < text.index("medicine")


@pytest.mark.parametrize("entry_id", ["vasculitis_outlook", "vasculitis_gca_treatment"])
def test_gca_answers_say_it_can_come_back_while_steroids_are_reduced(knowledge, entry_id):
    """A-M3 / D-5: no "rarely comes back"; returning symptoms go to the doctor, a sight change at once."""
    text = _answer(knowledge, entry_id).lower()
    assert "rarely comes back" not in text
    assert "come back" in text and "reduced" in text
    assert "at once" in text and "sight" in text


def test_ms_outlook_describes_the_course_with_todays_treatment(knowledge):
    """A-M4 / D-5: no pre-treatment "after about 10 years", no "most people are mildly affected"."""
    text = _answer(knowledge, "multiple_sclerosis_outlook").lower()
    assert "10 years" not in text and "mildly affected" not in text
    assert "neurologist" in text and "relapses" in text


def test_lupus_treatment_and_diagnosis_are_current(knowledge):
    """A-M5, A-M6: antimalarial for most, steroids lowest/shortest, NSAIDs with care; what ANA means."""
    treatment = _answer(knowledge, "lupus_treatment").lower()
    assert "antimalarial" in treatment and "lowest" in treatment and "kidneys" in treatment
    assert "don't stop" in treatment
    diagnosis = _answer(knowledge, "lupus_diagnosis").lower()
    assert "ana" in diagnosis and "healthy people" in diagnosis
    assert "despite severe pain" not in diagnosis


@pytest.mark.parametrize("entry_id", ["rheumatoid_arthritis_pregnancy", "lupus_pregnancy", "multiple_sclerosis_pregnancy"])
def test_pregnancy_answers_say_what_to_do(knowledge, entry_id):
    """A-M7: contraception or a change beforehand; if pregnant, call the doctor and don't stop medicines."""
    text = _answer(knowledge, entry_id).lower()
    assert "contraception" in text and "contact your doctor straight away" in text
    assert "don't stop any medicine on your own" in text


def test_ms_pregnancy_answer_starts_with_yes(knowledge):
    assert _answer(knowledge, "multiple_sclerosis_pregnancy").startswith("Yes.")


def test_lupus_names_its_warning_signs_and_the_emergency_number(knowledge):
    """A-M8: the entry and the topic."""
    number = knowledge.emergency.emergency_number
    for text in (_answer(knowledge, "lupus_symptoms"), knowledge.topic("lupus").warning):
        assert "urine" in text and "swelling" in text and number in text


LASER_ENTRIES = [
    "autoimmune_treatment", "fibromyalgia_treatment", "joint_treatment", "muscle_treatment",
    "ankylosing_spondylitis_treatment", "psoriatic_arthritis_treatment", "nerve_treatment", "spinal_treatment",
]


@pytest.mark.parametrize("entry_id", LASER_ENTRIES)
def test_laser_therapy_carries_the_evidence_caveat(knowledge, entry_id):
    """A-M9: every laser sentence says the evidence is limited."""
    text = _answer(knowledge, entry_id).lower()
    assert "laser" in text and "evidence" in text and "limited" in text


def test_treatment_topic_puts_disease_medicine_first(knowledge):
    """A-M9 / D-4: the specialist's disease-controlling medicine first, pain care alongside."""
    topic = knowledge.topic("treatment")
    assert "never instead of them" in topic.answer
    assert any("laser" in b and "limited evidence" in b for b in topic.bullets)


@pytest.mark.parametrize("entry_id, action", [
    ("ankylosing_spondylitis_symptoms", "eye doctor the same day"),
    ("ankylosing_spondylitis_outlook", "emergency assessment"),
    ("vasculitis_gca_who", "the same day"),
    ("muscle_treatment", "the same day"),
])
def test_a_named_danger_comes_with_what_to_do(knowledge, entry_id, action):
    """A-M10."""
    assert action in _answer(knowledge, entry_id)


STRESS_ENTRIES = [
    "ankylosing_spondylitis_stress", "vasculitis_stress", "psoriatic_arthritis_stress",
    "multiple_sclerosis_stress", "autoimmune_stress",
]


@pytest.mark.parametrize("entry_id", STRESS_ENTRIES)
def test_stress_claims_are_hedged(knowledge, entry_id):
    """A-M11: no flat "chronic stress stimulates the immune system" as fact; not the cause."""
    text = _answer(knowledge, entry_id).lower()
    assert "stress stimulates the immune system" not in text
    assert "not the cause" in text or "doesn't cause" in text


def test_minor_rows_are_gone(knowledge):
    """The minor table: US census groups, "normal lifespan", PsA 5-10 %, "no virus", wear-related OA, onset after 50."""
    answers = {e.id: e.answer for e in knowledge.entries}
    joined = " ".join(answers.values())
    for dated in ("African", "Hispanic", "Native American", "Native-American", "normal lifespan", "5 to 10 percent",
                  "No virus has been shown", "wear-related", "begins after age 50", "has not shown any benefit"):
        assert dated not in joined, dated
    assert "one in five" in answers["psoriatic_arthritis_who"]
    assert "Epstein-Barr" in answers["multiple_sclerosis_causes"]
    assert "Iran" in answers["multiple_sclerosis_who"]
    assert "neurologist" in answers["autoimmune_specialist"]
    assert "biopsy" in answers["vasculitis_gca_diagnosis"]
    # AS: no generic "normal MRI" motif; the MRI of the sacroiliac joints and HLA-B27 instead
    assert "MRI" in answers["ankylosing_spondylitis_diagnosis"] and "HLA-B27" in answers["ankylosing_spondylitis_diagnosis"]
    assert "first tests are sometimes normal" not in answers["ankylosing_spondylitis_diagnosis"]


def test_the_capabilities_topic_names_the_number(knowledge):
    assert knowledge.emergency.emergency_number in knowledge.topic("capabilities").answer
    assert "local emergency number" not in knowledge.topic("capabilities").answer


D3_ENTRIES = [
    "autoimmune_diagnosis", "lupus_diagnosis", "fibromyalgia_diagnosis",
    "psoriatic_arthritis_diagnosis", "spinal_causes", "muscle_treatment", "comparison_arthritis_vs_arthralgia",
]
TESTS = r"\b(mri|scans?|tests?|results)\b"
NORMAL_TESTS = re.compile(rf"{TESTS}[^.;]*\bnormal\b|\bnormal\b[^.;]*{TESTS}", re.I)
BALANCE = re.compile(r"good news|reassuring|rule other causes out|expected", re.I)


@pytest.mark.parametrize("entry_id", D3_ENTRIES)
def test_normal_tests_are_balanced_where_they_are_named(knowledge, entry_id):
    """D-3: an answer that says tests can be normal also says normal results are often good news."""
    text = _answer(knowledge, entry_id)
    if NORMAL_TESTS.search(text):
        assert BALANCE.search(text), entry_id


def test_new_sources_are_declared(knowledge):
    for source_id in ("niams_fibromyalgia", "nhs_fibromyalgia_diagnosis", "nhs_gca_leaflet"):
        assert source_id in knowledge.sources
    assert "niams_fibromyalgia" in knowledge.entry("fibromyalgia_diagnosis").source
    assert "nhs_gca_leaflet" in knowledge.entry("vasculitis_gca_treatment").source
