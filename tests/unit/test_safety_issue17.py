"""Issue 17: the clinical review's safety findings, the new red-flag groups and the concept net (rules only)."""

from __future__ import annotations

import re

import pytest

from assistant import replies as r
from assistant.safety import assess


def _now(text):
    return {flag.id for flag in assess(text).now}


def _flag(knowledge, group):
    return next(flag for flag in knowledge.red_flags if flag.id == group)


# --- A-S1 / S-S3: the infection advice never implies skipping steroid tablets ------------------------------------

def test_infection_advice_keeps_steroid_tablets_and_escalates_sepsis_signs(knowledge):
    advice = _flag(knowledge, "infection_on_immunosuppressants").advice
    sentences = re.split(r"(?<=[.:])\s+", advice)
    assert any("keep taking them" in s and "steroid tablets" in s for s in sentences)
    for sentence in sentences:
        if "next dose" in sentence:
            assert "other immune medicines" in sentence, sentence
    assert "call 115" in advice and "confused" in advice
    assert "keep taking steroid tablets" in _flag(knowledge, "infection_on_immunosuppressants").if_now


@pytest.mark.parametrize(
    "text",
    [  # S-S2 probes of the review, and steroid injections (A-S1)
        "I'm on CinnoRA injections and I've had a fever of 38.5 since last night",
        "I'm on Zytux infusions for my RA and I have a fever and chills",
        "I had dexamethasone injections last week and now I have a fever",
        "I take cyclosporine and I have a fever and cough",
        "I have MS, I'm on fingolimod and I have a fever",
        "had steroid injection in knee 3 days ago now fever n feel unwell",
    ],
)
def test_fever_on_any_immune_medicine_gets_the_same_day_warning(text):
    assessment = assess(text)
    assert assessment.level in ("urgent", "emergency")
    assert "infection_on_immunosuppressants" in _now(text)


@pytest.mark.parametrize(
    "text",
    [
        "on immune meds fever shivering uncontrollably feel like im dying",
        "my mum is on rituximab, high fever, her skin looks blotchy and purple and shes breathing really fast",
    ],
)
def test_sepsis_signs_are_an_emergency(text):
    assert assess(text).level == "emergency" and "sepsis" in _now(text)


def test_sepsis_in_the_past_is_a_mention():
    assessment = assess("my partner had sepsis 2 years ago after surgery, now starting rituximab, is that risky")
    assert assessment.now == [] and [f.id for f in assessment.mentioned] == ["sepsis"]


def test_the_sepsis_reply_opens_with_the_ambulance(knowledge):
    text = r.render(knowledge, r.safety_reply(knowledge, assess("on immune meds fever shivering uncontrollably").now))
    assert text.startswith(knowledge.levels["emergency"])
