"""Round 5 (used since its scoring): the mentions that raised an alarm, read again (issues 17, 19).

* A message that laughs ("haha", "lol", "😂", «خخخ») uses its danger words as a figure of speech:
  a mention, answered with the group's "if you have it now" line; thoughts of suicide stay an alarm.
* "over the last week", "wasn't there last week" say it goes on (a first reading of "last week" as past was taken
  back after review: "started last week and coughing up blood" goes on).
* Persian questions that end on a general verb («پرگابالین تشنج میاره؟») ask, they do not report.
* A leaflet is asked for, not had; "collapsed on the sofa" after work is tiredness (not when he does not wake).
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text", [
    "I almost fainted when I saw the price of humira haha is there a cheaper biosimilar",
    "کور شدم از بس این متن بلند بالای بروشورو خوندم 😂 خلاصشو دارید؟",
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
    # from the review of this change: a laugh never hides what the message says is happening now; a bare «میاره»
    # (brings up, presses) is no question; "said it was" and "weeks ago" do not date what goes on; a leaflet read
    # is not a leaflet asked for; "can't keep his tablets down" does not deny the tablets
    ("my chest is crushing and my left arm is numb right now lol please help", "chest_pain"),
    ("سینم فشار میاره و عرق سرد کردم", "chest_pain"),
    ("مامانم کورتونشو بالا میاره", "adrenal_crisis"),
    ("The GP said it was a chest infection and he's coughing up blood", "severe_bleeding"),
    ("Started methotrexate 3 weeks ago and coughing up blood", "severe_bleeding"),
    ("The leaflet says vomiting matters; he has vomited 3 times and can't keep his prednisolone down", "adrenal_crisis"),
])
def test_these_are_still_alarms(knowledge, text, group):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is not None, text
    if group:
        assert group in {flag.id for flag in assessment.now}


def test_collapsing_on_the_sofa_after_work_is_an_everyday_phrase(knowledge):
    text = "i was dead tired and totally collapsed on the sofa after work, is this fatigue part of RA"
    assert assess(normalise(text), knowledge).findings == ()
