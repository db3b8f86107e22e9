"""What the assistant should answer to a typed question, from the knowledge layer alone (no model).

The end-to-end tests check that the chat, over each channel, delivers exactly
this; which entry a question finds is tested in tests/unit/test_retrieval.py and test_question.py
and measured in docs/nlu-quality.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from assistant.knowledge import Entry, Knowledge
from assistant.nlp import get_pipeline
from assistant.retrieval import get_finder


@dataclass(frozen=True)
class FollowUp:
    """A follow-up button: its title, its payload (the question in words) and the answer it leads to."""

    title: str
    payload: str
    answer: str


@dataclass(frozen=True)
class Expected:
    """The entry whose answer opens the reply, and the follow-up buttons."""

    entry: Entry
    related: List[FollowUp]

    @property
    def answer(self) -> str:
        return self.entry.answer


def typed(knowledge: Knowledge, text: str, subject: Optional[str] = None, after: Optional[str] = None) -> Expected:
    """The entry a typed question finds (``after``: the conversation's subject so far).

    Fails when it finds none, or one about another ``subject`` than the test means.
    """
    finder = get_finder(knowledge, get_pipeline())
    choice = finder.choose(finder.read(text), after)
    assert choice.entry is not None, f"no entry for {text!r}"
    if subject is not None:
        assert choice.entry.subject == subject, (text, choice.entry.id)
    related = [knowledge.entry(r) for r in choice.entry.related if knowledge.has_entry(r)]
    return Expected(choice.entry, [FollowUp(e.title, e.title, e.answer) for e in related])
