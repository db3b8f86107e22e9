"""A hedge before a report ("Not sure if this is serious, ...") is no "if" of a hypothetical (round 8, used).

The ``if`` of "not sure if", "don't know whether" asks whether the thing is serious, not what would happen if it
came; a report after it, in its own clause, is read as any other report. Inside the hedge's own clause the ``if``
still counts ("not sure if I would recognise a stroke, what are the signs?" asks). The cue kind ``hedge`` lists
these openings per language (``knowledge/<lang>/words.yml``, ``mention_cues``); Persian hedges hold no «اگه».
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, group", [
    ("Not sure if this is serious, my dad's face suddenly drooped and his arm flopped down.", "stroke"),
    ("not sure if serious, my daughter has a fever, spots that don't fade when pressed, and she's very drowsy",
     "meningitis"),
    ("I don't know whether it matters, I'm on rivaroxaban and there is a lot of bright red blood in the toilet",
     "severe_bleeding"),
    ("no idea if this is normal, I'm on prednisolone and a red warm patch on my leg is spreading, I feel feverish",
     "infection_on_immunosuppressants"),
    ("Not sure if serious, my MS numbness has spread from my feet up to my waist over the last 48 hours.",
     "ms_relapse"),
])
def test_a_report_after_a_hedge_is_happening_now(knowledge, text, group):
    assessment = assess(normalise(text), knowledge)
    assert group in [flag.id for flag in assessment.now], [(f.flag.id, f.status) for f in assessment.findings]


@pytest.mark.parametrize("text", [
    "not sure if i would recognise a stroke, what are the signs of a stroke with face drooping?",
    "If I ever get chest pain on my lupus medicine, should I call 115 or my doctor?",
    "I'm not sure whether to worry: what would it mean if my face drooped one day?",
])
def test_an_if_in_the_hedges_own_clause_or_after_it_still_asks(knowledge, text):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is None, [(f.flag.id, f.status) for f in assessment.findings]
