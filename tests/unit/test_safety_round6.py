"""Round 6 (used since its scoring): word classes the rules lacked, read again (issues 17, 19).

* A yes-no question on a cause («لوپوس باعث درد قفسه سینه میشه؟», "does lupus cause chest pain?") asks: an
  ``asks_cause`` cue right before the finding and the question mark right after it. A ``now`` cue still reports.
* Means at hand (a rope ready, an engine running in a closed garage, about to jump), thoughts of dying or of hurting
  oneself, "no air", a bare "collapse", despair in plain words ("no hope, why live like this").
* Persian: "I took my pills. All of them." across a full stop, a crushed heart, "not conscious" in Finglish, a jump
  from the roof, letters typed long for emphasis in «میخوااااد بمیرم» (read by the rules only).
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
    ("i have the rope ready in the basement", "suicide"),
    ("i am in my car with the engine running in the closed garage", "suicide"),
    ("my daughter told me she thinks about dying on purpose", "suicidal_thoughts"),
    ("lately i think to hurt myself so i feel some other pain", "suicidal_thoughts"),
    ("no air no air help", "breathing"),
    ("collapse", "fainting_seizure"),
    ("10 years of fibromyalgia and no hope. why live like this", "crisis_check"),
    ("i am exhausted from pain, i just cry every day, nothing helps", "crisis_check"),
    ("قرصامو خوردم. همشو.", "overdose"),
    ("كمك! شوهرم افتاده رو مبل ميگه قلبم داره له ميشه", "chest_pain"),
    ("babam oftad zamin, hoshyar nist", "fainting_seizure"),
    ("مادربزرگمو دیدیم کف آشپزخونه افتاده، چشماش بازه ولی هیچ واکنشی نداره", "fainting_seizure"),
    ("الان رو پشت بومم، خسته شدم، می‌خوام بپرم", "suicide"),
    ("دلم میخوااااد بمیرم این درد تموم شه", "suicide"),
    ("میخوام بمیییرم", "suicide"),
])
def test_these_are_heard_now(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}


@pytest.mark.parametrize("text", [
    "ناهارمو خوردم همشو",  # all of my lunch: no medicine
    "دلم میخواد بخوابم",
    "میخوااام برم خونه",
    "is there no hope for a cure for MS?",
])
def test_everyday_words_stay_quiet(knowledge, text):
    assert assess(normalise(text), knowledge).level is None
