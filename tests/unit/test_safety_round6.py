"""Round 6 (used since its scoring): word classes the rules lacked, read again (issues 17, 19).

* A Persian yes-no question on a cause («لوپوس باعث درد قفسه سینه میشه؟») asks: an ``asks_cause`` cue right before
  the finding, then only the general present («میشه») and the question mark. «... شده؟» (has it caused...?), a
  ``now`` cue, or English "did ... cause ...?" still report (from the review of this change).
* Means at hand (a rope ready, an engine running in a closed garage), dying on purpose, thoughts of hurting
  oneself, despair in the first person ("no hope, why live like this", "I just cry every day").
* Persian: "I took my pills. All of them." across a full stop, a heart being crushed, "not conscious" in Finglish,
  throwing oneself down, letters typed long for emphasis in «میخوااااد بمیرم» (read by the rules only).
* The first version's bare "going to jump", "collapse", "no air", "thinking about dying", «میخوام بپرم», «همشو
  خوردم», «واکنش نمیده» were taken back after review: everyday words of patients.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text", [
    "لوپوس باعث درد قفسه سینه میشه؟",
    "متوترکسات باعث تنگی نفس میشه؟",
    "does lupus cause chest pain?",
])
def test_a_question_on_a_cause_is_a_mention(knowledge, text):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is None, [f.flag.id for f in assessment.findings]
    assert assessment.mentioned  # still heard: the answer carries the group's line


@pytest.mark.parametrize("text, group", [
    ("الان درد قفسه سینه دارم، لوپوس باعثش میشه؟", "chest_pain"),  # now: a report, not a question
    ("لوپوس باعث درد قفسه سینه میشه", "chest_pain"),  # no question mark: it may tell
    # from the review of this change: a question on what HAS caused it reports
    ("دیروز داروی جدید شروع کردم. باعث درد قفسه سینه شده؟ خیلی میترسم", "chest_pain"),
    ("متوترکسات باعث تنگی نفسم شده؟", "breathing"),
    ("بابام ترامادول زیاد خورده، باعث تشنج شده؟", "fainting_seizure"),
    ("please answer fast, did my methotrexate cause shortness of breath?", "breathing"),
    ("i have the rope ready in the basement", "suicide"),
    ("i am in my car with the engine running in the closed garage", "suicide"),
    ("my daughter told me she thinks about dying on purpose", "suicidal_thoughts"),
    ("lately i think to hurt myself so i feel some other pain", "suicidal_thoughts"),
    ("10 years of fibromyalgia and no hope. why live like this", "crisis_check"),
    ("i am exhausted from pain, i just cry every day, nothing helps", "crisis_check"),
    ("قرصامو خوردم. همشو.", "overdose"),
    ("كمك! شوهرم افتاده رو مبل ميگه قلبم داره له ميشه", "chest_pain"),
    ("babam oftad zamin, hoshyar nist", "fainting_seizure"),
    ("الان رو پشت بومم، خسته شدم، می‌خوام خودمو پرت کنم پایین", "suicide"),
    ("دلم میخوااااد بمیرم این درد تموم شه", "suicide"),
    # an urgent reading hid these emergencies through the whole assistant (the alarm model's line does not outrank
    # the rules' urgent text): sepsis signs in lay words, and a shadow over the sight in GCA
    ("since yesterday chest infection, now i cant think straight, very cold and shivering, barely peeing, on tocilizumab",
     "sepsis"),
    ("دخترم لوپوس داره و داروي سركوب ايمني ميخوره، تب بالا داره، خيلي بدحاله، زانوهاش خال خالي بنفش شده", "sepsis"),
    ("۶۵ سالمه، سردرد کنار سر و درد فک موقع جویدن دارم، امروز یه سایه افتاده روی دیدم", "giant_cell_arteritis_vision"),
    ("میخوام بمیییرم", "suicide"),
])
def test_these_are_heard_now(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}


@pytest.mark.parametrize("text", [
    "ناهارمو خوردم همشو",  # all of my lunch: no medicine
    "دلم میخواد بخوابم",
    "میخوااام برم خونه",
    "is there no hope for a cure for MS?",
    # from the review of this change: everyday words that the first version alarmed on
    "ناهارمو همشو خوردم",
    "قرصامو خوردم همش حالت تهوع دارم",  # "all the time", not "all of them"
    "میخوام بپرم تو استخر، برای کمر دردم خوبه؟",
    "i'm going to jump in the pool for aqua therapy",
    "بدنم به متوترکسات هیچ واکنشی نشون نمیده، دوز رو زیاد کنم؟",
    "my knee collapses when i walk down stairs, is that RA?",
    # "since my lupus diagnosis i think about dying a lot, how long do people live with it?" has the gentle check
    # and then the answer since 2026-12-07 (death_thoughts: tests/unit/test_actions.py)
    "قلبم له شد وقتی دخترم از درد گریه کرد",
    "سردرد دارم و دکتر گفت یه سایه روی کلیه هست",
    "why should i live with this pain when there are treatments? asking what options exist",
    "میخوااام میرم دکتر",
    "my kids cry every night because they miss their dad",
])
def test_everyday_words_stay_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None
