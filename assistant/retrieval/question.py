"""One message, read once: the value every rule of retrieval takes instead of the raw text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Tuple

from assistant.nlp import entity_docs
from assistant.retrieval.lexicon import Lexicon
from assistant.retrieval.subjects import (
    SubjectSpan,
    asking_sentences,
    asks_if_general,
    masked,
    ordered_subjects,
    subject_spans,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Question:
    """A message as retrieval reads it; made by :meth:`assistant.retrieval.EntryFinder.read`, never changed."""

    text: str
    doc: Doc  # read only
    words: Tuple[str, ...]  # the doc's tokens, lowercased
    spans: Tuple[SubjectSpan, ...]  # the subjects named, in text order
    asked: Tuple[Span, ...]  # the sentences that ask, when a message also tells; else none
    subjects: Tuple[str, ...]  # each subject once: those asked about first, conditions before pain types
    masked: str  # the words with every subject replaced by one placeholder, for the aspect classifier
    asked_masked: Optional[str]  # the asking sentences read on their own, masked; None without asking sentences
    asks_if_general: Optional[str]  # "is fibro autoimmune?": "named"; "is that autoimmune?": "pronoun"; else None


def read_question(doc: Doc, lexicon: Lexicon, nlp: Language) -> Question:
    """The question in ``doc``.

    The asking sentences are joined and read as their own text (as the
    classifier reads them), so a message of several sentences is parsed twice; every other reading is of ``doc``.
    """
    spans = subject_spans(doc, lexicon)
    asked = asking_sentences(doc, lexicon)
    asked_masked = None
    if asked:
        asked_doc = next(entity_docs(nlp, [" ".join(sentence.text for sentence in asked)]))
        asked_masked = masked(asked_doc, subject_spans(asked_doc, lexicon))
    words = tuple(t.lower_ for t in doc)
    return Question(
        text=doc.text,
        doc=doc,
        words=words,
        spans=spans,
        asked=asked,
        subjects=ordered_subjects(spans, asked, lexicon),
        masked=masked(doc, spans),
        asked_masked=asked_masked,
        asks_if_general=asks_if_general(words, spans, lexicon),
    )
