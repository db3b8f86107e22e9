"""Persian word endings read off for the red-flag net: «سینشو» is «سینه», «دستام» «دست», «جناغمه» «جناغ».

Persian glues to a word its plural («ها», spoken «ا»), a possessive («م، ت، ش، مون، تون، شون», written «ام، اش…»),
the object marker («و، رو») and the spoken copula («ه»): one body part or sign has dozens of written forms, and
people write forms the red-flag phrases never listed. :class:`Stems` reads such a word as its base, but only when
the base is a word of the red-flag vocabulary and the word itself is not (so every listed form keeps its meaning),
and never for the words a script's ``keep`` lists, that merely look like a base and an ending («خونه» is a home,
not blood). One class, two tables: :data:`PERSIAN` for Persian letters, :data:`FINGLISH` for Persian written in
Latin letters («sinasho» is «sine»), read only in a message tagged Persian.

Pure functions over strings; :func:`assistant.nlp.red_flag_spans` reads a message a second time with the bases
in place of such words, so every phrase, concept and pattern of the net matches their other forms too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterable, Optional, Pattern, Set, Tuple

MIN_BASE = 3  # letters a base keeps at least, but for a script's short words («سلام» is not «سل» + «ام»)


@dataclass(frozen=True, eq=False)
class Script:
    """How one script writes a word's endings, and the words it must leave alone."""

    word: Pattern[str]  # a word of this script, the only kind read off
    # ending: (a base's last letter may drop before it; it may follow a short base or a stem ending in a restored letter)
    endings: Dict[str, Tuple[bool, bool]]
    restored: Tuple[str, ...]  # the last letters a dropping ending took off a base («سینم» is «سین» + «ه»)
    min_drop_stem: int  # letters a stem needs before a dropped letter is restored
    short_bases: FrozenSet[str]  # bases shorter than MIN_BASE that still count
    keep: FrozenSet[str]  # words with a meaning of their own that look like a base and an ending
    never_bases: FrozenSet[str]  # words of the vocabulary never read as another word's base
    min_alike: int  # letters a word needs before it is read as another spelling of a word
    skeleton: Callable[[str], str]  # one spelling of the word's sound
    keep_alike: bool  # whether a word of ``keep`` is also never read as another spelling (a stem before an ending too)


def _persian_endings() -> Dict[str, Tuple[bool, bool]]:
    """Every ending (plural, possessive, object marker or copula): whether a base's final «ه» may drop before it, and
    whether it may follow a base ending in «ه» or a short base (only when it can be read without the spoken plural «ا»).

    «ه» drops before a spoken possessive only («سینم»، «سینشو»); a plural keeps it («بچهها»), so does «ام» («سینهام»);
    «مردها» is «مرد» + «ها», never «مرده» + «ا».
    """
    endings: Dict[str, Tuple[bool, bool]] = {}
    for plural in ("", "ها", "ا"):
        for possessive in ("", "م", "ت", "ش", "مون", "تون", "شون", "مان", "تان", "شان", "ام", "ات", "اش", "یم", "یت", "یش"):
            for after in ("", "و", "رو", "ه", "ست"):
                ending = plural + possessive + after
                if ending and (possessive or after):  # a bare plural is read as it is: «عفونتها» talks of infections in general
                    drops, plain = endings.get(ending, (False, False))
                    endings[ending] = (drops or (not plural and possessive[:1] in ("م", "ت", "ش")), plain or plural != "ا")
    return endings


def _finglish_endings() -> Dict[str, Tuple[bool, bool]]:
    """The same endings in Latin letters: a vowel-led possessive drops a base's final e («sinam» is «sine» + «am»)."""
    endings = {plural + possessive + after
               for plural in ("", "ha", "a")
               for possessive in ("", "am", "at", "ash", "emun", "amun", "etun", "atun", "eshun", "ashun", "emoon",
                                  "amoon", "etoon", "atoon", "eshoon", "ashoon", "em", "et", "esh", "m", "t", "sh")
               for after in ("", "o", "ro", "e", "eh")
               if possessive or after}  # a bare plural is read as it is, as in Persian letters
    return {ending: (ending[:1] in ("a", "e") and ending not in ("a", "e", "eh"), True) for ending in endings}


# Letters that sound alike and are confused in typing («استفراق» for «استفراغ», «زعف» for «ضعف»): one of each set.
SOUNDS_ALIKE = str.maketrans({"ط": "ت", "ص": "س", "ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ح": "ه", "غ": "ق", "ع": "ا",
                              "آ": "ا"})


def sounds_alike(word: str) -> str:
    """``word`` with each letter that sounds like another written as one of its set."""
    return word.translate(SOUNDS_ALIKE)


def finglish_skeleton(word: str) -> str:
    """One spelling of a Persian word in Latin letters: «tekoon», «tekun» and «tekoun» are «tekun»; q is gh, x kh."""
    word = word.replace("q", "gh").replace("x", "kh").replace("w", "v")
    word = word.replace("oo", "u").replace("ou", "u").replace("ee", "i").replace("aa", "a")
    word = re.sub(r"eh$", "e", word)
    return re.sub(r"(.)\1+", r"\1", word)


PERSIAN = Script(
    word=re.compile(r"^[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC\u0622]+$"),
    endings=_persian_endings(),
    restored=("ه",),
    min_drop_stem=MIN_BASE,  # «درمون» is no «دره»
    short_bases=frozenset({"پا", "سر", "دل", "لب", "رگ", "تب", "مچ"}),
    keep=frozenset({
        # Words that end as if a base and an ending, with a meaning of their own.
        "خونه", "خونهام", "خونمون", "خونهمون", "دسته", "چشمه", "پاشو", "پاشید", "شکمو", "مردم", "مردمی", "سرما",
        "سرمای", "سرم", "سره", "رگه", "دله", "ماهها", "هوا", "هوای", "داروها", "داروهای", "نسخه", "کارت", "خودکشیه",
        "گرما", "گرمای", "گرماست", "خیرتون", "خیرت", "خیرش",
        # review 14: «ندیده» is "has not seen" (a result), «خونست» a home, «شسته» washed, «ادمه» «آدمه» typed fast
        "سیام", "سیامین", "ندیده", "ندیدیم", "ندیدن", "ندیدم", "خونست", "خونتون", "خونشون", "خونهتون", "خونهشون",
        "شسته", "شستم", "ادمه",
    }),
    never_bases=frozenset({"همه", "تمام", "کل", "کلی", "ندید", "ادم"}),  # review 14: «هممون», «تمامش» are no "all the pills"
    # «طب» is not «تب», «صرفه» not «سرفه», «ماده» not «معده» (review 14): six letters at least
    min_alike=6,
    skeleton=sounds_alike,
    keep_alike=True,
)
FINGLISH = Script(
    word=re.compile(r"^[a-z]+$"),
    endings=_finglish_endings(),
    restored=("e", "eh"),
    min_drop_stem=0,
    short_bases=frozenset({"pa", "sar", "del", "lab", "rag", "tab"}),
    keep=frozenset({"pasho", "pashin", "pashid", "khune", "khuneh", "khoone", "khooneh", "mardom", "sarma",
                    # review 14: heartburn, a kidney and homes are no "ate", "a lot" or blood
                    "atesh", "ateshi", "kolie", "koliye", "kolieh", "kolyeh", "khunamun", "khunashun",
                    "khoonamoon", "khooneshoon", "khunatun", "khunam", "khunash"}),
    never_bases=frozenset({"ate", "koli", "kol", "hame", "tamam", "nadid"}),
    min_alike=4,  # Latin-letter spellings differ in their vowels more than in their letters («tekun», «tekoon»)
    skeleton=finglish_skeleton,
    # "khunam" (my home) before "o" must stay free to be read as another spelling: kept, "khunamo" would be read as
    # "khun" (blood) + "amo" (review 15)
    keep_alike=False,
)


class Stems:
    """The base of a word of one script for a red-flag vocabulary, or None when the word is read as it is."""

    def __init__(self, vocabulary: Iterable[str], script: Script) -> None:
        """``vocabulary``: the single words of the red-flag phrases, concepts, patterns and exceptions (those of
        ``script`` are kept)."""
        self.script = script
        self.vocabulary = frozenset(word for word in vocabulary if script.word.match(word))
        self.longest = max(map(len, script.endings))
        alike: Dict[str, Set[str]] = {}
        for word in self.vocabulary:
            alike.setdefault(script.skeleton(word), set()).add(word)
        self.alike = {key: next(iter(words)) for key, words in alike.items() if len(words) == 1}  # one reading only

    def base(self, word: str) -> Optional[str]:
        """«سینشو» → «سینه» when «سینه» is a red-flag word and «سینشو» is not; «استفراق» → «استفراغ»; None otherwise."""
        script = self.script
        if word in self.vocabulary or word in script.keep or not script.word.match(word):
            return None
        found = self._known(word)
        if found is not None and found not in script.never_bases:
            return found
        for size in range(1, min(self.longest, len(word) - 2) + 1):  # the shortest ending first: the nearest base
            kind = script.endings.get(word[-size:])
            if kind is not None:
                found = self._base_before(word[:-size], *kind)
                if found is not None:
                    return found
        return None

    def _base_before(self, stem: str, drops: bool, plain: bool) -> Optional[str]:
        """The red-flag word ``stem`` is (with a dropped last letter restored when ``drops``), or None; a short base, or
        a stem ending in a letter a dropping ending restores, only before an ending that is ``plain``."""
        script = self.script
        restoring = drops and len(stem) >= script.min_drop_stem
        for candidate in (stem, *(stem + letter for letter in script.restored)) if restoring else (stem,):
            short = len(candidate) < MIN_BASE
            if (plain or not (short or stem.endswith(script.restored))) and (not short or candidate in script.short_bases):
                found = candidate if candidate in self.vocabulary else self._known(candidate)
                if found is not None and found not in script.never_bases:
                    return found
        return None

    def _known(self, word: str) -> Optional[str]:
        """The red-flag word ``word`` is another spelling of (letters that sound alike), when there is one only."""
        if len(word) < self.script.min_alike or (self.script.keep_alike and word in self.script.keep):
            return None
        found = self.alike.get(self.script.skeleton(word))
        return found if found != word else None
