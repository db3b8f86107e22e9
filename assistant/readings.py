"""Blood pressure readings in a message, as red-flag concepts: "158/105", "150 over 100", «۱۶ روی ۱۰».

People write the reading of a home machine rather than the words the lists hold ("BP machine says 158/105"),
in millimetres of mercury or, in Iran, often in centimetres («فشارش ۱۶ روی ۱۰.۵ شده» is 160/105). Each reading
found is a span of the concepts it shows: ``high_bp`` (140/90 or more), ``severe_bp`` (160/110 or more) and
``low_bp`` (a top figure under 90); :mod:`knowledge/safety.yml` combines them with others (pregnancy, steroids).

Pure functions over a spaCy doc's words; :func:`assistant.nlp.red_flag_spans` adds what they find.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

ONE_WORD = re.compile(r"^(\d{1,3}(?:\.\d)?)/(\d{1,3}(?:\.\d)?)$")  # "158/105", "16/10"
NUMBER = re.compile(r"^\d{1,3}(?:\.\d)?$")
OVER = frozenset({"/", "over", "on", "روی", "رو", "بر", "ruye", "rooye", "roo", "ru", "ro", "bar"})
HIGH, SEVERE, LOW = "high_bp", "severe_bp", "low_bp"
# A reading counts only after words of blood pressure (a date «۱۶/۱۱» or "24/7" is none): these, or a word
# starting with «فشار» or "feshar", at most CONTEXT_WINDOW words before it, or "mmhg" right after it.
PRESSURE_WORDS = frozenset({"bp", "pressure", "pressures", "machine", "monitor", "reading", "readings", "systolic"})
PRESSURE_PREFIXES = ("فشار", "feshar")
CONTEXT_WINDOW = 5


def _kinds(top: float, bottom: float) -> Tuple[str, ...]:
    """The concepts a reading shows, or none when it is no blood pressure ("3/4 of a tablet", "24/7")."""
    if top < 30:  # centimetres of mercury, the Iranian way: «۱۶ روی ۱۰» is 160/100
        top, bottom = top * 10, bottom * 10
    if not (60 <= top <= 260 and 30 <= bottom <= 160 and top > bottom):
        return ()
    kinds: List[str] = []
    if top >= 140 or bottom >= 90:
        kinds.append(HIGH)
    if top >= 160 or bottom >= 110:
        kinds.append(SEVERE)
    if top < 90:
        kinds.append(LOW)
    return tuple(kinds)


def _reading_at(words: Sequence[str], i: int) -> Optional[Tuple[int, float, float]]:
    """(end, top, bottom) of a reading starting at word ``i``, or None."""
    found = ONE_WORD.match(words[i])
    if found:
        return i + 1, float(found.group(1)), float(found.group(2))
    if i + 2 < len(words) and NUMBER.match(words[i]) and words[i + 1] in OVER and NUMBER.match(words[i + 2]):
        return i + 3, float(words[i]), float(words[i + 2])
    return None


def _about_pressure(words: Sequence[str], start: int, end: int) -> bool:
    """Whether words of blood pressure come just before the reading, or "mmhg" right after it."""
    before = words[max(0, start - CONTEXT_WINDOW):start]
    return any(w in PRESSURE_WORDS or w.startswith(PRESSURE_PREFIXES) for w in before) or words[end:end + 1] == ["mmhg"]


def blood_pressure_spans(words: Sequence[str]) -> List[Tuple[int, int, str]]:
    """(start, end, concept) of every blood pressure reading in ``words`` (lowercased, digits in ASCII)."""
    spans: List[Tuple[int, int, str]] = []
    for i in range(len(words)):
        reading = _reading_at(words, i)
        if reading is not None and _about_pressure(words, i, reading[0]):
            end, top, bottom = reading
            spans += [(i, end, kind) for kind in _kinds(top, bottom)]
    return spans
