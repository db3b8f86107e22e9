"""Subjects read from a message: misspelt synonyms of several words match word by word, not only as a whole.

«بیماری است» ("it is a disease") is close to «بیماری ام اس» ("MS disease") as a string, and made round 7's long
Persian stories about lupus or PMR into questions about MS (now a used set). Each word of a misspelt phrase must be
its synonym's word or a misspelling of it; real misspellings still match.
"""

from __future__ import annotations

from typing import Tuple

import pytest

from assistant.knowledge import get_knowledge
from assistant.language import message_language
from assistant.nlp import get_pipeline
from assistant.normalise import normalise
from assistant.retrieval import get_finder


def _subjects(text: str) -> Tuple[str, ...]:
    text = normalise(text)
    finder = get_finder(get_knowledge(message_language(text, get_knowledge())), get_pipeline())
    return finder.read(text).subjects


@pytest.mark.parametrize("text, subject", [
    ("مادرم لوپوس داره. این خستگی بخشی از بیماری است؟", "lupus"),
    ("پدرم پلی میالژی روماتیکا داره، آیا این بیماری کاملا خوب می شود؟", "polymyalgia_rheumatica"),
    ("خواهرم آرتریت روماتوئید داره، این بیماری است که ارثی باشه؟", "rheumatoid_arthritis"),
])
def test_a_phrase_close_only_as_a_whole_is_not_a_subject(text: str, subject: str) -> None:
    assert _subjects(text) == (subject,)


@pytest.mark.parametrize("text, subject", [
    ("multipel sklerosis, is it inherited?", "multiple_sclerosis"),
    ("relapsing remiting ms, what helps?", "multiple_sclerosis"),
    ("پلی میالژیا رماتیکا چیه؟", "polymyalgia_rheumatica"),
    ("بیماری ام اس ارثیه؟", "multiple_sclerosis"),
    # from the review of this change: two words typed together (a slip in a short word is listed: «اسجوگرن»)
    ("سندرم اسجوگرن ارثیه؟", "sjogren"),
    ("rheumatoidarthritis and pregnancy?", "rheumatoid_arthritis"),
    ("آرتریت‌روماتوئید ارثیه؟", "rheumatoid_arthritis"),
])
def test_real_misspellings_of_a_phrase_still_match(text: str, subject: str) -> None:
    assert subject in _subjects(text)
