"""Invisible and look-alike characters do not switch the safety net off (issue 20, item 1).

Every red-flag group's first example is rewritten the ways phones, other apps
and attackers write it; after the channels' cleaning the rules must read each
variant exactly as the plain text.
"""

from __future__ import annotations

from typing import Callable, Dict

import pytest

from assistant.normalise import fold_persian, fold_word_list, normalise
from assistant.safety import assess
from channels.inputs import as_person_typed, clean_text, is_button_payload
from evaluation.safety_eval import load_red_flags

_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
_CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "c": "с", "p": "р"})


def _between_letters(mark: str) -> Callable[[str], str]:
    return lambda text: " ".join(mark.join(word) for word in text.split(" "))


VARIANTS: Dict[str, Callable[[str], str]] = {
    "non-breaking spaces": lambda text: text.replace(" ", "\u00a0"),
    "narrow non-breaking spaces": lambda text: text.replace(" ", "\u202f"),
    "ideographic and em spaces": lambda text: text.replace(" ", "\u3000", 1).replace(" ", "\u2003"),
    "zero-width spaces between letters": _between_letters("\u200b"),
    "soft hyphens between letters": _between_letters("\u00ad"),
    "zero-width non-joiners between letters": _between_letters("\u200c"),
    "zero-width joiners and word joiners": _between_letters("\u200d\u2060"),
    "a byte-order mark and bidi overrides": lambda text: "\ufeff\u202e" + text + "\u202c\u200f",
    "full-width letters": lambda text: text.translate(_FULL_WIDTH),
    "Cyrillic look-alikes": lambda text: text.translate(_CYRILLIC),
    "curly apostrophes": lambda text: text.replace("'", "\u2019"),
}
EXAMPLES = {group: messages[0] for group, messages in load_red_flags("red_flags.yml").items()}


def _reading(text: str, knowledge):
    assessment = assess(text, knowledge)
    return assessment.level, sorted(flag.id for flag in assessment.now)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_group_reads_the_same_through_every_variant(knowledge, variant):
    changed = {group: VARIANTS[variant](text) for group, text in EXAMPLES.items()}
    assert all(changed[group] != text for group, text in EXAMPLES.items() if variant != "curly apostrophes")
    for group, text in EXAMPLES.items():
        plain = _reading(text, knowledge)
        assert plain[0] is not None, f"{group}: the plain example is no alarm"
        assert _reading(clean_text(changed[group]), knowledge) == plain, f"{group} / {variant}"


def test_the_persian_half_space_joins_the_word_and_goes_elsewhere():
    assert normalise("می\u200cشود") == "میشود"  # the one spelling (fold_persian)
    assert normalise("می\u200c\u200cشود") == "میشود"
    assert normalise("کتاب\u200c ها") == "کتابها"
    assert normalise("chest\u200cpain") == "chestpain"


def test_persian_and_ordinary_text_pass_unchanged():
    for text in ("درد قفسه سینه دارم", "is lupus hereditary?", "I can't breathe\nhelp", "ΜS in Greek: Αθήνα", "привет"):
        assert normalise(text) == text.replace("ΜS", "MS")


def test_every_unicode_space_and_format_character_is_in_the_scanned_ranges():
    import sys
    import unicodedata

    from assistant.normalise import _SPACE_AND_FORMAT_RANGES

    outside = [code for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) in ("Zs", "Cf")
               and not any(code in codes for codes in _SPACE_AND_FORMAT_RANGES)]
    assert outside == []


def test_normalising_twice_changes_nothing():
    text = "\ufeffｃｈｅｓｔ\u00a0pa\u00adin — can’t\u200bbreathe, می\u200cشود"
    assert normalise(normalise(text)) == normalise(text)


@pytest.mark.parametrize(
    "typed, read",
    [
        ("/restart", "restart"),
        ("  /session_start", "session_start"),
        ("//stop", "stop"),
        ("/", "?"),
        ('/ask_disease{"disease": lupus', 'ask_disease{"disease": lupus'),
        ('/ask_disease{"colour": "red"}', 'ask_disease{"colour": "red"}'),
        ("/greet", "/greet"),
        ("/ask_capabilities", "/ask_capabilities"),
        ('/ask_disease{"disease":"lupus"}', '/ask_disease{"disease":"lupus"}'),
        ("what is lupus / SLE?", "what is lupus / SLE?"),
    ],
)
def test_a_typed_command_is_plain_text_and_button_payloads_stay(typed, read):
    assert as_person_typed(typed) == read
    assert is_button_payload(read) == read.startswith("/")


# --- Persian spelling (issue 19) ------------------------------------------------------------------------------------

@pytest.mark.parametrize("variants", [
    ("می‌شود", "می شود", "میشود", "مي‌شود"),
    ("نمی‌توانم نفس بکشم", "نمی توانم نفس بکشم", "نميتوانم نفس بکشم"),
    ("قرص‌هایم را خوردم", "قرص هایم را خوردم", "قرصهایم را خوردم"),
    ("تب ۳۹ دارم", "تب ٣٩ دارم", "تب 39 دارم"),
    ("دَرد قفسه سینه", "درد قفسهٔ سینه", "دـرد قفسه سینه", "درد قفسه سینه"),
    ("بی‌حس شده", "بی حس شده", "بيحس شده"),
    ("کمک", "كمك"),
])
def test_persian_spellings_of_one_word_read_alike(variants) -> None:
    assert len({normalise(v) for v in variants}) == 1, [normalise(v) for v in variants]


@pytest.mark.parametrize("text", ["I can't breathe", "fever of 39.5", "ms and lupus", "Behçet's", "ام اس دارم"])
def test_folding_persian_leaves_english_and_separate_words_alone(text: str) -> None:
    assert fold_persian(text) == text


def test_folding_is_stable() -> None:
    for text in ("می‌شود", "قرص ها", "نمی توانم", "ام‌اس"):
        assert fold_persian(fold_persian(text)) == fold_persian(text) == normalise(text)


@pytest.mark.parametrize("variants", [("dard-e asabi", "dard e asabi"), ("daroo-ye biologic", "daroo ye biologic"),
                                      ("Dard-E asabi", "Dard E asabi")])
def test_a_finglish_ezafe_joined_by_a_hyphen_reads_as_written_apart(variants) -> None:
    assert len({normalise(v) for v in variants}) == 1, [normalise(v) for v in variants]


@pytest.mark.parametrize("text", ["flare-up", "x-ray", "self-harm", "re-enter", "good-bye", "anti-CCP"])
def test_english_hyphens_stay(text: str) -> None:
    assert normalise(text) == text


# --- regional spoken Persian (step 9) -------------------------------------------------------------------------------

@pytest.mark.parametrize("regional, tehran", [
    ("می مار نفس نتانه بکشه", "مادرم نفس نمیتونه بکشه"),  # Gilaki, «می» written apart then joined by the fold
    ("زانوم درد ایکنه", "زانوم درد میکنه"),  # Lori and southern «ای» for «می»
    ("سرم ایسوزه و ایلرزم", "سرم میسوزه و میلرزم"),
    ("آنام چوخ خسته", "مادرم خیلی خسته"),  # Azeri speakers
    ("بوام دس چپش شل ببیده", "بابام دست چپش شل شده"),
    ("بابه م کەوت", "بابام افتاد"),  # Kurdish speakers, with the Kurdish ە
])
def test_regional_spoken_words_read_as_tehran_forms(regional: str, tehran: str) -> None:
    assert normalise(regional) == tehran


@pytest.mark.parametrize("text", [
    "ریزش مو دارم", "ایده خوبیه", "ایشان گفتند", "ایران", "ایستاده", "هر بار دارم راه میرم درد میگیره",
    "خودشو از پشت بوم", "اشکم در اومد", "خوب باشی", "دلم خوشه", "ایمنی بدنم", "این آیه",
])
def test_standard_words_that_look_regional_stay(text: str) -> None:
    assert normalise(text) == text


def test_a_word_list_phrase_reads_as_the_message_it_matches() -> None:
    """The knowledge's lists are folded as messages are (regional words included): «چشاش» in a list is «چشماش»."""
    for phrase in ("چشاش تار میبینه", "دسش یخه", "درد ایکنه", "چشم‌هایش"):
        assert fold_word_list(phrase) == normalise(phrase)


def test_the_loaded_red_flag_words_hold_no_regional_form() -> None:
    """Every phrase the red-flag net matches is already in the form step 9 gives messages (none left unreachable)."""
    from assistant.knowledge import get_knowledge
    from assistant.regional import read_regional_forms

    knowledge = get_knowledge("fa")
    phrases = [p for flag in knowledge.red_flags for p in flag.phrases]
    phrases += [p for words in knowledge.concepts.values() for p in words]
    assert [p for p in phrases if read_regional_forms(p) != p] == []
