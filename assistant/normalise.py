"""One Unicode normalisation for every message, before the NLU and the red-flag rules read it.

The same words must read the same whatever keyboard, phone or copy-paste
produced them. Invisible and look-alike characters otherwise make "chest pain"
a different word to the rules (issue 20): a non-breaking space, a zero-width
space between letters, a soft hyphen, full-width letters.

:func:`normalise`, in this order:

1. lone surrogates, NUL and other control characters are removed (line breaks and tabs stay);
2. NFKC: full-width and mathematical letters, ligatures and Arabic presentation forms become plain letters;
3. every Unicode space becomes a plain space, every line or paragraph separator a line break;
4. format characters are removed (zero-width space and joiner, word joiner, BOM, soft hyphen,
   bidi marks and overrides...), except the zero-width non-joiner *between two letters of Arabic
   script*, where it is Persian spelling (می‌شود); elsewhere it is removed too;
5. Cyrillic and Greek letters that look Latin, inside a word that also has Latin letters, become
   the Latin letters they imitate ("сhest" with a Cyrillic "с");
6. Persian spelling is folded to one form (:func:`fold_persian`, issue 19): Arabic ي/ك become Persian ی/ک,
   Persian and Arabic-Indic digits become 0-9, ؟ ، ؛ become ? , ; (the rules read one set of marks),
   diacritics and the tatweel go, and the half-space (ZWNJ)
   variants of a word read alike: می‌شود, می شود and میشود all become میشود, قرص‌ها and قرص ها قرصها;
7. in Persian written in Latin letters, the ezafe joined by a hyphen stands apart: "dard-e asabi" reads as
   "dard e asabi", "daroo-ye" as "daroo ye" (the word lists write it apart; English has no word "-e");
8. a letter typed three times or more in a row, as a cry is typed, is read once: «کمکککک» as «کمک», «دردددد» as
   «درد», "komakkkk" as "komak", "helppp" and "HELPPP" as "help"; letters English doubles are read twice
   ("khooooon" as "khoon", "allll" as "all", "killl" as "kill"); a Persian letter held in a word that doubles it is
   read twice where the whole word is then a known word («ممممنون» as «ممنون», «ببببخشید» as «ببخشید»;
   «هممممه» as «همه», «نننننه» as «نه»:
   :data:`PERSIAN_DOUBLED_WORDS`), once otherwise («دردددد» as «درد»). A word of one letter only («خخخ», «ههه»:
   laughter; "III", "zzz") stays;
9. regional and village spoken Persian words read as their colloquial Tehran forms, whole words only
   («می مار نفس نتانه بکشه» as «مادرم نفس نمیتونه بکشه», «درد ایکنه» as «درد میکنه»):
   :func:`assistant.regional.read_regional_forms`;
and, first of all, typographic apostrophes become straight ones ("can’t breathe" reads as "can't breathe").
The knowledge's word lists and Persian examples go through :func:`fold_word_list` (steps 6 and 9) when they are
loaded, so a curator writes می‌شود or «چشاش» and the rules still match what people type.

Pure functions; the character table is built on first use (about 40 ms), nothing is read or changed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Dict

from assistant.regional import read_regional_forms

ZWNJ = "\u200c"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'", "`": "'"}
_LINE_SEPARATORS = {"\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
# Arabic script: letters, marks and presentation forms (NFKC folds the forms into the base letters).
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ZWNJ_OUTSIDE_WORDS = re.compile(f"(?<![{_ARABIC}])\u200c+|\u200c+(?![{_ARABIC}])")
_ZWNJ_RUN = re.compile("\u200c{2,}")
# Look-alikes of Latin letters in Cyrillic and Greek (the ones keyboards and spammers use).
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "ι": "i", "κ": "k",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_MIXED_WORD = re.compile(r"\w+")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]")  # letters only, not ، ؟ or digits
_LATIN_LETTER = re.compile("[A-Za-z]")


# Every space separator (Zs) and format character (Cf) of Unicode lies in these ranges (checked by a test).
_SPACE_AND_FORMAT_RANGES = (range(0, 0x20000), range(0xE0000, 0xE1000))


@functools.cache
def _char_table() -> Dict[int, object]:
    """Spaces to a plain space, line separators to a line break, format characters (bar ZWNJ) removed."""
    table: Dict[int, object] = {}
    for code in (code for codes in _SPACE_AND_FORMAT_RANGES for code in codes):
        category = unicodedata.category(chr(code))
        if category == "Zs" and code != 0x20:
            table[code] = " "
        elif category == "Cf" and chr(code) != ZWNJ:
            table[code] = None
    table.update({ord(k): v for k, v in _LINE_SEPARATORS.items()})
    return table


_APOSTROPHE_TABLE = str.maketrans(_APOSTROPHES)
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
_LOOKALIKE_CHARS = re.compile("[" + "".join(_LOOKALIKES) + "]")


def _fold_lookalikes(text: str) -> str:
    """Cyrillic/Greek look-alikes inside words that also have Latin letters, as Latin letters."""
    if not _LOOKALIKE_CHARS.search(text):
        return text

    def fold(match: re.Match) -> str:
        word = match.group(0)
        latin = _LATIN_LETTER.search(word) is not None
        return word.translate(_LOOKALIKE_TABLE) if latin else word

    return _MIXED_WORD.sub(fold, text)


def arabic_letters(text: str) -> int:
    """How many letters of Arabic script (Persian) ``text`` has."""
    return len(_ARABIC_LETTER.findall(text))


def latin_letters(text: str) -> int:
    """How many Latin letters ``text`` has."""
    return len(_LATIN_LETTER.findall(text))


def mostly_arabic_script(text: str) -> bool:
    """Whether most of the letters of ``text`` are of Arabic script (Persian): the script that decides its language."""
    return arabic_letters(text) > latin_letters(text)


# Persian spelling (issue 19): look-alike Arabic letters, digits, and marks that change no word.
_PERSIAN_TABLE = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ە": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و",
    **{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)},
    "٫": ".", "٬": ",", "٪": "%", "\u0640": None, "؟": "?", "،": ",", "؛": ";",
    **{chr(code): None for code in range(0x064B, 0x0660)}, "\u0670": None,
})
_PERSIAN_CHARS = re.compile("[يىكةۀەأإٱؤ٫٬٪؟،؛\u0640\u064b-\u065f\u0670\u06f0-\u06f9\u0660-\u0669\u200c]")
# "می شود", "نمی توانم", "بی حس": the verb and adjective prefixes written apart; "قرص ها": the plural apart.
_PREFIX_APART = re.compile(r"(?<![\w\u200c])(ن?می|بی) +(?=[\u0622-\u06cc])")
_PLURAL_APART = re.compile(r"(?<=[\u0622-\u06cc]) +(?=(?:ها|های|هایی|هایم|هایت|هایش|هایمان|هایتان|هایشان)(?![\w\u200c]))")
_FINGLISH_EZAFE = re.compile(r"(?<=[A-Za-z])-(y?e)\b", re.IGNORECASE)
# A cry typed with one letter held down (step 8): in Arabic-script words, and Latin letters bar "w" (www.).
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]{3,}")
_HELD_ARABIC = re.compile("([\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff])\\1{2,}")
_HELD_LATIN = re.compile("([a-vx-zA-VX-Z])\\1{2,}")
_LATIN_WORD = re.compile("[A-Za-z]{3,}")
_DOUBLED = frozenset("oelsfOELSF")  # letters English doubles ("too", "see", "all", "pass", "off"): read twice
# Common Persian words with a letter written twice, each WHOLE word as it is read after folding (no half-space): a
# held letter (one run in the word) is read twice only where the whole word then is one of these (step 8), once
# otherwise. Whole words, not stems (review 12): as a stem «همم» turned «هممممه» (ALL, held) into «هممه», and
# «ننه» (granny) and «ببر» are left out because a held «نننه» is an emphatic "no" and «ببببرید» is «برید».
PERSIAN_DOUBLED_WORDS = frozenset((
    "ممنون", "ممنونم", "ممنونیم", "ممنونید", "ممنونی", "ممنونتم", "ممنونتون", "ممنونتونم",
    "ممد", "ممه", "ننو", "مننژ", "مننژیت", "مننژیتی", "ششم", "ششمه", "ششمین", "ششصد", "الله",
    "ببخش", "ببخشید", "ببخشین", "ببخشی", "ببخشه", "ببخشد", "ببین", "ببینید", "ببینین", "ببینم", "ببینه", "ببینی",
    "ببند", "ببندید", "ببندین", "ببندم", "ببوس", "ببوسم", "ببوسید",
    "دده", "ددهم", "ددهام", "ددهت", "ددش", "تتو", "تتوم", "تتوی", "تتوها", "ککش", "مدد",
))
_HAS_PERSIAN_SPACE = re.compile("(?:^|[\\s\u200c])(?:ن?می|بی) |(?<=[\u0622-\u06cc]) +ها")


def fold_persian(text: str) -> str:
    """Persian ``text`` in the one spelling the rules read (see the module's docstring, step 6).

    Changes only Arabic-script letters and marks, Persian digits and half-spaces: English is untouched.
    """
    if _PERSIAN_CHARS.search(text):
        text = text.translate(_PERSIAN_TABLE)
    if _HAS_PERSIAN_SPACE.search(text):
        text = _PLURAL_APART.sub("", _PREFIX_APART.sub(r"\1", text))
    return text.replace(ZWNJ, "") if ZWNJ in text else text


def fold_word_list(text: str) -> str:
    """A phrase of the knowledge's word lists as messages are read: the one Persian spelling (step 6), then the
    regional words (step 9), so that «چشاش تار میبینه» in a list still matches the message it becomes."""
    return read_regional_forms(fold_persian(text))


def _read_held_letters(text: str) -> str:
    """A letter held down (three times or more) read once; a Latin letter English doubles ("o", "e", "l", "s", "f")
    twice; a Persian letter twice where the whole word then is a known doubled word (:data:`PERSIAN_DOUBLED_WORDS`);
    a word of one letter only stays."""

    def arabic(match: re.Match) -> str:
        word = match.group(0)
        if len(set(word)) == 1:
            return word
        twice = _HELD_ARABIC.subn(r"\1\1", word)  # one letter held («ممممنون»), not a cry held throughout («نننههه»)
        return twice[0] if twice[1] == 1 and twice[0] in PERSIAN_DOUBLED_WORDS else _HELD_ARABIC.sub(r"\1", word)

    def latin(match: re.Match) -> str:
        word = match.group(0)
        if len(set(word)) == 1:  # "III", "zzz"
            return word
        return _HELD_LATIN.sub(lambda m: m.group(1) * (2 if m.group(1) in _DOUBLED else 1), word)

    return _LATIN_WORD.sub(latin, _ARABIC_WORD.sub(arabic, text))


def normalise(text: str) -> str:
    """``text`` as the rules and the NLU should read it (see the module's docstring)."""
    text = _CONTROL.sub("", text).translate(_APOSTROPHE_TABLE)  # before NFKC, which splits the acute accent
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_char_table())
    if ZWNJ in text:
        text = _ZWNJ_OUTSIDE_WORDS.sub("", _ZWNJ_RUN.sub(ZWNJ, text))
    text = read_regional_forms(_read_held_letters(fold_persian(_fold_lookalikes(text))))
    return _FINGLISH_EZAFE.sub(r" \1", text) if "-" in text else text
