"""The language of a message and of its answer (issue 19): Persian script, Finglish, English, mixed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.knowledge import get_knowledge
from assistant.language import message_language
from assistant.normalise import fold_persian
from assistant.paths import ROOT


def _language(text: str):
    return message_language(text, get_knowledge())


@pytest.mark.parametrize("text, language", [
    ("آیا لوپوس درمان دارد؟", "fa"),
    ("درد قفسه سینه دارم", "fa"),
    ("MS دارم، ارثیه؟", "fa"),                     # the words around the term decide
    ("is lupus hereditary?", "en"),
    ("what is Behçet's disease (بهجت)?", "en"),
    ("dard ghafase sine daram", "fa"),             # Finglish
    ("nemitoonam nafas bekesham", "fa"),
    ("salam", "fa"),
    ("Salam, my chest hurts very much and my left arm", "en"),  # one Persian greeting in an English message
    ("hi", "en"),
    ("he was reading and suddenly his right hand wont work and hes mumbling, hes never done this", "en"),  # "hes"
    ("I dare not move, the sine of my pain", "en"),
    ("kheili khaste shodam, pain never stops", "fa"),
    ("lupus bishtar male dokhtaraye javune?", "fa"),   # English names, Finglish words (round 8, used)
    ("ms az chi miad? vitamin D rabt dare?", "fa"),
    ("behjat khoob mishe?", "fa"),
    ("Hi, I'm Payam Omidi, I have gout in my big toe, what can I eat?", "en"),  # names and loanwords (review 15)
    ("romatism", "en"),
    ("artrit pain", "en"),
    ("Does tai chi help with lupus? My doctor says it might", "en"),  # "chi" is no Finglish word: "tai chi"
    ("My son Sal has lupus, is it hereditary? I dare not ask his doctor", "en"),
    ("115", None),                                 # no letters: the conversation's language stays
    ("?", None),
])
def test_the_language_of_a_message(text: str, language) -> None:
    assert _language(text) == language


def test_both_languages_are_loaded_with_their_own_texts_and_the_same_ids() -> None:
    english, persian = get_knowledge("en"), get_knowledge("fa")
    assert (english.language, persian.language) == ("en", "fa")
    assert [e.id for e in english.entries] == [e.id for e in persian.entries]
    assert [t.id for t in english.topics] == [t.id for t in persian.topics]
    assert english.disclaimer != persian.disclaimer and "115" in persian.disclaimer
    for a, b in zip(english.entries, persian.entries):
        assert a.answer != b.answer, a.id
        assert not any("a" <= ch <= "z" for ch in b.answer.lower().replace("ms", "")[:40]), b.id


def test_persian_training_examples_are_written_in_the_folded_spelling() -> None:
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for block in data.get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                example = line.lstrip("- ").strip()
                assert fold_persian(example) == example, f"{Path(path).name}: {example!r}"
