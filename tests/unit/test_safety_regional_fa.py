"""Regional and village Persian (step 9 of the normaliser): the same emergencies in other people's words.

The red-flag lists hold colloquial Tehran Persian; a Gilaki «نتانه», a Lori «ایکنه» or an Azeri «آنام» now reads
as «نمیتونه», «میکنه», «مادرم» before the rules see it. These are new sentences, not the used sets' own.
"""

from __future__ import annotations

import pytest

from assistant.normalise import normalise
from assistant.safety import assess


@pytest.mark.parametrize("text, group", [  # each missed before step 9
    ("می مار نتانه نفس بکشه", "breathing"),
    ("بوام نفس نتانه بکشه", "breathing"),
    ("آنام قفسه سینه ش چوخ آغریر، ترلیبدی", "chest_pain"),
    ("آتامین سینه سی آغریر، نفس نتانه بکشه", "chest_pain"),
    ("دام یهو دسش شل ببید", "sudden_weakness"),
])
def test_regional_emergencies_are_caught(text: str, group: str) -> None:
    assert group in {flag.id for flag in assess(normalise(text)).now}, text


@pytest.mark.parametrize("text", [
    "آنام چند سال پیش سکته کرد، الان خوبه. لوپوس ارثیه؟",
    "زانوم صبحا درد ایکنه، ورزش خوبه؟",
])
def test_regional_mentions_raise_no_alarm(text: str) -> None:
    assert assess(normalise(text)).level is None, text
