"""Every probe message of the clinical review (§3) and of issue 17, through the rules and through the actions.

Each probe names what the person must see first: the ambulance line (``emergency``), the doctor-today
line (``urgent``), the warm crisis text (``crisis``), the gentle crisis check (``check``), the ambulance
line with the crisis text right after it (``overdose_crisis``), the answer first and then the group's
one check line (``mention``), or no alarm at all (``none``). The review is
``../shared/reviews/clinical-review-2026-12.md``; the issue's examples are in ``issues show 17``.
"""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as act
from assistant import replies as r
from assistant.safety import assess
from tests.conftest import make_tracker

PROBES = [
    # (message, expected first line, red-flag group that must be found, or None)
    # --- §3, group by group
    ("sharp pain in my chest when I breathe in", "emergency", "chest_pain"),
    ("I had my rituximab infusion an hour ago and now my throat is tight", "emergency", "allergic_reaction"),
    ("took 3 of my pregabalin instead of 1", "emergency", "overdose"),
    ("the bottom of my feet are numb and my back hurts", "not_emergency", None),
    ("I'm 25 and I have a headache at my temples", "none", None),
    # --- S-S2: fever on the immune medicines Iranian patients take
    ("I'm on CinnoRA injections and I've had a fever of 38.5 since last night", "urgent", "infection_on_immunosuppressants"),
    ("I'm on Zytux infusions for my RA and I have a fever and chills", "urgent", "infection_on_immunosuppressants"),
    ("I had dexamethasone injections last week and now I have a fever", "urgent", "infection_on_immunosuppressants"),
    ("I take cyclosporine and I have a fever and cough", "urgent", "infection_on_immunosuppressants"),
    ("I have MS, I'm on fingolimod and I have a fever", "urgent", "infection_on_immunosuppressants"),
    ("had a steroid injection in my knee 3 days ago and now I have a fever", "urgent", "infection_on_immunosuppressants"),
    # --- S-S4, S-S5, S-S6: GCA with a sight change, adrenal crisis, pre-eclampsia
    ("my 70 year old mom has a headache and blurry vision", "emergency", "giant_cell_arteritis_vision"),
    ("I'm 72 with polymyalgia and since yesterday I have a new headache and my vision is blurry", "emergency",
     "giant_cell_arteritis_vision"),
    ("I've been on prednisolone for a year, I've been vomiting all day and can't keep my tablets down and I feel dizzy",
     "emergency", "adrenal_crisis"),
    ("I have lupus and I'm 30 weeks pregnant with a terrible headache and swollen face", "emergency", "pre_eclampsia"),
    # --- S-M1: swollen joints and legs with a medicine are not anaphylaxis
    ("my knee is swollen and I take methotrexate", "not_emergency", None),
    ("my knee is swollen after gardening and I take methotrexate", "not_emergency", None),
    ("sudden severe pain and swelling in my knee, it's hot, and I'm on Humira", "emergency", "septic_joint"),
    ("I have lupus and my urine is foamy and my legs and eyes are swollen", "urgent", "lupus_kidney"),
    # --- S-M2: everyday phrases, and unbearable pain
    ("I'm done with physio, it doesn't help my back", "none", None),
    ("I had a double dose of coffee this morning and my joints still ache", "none", None),
    ("the pain is so bad I can't take it anymore", "check", "crisis_check"),
    # --- S-M5: the missing urgent groups
    ("I have AS and my right eye is red, painful and sensitive to light", "urgent", "painful_red_eye"),
    ("I have lupus and I'm peeing much less and my ankles are swollen", "urgent", "lupus_kidney"),
    ("my left leg is swollen and painful from the calf to the knee", "urgent", "leg_clot"),
    ("had RA for 20 years, my neck hurts and my hands have gone numb and clumsy", "urgent", "ra_neck"),
    ("I have AS and I slipped and fell yesterday, now my neck hurts a lot", "emergency", "as_fall_neck"),
    ("my fingertip has a black sore that won't heal", "urgent", "finger_ischaemia"),
    ("I can't get up from a chair and my pee is dark brown", "urgent", "myositis_dark_urine"),
    ("on methotrexate, I have mouth ulcers, a sore throat and lots of bruises", "urgent", "methotrexate_toxicity"),
    # --- issue 17: the new user's three misses and the second author's examples
    ("my dad fell and hit his head, he's on apixaban and now he's vomiting", "emergency", "head_injury_blood_thinner"),
    ("I have said goodbye to my family and given my things away", "crisis", "suicide"),
    ("I took the whole box of painkillers so the pain stops for good", "overdose_crisis", "suicide"),
    ("my son is 3 he eat some pills of my hydroxychloroquine, maybe 4 or 5", "emergency", "overdose"),
    ("going to take all my sleeping tablets so I don't wake up tomorrow", "crisis", "suicide"),
    ("My husband fall down and his body shake very hard, foam from mouth, he not wake after", "emergency",
     "fainting_seizure"),
    # --- issue 17 §6: mentions stay answers
    ("what are the warning signs of GCA?", "mention", "giant_cell_arteritis"),
    ("is sudden vision loss part of MS?", "mention", "vision_loss"),
    ("are people in chronic pain more at risk of suicide? I'm writing for our newsletter", "mention", "suicidal_thoughts"),
]
IDS = [text[:40] for text, _, _ in PROBES]
ACTIONS = [act.ActionAnswerTopic(), act.ActionRefuseMedication(), act.ActionRefuseDiagnosis(), act.ActionOutOfScope(),
           act.ActionFallback()]


def _flag(knowledge, group):
    return next(flag for flag in knowledge.red_flags if flag.id == group)


def _first_lines(knowledge, expected, group):
    """The line(s) a reply may open with, for an expected outcome."""
    if expected in ("emergency", "overdose_crisis"):
        return (knowledge.levels["emergency"],)
    if expected == "urgent":
        return (knowledge.levels["urgent"],)
    if expected in ("crisis", "check"):
        return (_flag(knowledge, group).opening,)
    return ()


@pytest.mark.parametrize("text, expected, group", PROBES, ids=IDS)
def test_a_probe_gets_its_reading_from_the_rules(text, expected, group):
    assessment = assess(text)
    now = {flag.id for flag in assessment.now}
    if expected == "mention":
        assert not now and group in {flag.id for flag in assessment.mentioned}, assessment
    elif expected == "none":
        assert assessment.level is None, now
    elif expected == "not_emergency":
        assert assessment.level != "emergency" and "allergic_reaction" not in now and "cauda_equina" not in now, now
    else:
        assert group in now, now
        want = "urgent" if expected == "urgent" else "emergency"
        assert assessment.level == want, now


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name())
@pytest.mark.parametrize("text, expected, group", PROBES, ids=IDS)
def test_a_probe_gets_its_first_line_from_the_actions(knowledge, action, text, expected, group):
    """What goes out: help first at the expected level or opening; a mention gets the answer, then its check line."""
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, make_tracker(text, "ask_disease"), {})
    reply = dispatcher.messages[0]["text"]
    first = reply.split(r.PARAGRAPH)[0]
    openings = r.safety_openings(knowledge)
    if expected in ("mention", "none", "not_emergency"):
        assert first not in (knowledge.levels["emergency"], *(f.opening for f in knowledge.red_flags if f.opening))
        if expected in ("mention", "none"):
            assert not reply.startswith(openings), reply
        if expected == "mention":
            assert _flag(knowledge, group).if_now in reply
            assert reply.index(_flag(knowledge, group).if_now) > 0
        return
    assert len(dispatcher.messages) == 1, dispatcher.messages
    assert first in _first_lines(knowledge, expected, group), reply
    assert knowledge.emergency.emergency_number in reply
    if expected == "overdose_crisis":  # the ambulance line first, the crisis text right after: 115 and the crisis line
        assert reply.split(r.PARAGRAPH)[1] == _flag(knowledge, "suicide").opening
    if expected in ("crisis", "check"):
        assert knowledge.emergency.crisis_line in first
