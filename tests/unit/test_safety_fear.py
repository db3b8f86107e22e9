"""A danger that is feared, not happening: the ``fear`` cues (knowledge/<lang>/words.yml mention_cues).

"I'm afraid of having a stroke because of my lupus" asks how to avoid one (round 7's mentions, now used): a fear
cue at most FEAR_WINDOW words before the finding, in its clause, with no present cue there, reads it as a
hypothetical. Relatives open real emergencies with fear words too, so the cues stay narrow: only articles may stand
between ("terrified of this chest pain" tells), not "worried about" ("worried about my dad he collapsed"), not
"... it might" ("scared it might be a stroke"), not «میترسم», «نگرانم» or "bim daram" («میترسم نفسش بند اومده»
reports), and a present cue («سکته کرده باشه», "he's having") or another clause after a comma keeps the alarm.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text", [
    "I'm afraid of having a stroke because of my lupus. How can I lower my risk?",
    "I'm scared of going blind from giant cell arteritis. What are the chances with treatment?",
    "terrified of having a seizure, is that common with lupus?",
        "ترسم از سکته است، لوپوس این خطر رو بیشتر میکنه؟",
])
def test_a_feared_danger_is_a_mention(knowledge, text):
    assessment = assess(normalise(text), knowledge)
    assert assessment.level is None, [(f.flag.id, f.status) for f in assessment.findings]
    assert assessment.mentioned  # still heard: the answer carries the group's "if it is happening now" line


@pytest.mark.parametrize("text, group", [
    ("I'm scared I'll lose him, he's not breathing", "breathing"),
    ("worried about my dad he collapsed and won't wake up", "fainting_seizure"),
    ("I'm so scared, my chest is crushing and my left arm is numb", "chest_pain"),
    ("afraid of what is happening, she can't breathe", "breathing"),
    ("I'm afraid he's having a stroke, his face is drooping", "stroke"),
    ("terrified of dying, I took all my pills an hour ago", "overdose"),
    ("میترسم نفسش بند اومده", "breathing"),
    ("نگرانم بابام از حال رفته بیدار نمیشه", "fainting_seizure"),
    ("میترسم پدرم سکته کرده باشه، دهنش کج شده", "stroke"),
    ("ترس از سکته داشتم ولی الان دهنم کج شده و دستم بی حسه", "stroke"),
    ("mitarsam nafasesh band oomade", "breathing"),
    # from the review of this change: fear words that tell what is happening
    ("My husband has gone grey and sweaty, worried it might be a heart attack", "chest_pain"),
    ("Dad isn't himself, scared it might be a stroke", "stroke"),
    ("scared of what this chest pain could be", "chest_pain"),
    ("im terrified of this chest pain should i go to hospital", "chest_pain"),
    ("scared of dying cant breathe", "breathing"),
    ("bim daram nafasesh band oomade", "breathing"),
    ("bim daram babam sekte karde chikar konam", "stroke"),
    ("با ترس از خواب پریدم نفسم بالا نمیاد", "breathing"),
    ("ترسم از اینه که سکته کرده", "stroke"),
])
def test_fear_words_before_a_report_keep_the_alarm(knowledge, text, group):
    assert group in {flag.id for flag in assess(normalise(text), knowledge).now}
