"""Persian word endings read off for the red-flag net: «سینشو» is «سینه», «دستام» «دست», «جناغمه» «جناغ».

Persian glues to a word its plural («ها», spoken «ا»), a possessive («م، ت، ش، مون، تون، شون», written «ام، اش…»),
the object marker («و، رو») and the spoken copula («ه»): one body part or sign has dozens of written forms, and
people write forms the red-flag phrases never listed. :class:`Stems` reads such a word as its base, but only when
the base is a word of the red-flag vocabulary and the word itself is not (so every listed form keeps its meaning),
and never for the words in ``KEEP`` that merely look like a base and an ending («خونه» is a home, not blood).

Pure functions over strings; :func:`assistant.nlp.red_flag_spans` reads a message a second time with the bases
in place of such words, so every phrase, concept and pattern of the net matches their other forms too.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Iterable, Optional, Tuple

PLURALS = ("", "ها", "ا")
POSSESSIVES = ("", "م", "ت", "ش", "مون", "تون", "شون", "مان", "تان", "شان", "ام", "ات", "اش", "یم", "یت", "یش")
AFTER = ("", "و", "رو", "ه", "ست")
MIN_BASE = 3  # letters a base keeps at least, but for the short words below («سلام» is not «سل» + «ام»)
SHORT_BASES = frozenset({"پا", "سر", "دل", "لب", "رگ", "تب", "مچ"})
PERSIAN_WORD = re.compile(r"^[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC\u0622]+$")
KEEP: FrozenSet[str] = frozenset({
    # Words that end as if a base and an ending, with a meaning of their own.
    "خونه", "خونهام", "خونمون", "خونهمون", "دسته", "چشمه", "پاشو", "پاشید", "شکمو", "مردم", "مردمی", "سرما",
    "سرمای", "سرم", "سره", "رگه", "دله", "ماهها", "هوا", "هوای", "داروها", "داروهای", "نسخه", "کارت", "خودکشیه",
    "گرما", "گرمای", "گرماست", "خیرتون", "خیرت", "خیرش",
    # review 14: «ندیده» is "has not seen" (a result), «خونست» a home, «شسته» washed, «ادمه» «آدمه» typed fast
    "سیام", "سیامین", "ندیده", "ندیدیم", "ندیدن", "ندیدم", "خونست", "خونتون", "خونشون", "خونهتون", "خونهشون", "شسته",
    "شستم", "ادمه",
})
NEVER_BASES = frozenset({"همه", "تمام", "کل", "کلی", "ندید", "ادم"})  # review 14: «هممون», «تمامش» are no "all the pills"


def _endings() -> Dict[str, Tuple[bool, bool]]:
    """Every ending (plural, possessive, object marker or copula): whether a base's final «ه» may drop before it, and
    whether it may follow a base ending in «ه» or a short base (only when it can be read without the spoken plural «ا»).

    «ه» drops before a spoken possessive only («سینم»، «سینشو»); a plural keeps it («بچهها»), so does «ام» («سینهام»);
    «مردها» is «مرد» + «ها», never «مرده» + «ا».
    """
    endings: Dict[str, Tuple[bool, bool]] = {}
    for plural in PLURALS:
        for possessive in POSSESSIVES:
            for after in AFTER:
                ending = plural + possessive + after
                if ending and (possessive or after):  # a bare plural is read as it is: «عفونتها» talks of infections in general
                    drops, plain = endings.get(ending, (False, False))
                    endings[ending] = (drops or (not plural and possessive[:1] in ("م", "ت", "ش")), plain or plural != "ا")
    return endings


ENDINGS = _endings()
LONGEST = max(map(len, ENDINGS))
# Letters that sound alike and are confused in typing («استفراق» for «استفراغ», «زعف» for «ضعف»): one of each set.
SOUNDS_ALIKE = str.maketrans({"ط": "ت", "ص": "س", "ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ح": "ه", "غ": "ق", "ع": "ا",
                              "آ": "ا"})
MIN_SOUND_ALIKE = 6  # letters a word needs before a letter that sounds alike is read as another («طب» is not «تب»,
# «صرفه» not «سرفه», «ماده» not «معده»: review 14)


def sounds_alike(word: str) -> str:
    """``word`` with each letter that sounds like another written as one of its set."""
    return word.translate(SOUNDS_ALIKE)


class Stems:
    """The base of a Persian word for a red-flag vocabulary, or None when the word is read as it is."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        """``vocabulary``: the single words of the red-flag phrases, concepts, patterns and exceptions."""
        self.vocabulary = frozenset(word for word in vocabulary if PERSIAN_WORD.match(word))
        alike: Dict[str, set] = {}
        for word in self.vocabulary:
            alike.setdefault(sounds_alike(word), set()).add(word)
        self.alike = {key: next(iter(words)) for key, words in alike.items() if len(words) == 1}  # one reading only

    def base(self, word: str) -> Optional[str]:
        """«سینشو» → «سینه» when «سینه» is a red-flag word and «سینشو» is not; «استفراق» → «استفراغ»; None otherwise."""
        if word in self.vocabulary or word in KEEP or not PERSIAN_WORD.match(word):
            return None
        found = self._known(word)
        if found is not None and found not in NEVER_BASES:
            return found
        for size in range(1, min(LONGEST, len(word) - 2) + 1):  # the shortest ending first: the nearest base
            kind = ENDINGS.get(word[-size:])
            if kind is None:
                continue
            drops, plain = kind
            stem = word[:-size]
            # «سینم»: «سینه» with its «ه» dropped, from a stem of three letters at least («درمون» is no «دره»)
            for candidate in (stem, stem + "ه") if drops and len(stem) >= MIN_BASE else (stem,):
                short = len(candidate) < MIN_BASE
                if (plain or not (short or stem.endswith("ه"))) and (not short or candidate in SHORT_BASES):
                    found = candidate if candidate in self.vocabulary else self._known(candidate)
                    if found is not None and found not in NEVER_BASES:
                        return found
        return None

    def _known(self, word: str) -> Optional[str]:
        """The red-flag word ``word`` is a misspelling of, with letters that sound alike, when there is one only."""
        if len(word) < MIN_SOUND_ALIKE or word in KEEP:
            return None
        found = self.alike.get(sounds_alike(word))
        return found if found != word else None


FINGLISH_WORD = re.compile(r"^[a-z]+$")
FINGLISH_ENDINGS = frozenset(
    plural + possessive + after
    for plural in ("", "ha", "a")
    for possessive in ("", "am", "at", "ash", "emun", "amun", "etun", "atun", "eshun", "ashun", "emoon", "amoon",
                       "etoon", "atoon", "eshoon", "ashoon", "em", "et", "esh", "m", "t", "sh")
    for after in ("", "o", "ro", "e", "eh")
    if possessive or after  # a bare plural is read as it is, as in Persian letters
)
FINGLISH_LONGEST = max(map(len, FINGLISH_ENDINGS))
FINGLISH_SHORT_BASES = frozenset({"pa", "sar", "del", "lab", "rag", "tab"})
FINGLISH_KEEP = frozenset({"pasho", "pashin", "pashid", "khune", "khuneh", "khoone", "khooneh", "mardom", "sarma",
                           # review 14: heartburn, a kidney and homes are no "ate", "a lot" or blood
                           "atesh", "ateshi", "kolie", "koliye", "kolieh", "kolyeh", "khunamun", "khunashun",
                           "khoonamoon", "khooneshoon", "khunatun", "khunam", "khunash"})
FINGLISH_MIN_ALIKE = 4  # Latin-letter spellings differ in their vowels more than in their letters («tekun», «tekoon»)
FINGLISH_NEVER_BASES = frozenset({"ate", "koli", "kol", "hame", "tamam", "nadid"})


def finglish_skeleton(word: str) -> str:
    """One spelling of a Persian word in Latin letters: «tekoon», «tekun» and «tekoun» are «tekun»; q is gh, x kh."""
    word = word.replace("q", "gh").replace("x", "kh").replace("w", "v")
    word = word.replace("oo", "u").replace("ou", "u").replace("ee", "i").replace("aa", "a")
    word = re.sub(r"eh$", "e", word)
    return re.sub(r"(.)\1+", r"\1", word)


class FinglishStems:
    """:class:`Stems` for Persian written in Latin letters («sinasho» is «sine», «tamumesh» «tamoomesh»).

    Only for a message the knowledge's Latin-letter Persian words tell is Finglish
    (:func:`assistant.language.latin_language`): an English message is read as it is.
    """

    def __init__(self, vocabulary: Iterable[str]) -> None:
        """``vocabulary``: the Latin-letter single words of the red-flag phrases, concepts, patterns and exceptions."""
        self.vocabulary = frozenset(word for word in vocabulary if FINGLISH_WORD.match(word))
        alike: Dict[str, set] = {}
        for word in self.vocabulary:
            alike.setdefault(finglish_skeleton(word), set()).add(word)
        self.alike = {key: next(iter(words)) for key, words in alike.items() if len(words) == 1}

    def base(self, word: str) -> Optional[str]:
        """The red-flag word ``word`` is a form or a spelling of, or None."""
        if word in self.vocabulary or word in FINGLISH_KEEP or not FINGLISH_WORD.match(word):
            return None
        found = self._known(word)
        if found is not None and found not in FINGLISH_NEVER_BASES:
            return found
        for size in range(1, min(FINGLISH_LONGEST, len(word) - 2) + 1):  # the shortest ending first
            ending = word[-size:]
            if ending not in FINGLISH_ENDINGS:
                continue
            stem = word[:-size]
            drops = ending[:1] in ("a", "e") and ending not in ("a", "e", "eh")  # «sinam»: «sine» + «am»
            for candidate in (stem, stem + "e", stem + "eh") if drops else (stem,):
                if len(candidate) >= MIN_BASE or candidate in FINGLISH_SHORT_BASES:
                    found = candidate if candidate in self.vocabulary else self._known(candidate)
                    if found is not None and found not in FINGLISH_NEVER_BASES:
                        return found
        return None

    def _known(self, word: str) -> Optional[str]:
        """The red-flag word ``word`` is another spelling of, when there is one only."""
        if len(word) < FINGLISH_MIN_ALIKE:
            return None
        found = self.alike.get(finglish_skeleton(word))
        return found if found != word else None

