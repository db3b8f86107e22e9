"""Round 9's questions (used) that the rules read as alarms, and the fixes: each reading tested alone.

* "don't want to" + live/exist alarms alone; + be/stay, wake, go/carry on only with what makes them about living
  ("doesn't want to go out", "I don't want to be on steroids" do not); "I don't want to live on painkillers" is not.
* "why keep going" is a crisis only with "on", "like this" or "should I" ("why keep going stronger" is a question).
* "just" means "only" more often than "suddenly": only "just went", "just gave way"... are sudden.
* "gone dark" is the sight only when the eye, the sight or everything is named: "my pee has gone dark" is dark urine.
* A fear told with "keep" before it ("I keep being scared of having a stroke") stays a fear (``feared``): a present
  cue before the fear cue tells the fear; a strong "now" anywhere still makes it now. "Worried about" is no fear cue.
* Persian: a pain that spreads "to my arm" is the chest's only to the LEFT arm or to the jaw
  («گردنم درد میکنه و تا دستم تیر میکشه» is the neck's).
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text", [
    # from the set
    "I don't want to live on painkillers. What actually treats joint pain properly?",
    "She's been very low since the PMR diagnosis and doesn't want to go out. Is that common, and what helps?",
    "After years on methotrexate they want to add a biologic. "
    "Why keep going stronger instead of just giving me proper painkillers?",
    "Does MS cause pain? I thought it was just numbness and trouble walking, but I get burning in my legs.",
    "گردنم درد میکنه و تا دستم تیر میکشه، این از ستون فقراته؟",
    # look-alikes
    "I don't want to be on steroids forever, what else is there for PMR?",
    "my son doesn't want to go to school because of his JIA, what can we do?",
    "I don't want to live on pills for the rest of my life, is there another way?",
    "is it just tiredness or is it my lupus?",
    "I keep being scared of having a stroke because of my lupus",
    "کمرم درد میکنه و تا پام تیر میکشه، سیاتیکه؟",
])
def test_questions_stay_quiet(text):
    assessment = assess(normalise(text))
    assert assessment.level is None, [(f.flag.id, f.status) for f in assessment.findings]


@pytest.mark.parametrize("text, group", [
    ("i dont want to live", "suicide"),
    ("he doesn't want to live anymore", "suicide"),
    ("I don't want to be here anymore", "suicide"),
    ("I just don't want to wake up tomorrow", "suicide"),
    ("I don't want to go on like this", "suicide"),
    ("why should I keep going, nothing helps this pain", "crisis_check"),
    ("my arm just went dead and my face feels strange", "sudden_weakness"),
    ("my right eye has gone dark", "vision_loss"),
    ("everything went dark and I fell", "vision_loss"),
    ("my muscles are weak and my pee has gone dark", "myositis_dark_urine"),
    ("I'm scared of having a stroke, my face is drooping right now", "stroke"),
    ("worried about my dad he collapsed and won't wake up", "fainting_seizure"),
    ("Worried about chest pain, what do I do?", "chest_pain"),
    ("I'm scared of a heart attack, please help", "chest_pain"),
    ("right now I'm terrified of a heart attack", "chest_pain"),
    ("I've been worried about shortness of breath", "breathing"),
    ("I don't want to go on.", "suicide"),
    ("I just don't want to carry on.", "suicide"),
    ("I don't want to be in this world anymore", "suicide"),
    ("don't want to stay in this world", "suicide"),
    ("it's gone dark in her left eye", "vision_loss"),
    ("went dark in my right eye", "vision_loss"),
    ("I just got a terrible headache, worst ever", "thunderclap_headache"),
    ("درد میکنه و تا دست چپم میره", "chest_pain"),
    ("دردش تا فکم میره عرق سرد کردم", "chest_pain"),
    ("سینه ام درد میکنه تا دستم میزنه", "chest_pain"),
])
def test_these_still_alarm(text, group):
    assessment = assess(normalise(text))
    assert group in [flag.id for flag in assessment.now], [(f.flag.id, f.status) for f in assessment.findings]


def test_a_fear_is_still_heard_as_a_mention():
    """A fear is answered with the group's "if you have it now" line: found, not removed."""
    assessment = assess(normalise("I keep being scared of having a stroke because of my lupus"))
    assert "stroke" in [flag.id for flag in assessment.mentioned]
