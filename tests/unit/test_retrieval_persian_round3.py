"""Persian and Finglish questions find an entry of the aspect they ask (knowledge/fa/words.yml aspect_words).

The colloquial and Finglish words of each aspect ("ersie", "mosri", "ta akhare omr", «زمستونا», «حجامت»...) are
extra examples of the Persian aspect classifier, whatever the subject. The questions below are worded apart from
the tuning sets. A message is read as the channels hand it on (``normalise``), in the language it is tagged with.
"""

from __future__ import annotations

import re

import pytest

from assistant.knowledge import Knowledge, get_knowledge
from assistant.language import message_language
from assistant.nlp import get_pipeline
from assistant.normalise import normalise
from assistant.retrieval import EntryFinder, get_finder


@pytest.fixture(scope="module")
def persian() -> Knowledge:
    return get_knowledge("fa")


@pytest.fixture(scope="module")
def finder(persian: Knowledge) -> EntryFinder:
    return get_finder(persian, get_pipeline())


def _aspects(finder: EntryFinder, text: str):
    choice = finder.choose(finder.read(normalise(text)))
    assert choice.entry is not None, (text, choice.unknown, choice.confidence)
    return choice.entry.aspects


FINGLISH = [
    ("ms ersie? khaharam ham dare", "heredity"),
    ("lupus ersie? khaleam ham dasht", "heredity"),
    ("fibro vagir dare? mitarsam shoharam begire", "contagious"),
    ("rumatism mosrie?", "contagious"),
    ("lupus sarayat mikone be hamsaram?", "contagious"),
    ("romatism ta akhare omr mimoone?", "outlook"),
    ("lupus kamelan khoob mishe ya na?", "outlook"),
    ("fibro daram, zemestoon dardam bishtar mishe", "weather"),
    ("ba lupus mitunam bardar besham?", "pregnancy"),
    ("ba lupus shirdehi mishe?", "pregnancy"),
    ("baraye fibromyalgia pishe kodoom doktor beram?", "specialist"),
    ("ba ms varzesh konam ya na?", "exercise"),
    ("fibro daram, shaba khabam nemibare", "sleep"),
    ("ba rumatism che ghazaii bokhoram?", "diet"),
    ("hejamat baraye rumatism khoobe?", "complementary"),
]

COLLOQUIAL = [
    ("زمستونا لوپوسم بدتر میشه؟", "weather"),
    ("وقتی هوا سرد میشه روماتیسمم بیشتر اذیتم میکنه", "weather"),
    ("حجامت کنم برای فیبرومیالژیا خوبه؟", "complementary"),
    ("عرق‌های گیاهی برای لوپوس خوبه؟", "complementary"),
    ("زنبور درمانی برای روماتیسم مفصلی خوبه؟", "complementary"),
    ("آرتریت روماتوئید به همسرم سرایت میکنه؟", "contagious"),
    ("لوپوس از آب دهن منتقل میشه؟", "contagious"),
    ("با ام اس میتونم به بچم شیر بدم؟", "pregnancy"),
    ("با فیبرومیالژیا زود خسته میشم، طبیعیه؟", "fatigue"),
    ("با ام اس میتونم سر کار برم؟", "work"),
    ("لوپوس تا آخر عمر باهامه؟", "outlook"),
]


@pytest.mark.parametrize("text, aspect", FINGLISH)
def test_finglish_questions_are_persian_and_find_their_aspect(finder, text, aspect):
    assert message_language(text, get_knowledge()) == "fa", text
    assert aspect in _aspects(finder, text)


@pytest.mark.parametrize("text, aspect", COLLOQUIAL)
def test_colloquial_persian_questions_find_their_aspect(finder, text, aspect):
    assert aspect in _aspects(finder, text)


@pytest.mark.parametrize("text", [
    "I dare not ask my doctor, is lupus hereditary?",
    "my man has been so tired since his MS flare, is that normal",
    "can I go to the pool with psoriatic arthritis, or is it bad?",
    "will the cold weather in winter make my RA worse",
    "Is a hot bath good for fibromyalgia pain, or a cold pack?",
    "I want to have a baby, can I be on this treatment?",
])
def test_english_messages_stay_english(text):
    assert message_language(text, get_knowledge()) == "en"


def test_no_finglish_word_is_a_word_of_the_english_entries():
    """A Latin-letter word that the English texts use ("dare", "man") would read English as Persian."""
    english = get_knowledge("en")
    words = {w for e in english.entries for text in (e.title, e.answer, *e.examples)
             for w in re.findall(r"[a-z']+", text.lower())}
    assert not words.intersection(get_knowledge().latin_words["fa"])


def test_a_term_typed_without_the_madda_finds_its_entries():
    from assistant.knowledge import get_knowledge
    from assistant.nlp import get_pipeline
    from assistant.retrieval import get_finder

    finder = get_finder(get_knowledge("fa"), get_pipeline())
    for text in ("ارتریت تمپورال چیه", "آرتریت تمپورال چیه"):
        choice = finder.choose(finder.read(text))
        assert choice.entry is not None and choice.entry.id == "vasculitis_gca_what", text
