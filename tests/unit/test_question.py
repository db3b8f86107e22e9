"""The question value: a message is read once, and every rule of retrieval takes what was read."""

from __future__ import annotations

import copy
import threading
from dataclasses import FrozenInstanceError, replace
from typing import Any, List

import pytest
from spacy.language import Language

from actions import actions as act
from assistant.knowledge import Knowledge, get_knowledge
from assistant.nlp import get_pipeline
from assistant.retrieval import EntryFinder, Question, get_finder
from assistant.retrieval import finder as finder_module
from assistant.retrieval.subjects import MASK
from tests.conftest import make_tracker

MESSAGES = [
    "Is MS hereditary?",
    "My wife has lupus. Why does an autoimmune disease make the muscles hurt?",
    "can vasculitis be cured? my mums been on treatment 6 months",
    "is rhuematoid artritis hereditary",
    "what is the difference between osteoarthritis and rheumatoid arthritis",
    "my CRP came back at 38 today, what does that mean?",
    "My mum has gout. Does lupus run in families?",
    "what is the best treatment for acid reflux",
    "is that an autoimmune thing?",
    "and for MS?",
    "thanks, is it hereditary?",
    "do I have lupus?",
    "how much ibuprofen can I take?",
    "ok thanks",
    "",
]


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return get_knowledge()


@pytest.fixture(scope="module")
def finder(knowledge: Knowledge) -> EntryFinder:
    return get_finder(knowledge, get_pipeline())


class NoParsing:
    """A pipeline that fails the test when anything parses or tokenizes with it."""

    def __call__(self, text: str) -> Any:
        raise AssertionError(f"parsed again: {text!r}")

    @property
    def tokenizer(self) -> Any:
        raise AssertionError("tokenized again")


def test_a_question_is_a_frozen_value_of_what_was_read(finder):
    question = finder.read("My wife has lupus. Why does an autoimmune disease make the muscles hurt?")
    assert isinstance(question, Question)
    with pytest.raises(FrozenInstanceError):
        question.masked = "changed"  # type: ignore[misc]
    assert question.words[:4] == ("my", "wife", "has", "lupus")
    assert [s.text for s in question.asked] == ["Why does an autoimmune disease make the muscles hurt?"]
    assert question.subjects[0] == "muscle" and "lupus" in question.subjects  # the asking sentence's subject first
    assert question.masked == f"my wife has {MASK} . why does an {MASK} disease make the {MASK} hurt ?"
    assert question.asked_masked == f"why does an {MASK} disease make the {MASK} hurt ?"


def test_a_one_sentence_question_has_no_asking_sentences_to_read_apart(finder):
    question = finder.read("is fibro autoimmune?")
    assert question.asked == () and question.asked_masked is None
    assert question.asks_if_general == "named" and question.subjects == ("fibromyalgia", "autoimmune")


@pytest.mark.parametrize("text", MESSAGES)
def test_choosing_on_a_question_never_parses_it_again(finder, monkeypatch, text):
    """Everything after :meth:`EntryFinder.read` works on the question alone: no pipeline is called."""
    expected = finder.choose(finder.read(text), "lupus", "lupus_what")
    question = finder.read(text)
    blind = copy.copy(finder)
    blind.index = replace(finder.index, nlp=NoParsing())
    monkeypatch.setattr(Language, "__call__", NoParsing.__call__)
    assert blind.choose(question, "lupus", "lupus_what") == expected
    assert blind.choose(question) == finder.choose(question)
    assert blind.asks_the_knowledge(question) == finder.asks_the_knowledge(question)
    assert blind.asks_for_a_diagnosis(question) == finder.asks_for_a_diagnosis(question)
    assert blind.has(question, "medicine_request") == finder.has(question, "medicine_request")
    assert blind.nearest(question) == finder.nearest(question)


def test_the_finder_keeps_nothing_between_questions(finder):
    """Interleaved questions get what each gets alone: no state is carried from one question to the next."""
    alone = [finder.choose(finder.read(text)) for text in MESSAGES]
    questions = [finder.read(text) for text in MESSAGES]
    interleaved = [finder.choose(q) for q in reversed(questions)][::-1]
    assert interleaved == alone


def test_the_finder_is_built_once_per_knowledge_whatever_pipeline_asks(knowledge, finder):
    """The Rasa server's saved pipeline and the action code's in-memory one share the process's one finder."""
    assert get_finder(knowledge, object()) is finder  # type: ignore[arg-type]


def test_threads_asking_for_a_new_finder_at_once_train_it_once(knowledge, monkeypatch):
    built: List[Knowledge] = []
    build = finder_module.build_index

    def counting(k, nlp):
        built.append(k)
        return build(k, nlp)

    monkeypatch.setattr(finder_module, "build_index", counting)
    other = replace(knowledge)  # another knowledge object: a finder of its own
    found: List[EntryFinder] = []
    threads = [threading.Thread(target=lambda: found.append(get_finder(other, get_pipeline()))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and len(found) == 3 and all(f is found[0] for f in found)


@pytest.mark.parametrize(
    "action, text, intent",
    [
        (act.ActionRefuseDiagnosis, "if I have lupus, can I get pregnant?", "request_diagnosis"),
        (act.ActionRefuseMedication, "which doctor should I see for my joint pain?", "request_medication"),
        (act.ActionAnswerTopic, "is rhuematoid artritis hereditary", "ask_disease"),
        (act.ActionEmergency, "RA and pregnancy??", "emergency"),
    ],
)
def test_an_action_parses_its_message_once(dispatcher, monkeypatch, action, text, intent):
    """Safety and retrieval read the same parse of a one-sentence message."""
    action().run(dispatcher, make_tracker(text, intent), {})  # the pipeline and the finder are built here
    calls: List[str] = []
    parse = Language.__call__

    def counting(self, text, *args, **kwargs):
        calls.append(text)
        return parse(self, text, *args, **kwargs)

    monkeypatch.setattr(Language, "__call__", counting)
    action().run(dispatcher, make_tracker(text, intent), {})
    assert calls == [text]
