"""Round 5 (used since its scoring): the mentions that raised an alarm, read again (issues 17, 19).

* A message that laughs ("haha", "lol", "😂", «خخخ») uses its danger words as a figure of speech:
  a mention, answered with the group's "if you have it now" line; thoughts of suicide stay an alarm.
* "last week" dates what it tells, unless the message says it goes on ("over the last week", "wasn't there last week").
* Persian questions that end on a general verb («پرگابالین تشنج میاره؟») ask, they do not report.
* A leaflet is asked for, not had; "collapsed on the sofa" after work is tiredness (not when he does not wake).
* Letters typed many times for emphasis read as one («میخواااد»), so the rules still hear the words.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text", [
    "I almost fainted when I saw the price of humira haha is there a cheaper biosimilar",
    "I ate too much at the party my belly is killing me lol is it ok to take my methotrexate tonight",
    "کور شدم از بس این متن بلند بالای بروشورو خوندم 😂 خلاصشو دارید؟",
    "I had chest pain last week, went to ER, ECG normal, they said reflux. what food is good for reflux and RA",
    "پرگابالین تشنج میاره؟",
    "متوترکسات باعث مشکل ریه میشه؟ نفس تنگی از عوارضشه؟",
    "بروشور علائم حمله قلبی دارید؟ میخوام بدم به بابام",
    "do you have a leaflet about stroke signs in lupus",
])
def test_these_mentions_raise_no_alarm(knowledge, text):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is None, [f.flag.id for f in assessment.findings]
    assert assessment.mentioned  # still heard: the answer carries the group's line


@pytest.mark.parametrize("text, group", [
    ("i want to kill myself lol nothing helps this pain", "suicide"),
    ("numb patch on my thigh that wasnt there last week and it's getting bigger", "new_numbness"),
    ("over the last week my feet have been getting more and more numb and tingley", "new_numbness"),
    ("crushing chest pain since last week, worse today", "chest_pain"),
    ("my dad collapsed on the sofa and is not waking up", "fainting_seizure"),
    ("I think I'm having a heart attack 😅 my chest is crushing", "chest_pain"),  # a nervous laugh is no joke
    ("دلم میخوااااد بمیرم این درد تموم شه", None),
])
def test_these_are_still_alarms(knowledge, text, group):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is not None, text
    if group:
        assert group in {flag.id for flag in assessment.now}


def test_collapsing_on_the_sofa_after_work_is_an_everyday_phrase(knowledge):
    text = "i was dead tired and totally collapsed on the sofa after work, is this fatigue part of RA"
    assert assess(normalise(text), knowledge).findings == ()
