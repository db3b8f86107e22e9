"""The finder: read a message once into a :class:`Question`, then choose its entry; one finder per process."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Dict, Optional, Sequence, Tuple

from assistant.knowledge import Entry, Knowledge
from assistant.retrieval.choice import Choice, by_aspect, make_turn
from assistant.retrieval.index import Index, build_index
from assistant.retrieval.question import Question, read_question
from assistant.retrieval.requests import asks, asks_for_a_diagnosis, asks_nothing, asks_the_knowledge, is_ours
from assistant.retrieval.rules import by_rules
from assistant.retrieval.subjects import subject_label

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class EntryFinder:
    """The entries of a knowledge file, indexed for questions. Only read once built: threads may share it."""

    def __init__(self, knowledge: Knowledge, nlp: Language) -> None:
        self.index: Index = build_index(knowledge, nlp)

    @property
    def knowledge(self) -> Knowledge:
        """The knowledge the finder was built from."""
        return self.index.knowledge

    @property
    def nlp(self) -> Language:
        """The pipeline that reads its questions."""
        return self.index.nlp

    def read(self, text: str) -> Question:
        """Parse ``text`` with the finder's pipeline and read the question in it."""
        return self.read_doc(self.index.nlp(text))

    def read_doc(self, doc: Doc) -> Question:
        """Read the question in ``doc``, a message already parsed by a pipeline with the same rules."""
        return read_question(doc, self.index.lexicon, self.index.nlp)

    def choose(self, question: Question, context_subject: Optional[str] = None,
               context_entry: Optional[str] = None) -> Choice:
        """The entry that answers ``question``, or why there is none.

        ``context_subject`` and ``context_entry`` come from the conversation: "is
        it hereditary?" after lupus is about lupus; "and for MS?" after a
        question on heredity asks MS's heredity. The rules decide first
        (:func:`~assistant.retrieval.rules.by_rules`), then the aspect classifier
        (:func:`~assistant.retrieval.choice.by_aspect`).
        """
        turn = make_turn(self.index, question, context_subject, context_entry)
        return by_rules(self.index, turn) or by_aspect(self.index, turn)

    def has(self, question: Question, name: str) -> bool:
        """Whether the question contains a phrase of the knowledge file's retrieval list ``name``."""
        return self.index.lexicon.has(name, question.words)

    def opens_with(self, question: Question, name: str) -> bool:
        """Whether the question opens with a phrase of the knowledge file's retrieval list ``name``."""
        return self.index.lexicon.opens_with(name, question.words)

    def asks_for_a_diagnosis(self, question: Question) -> bool:
        """ "Do I have lupus?": a request to be diagnosed, not a question about one."""
        return asks_for_a_diagnosis(question, self.index.lexicon)

    def asks_the_knowledge(self, question: Question) -> bool:
        """Whether a message the classifier took for small talk is a question for the entries."""
        return asks_the_knowledge(self.index, question)

    def is_ours(self, question: Question, context_subject: Optional[str] = None) -> bool:
        """Whether the message names a subject, follows one in the conversation, or uses our words."""
        return is_ours(question, self.index.lexicon, context_subject)

    def asks(self, question: Question) -> bool:
        """Whether the message asks something: a question mark at the end, or a part that starts like a question."""
        return asks(question, self.index.lexicon)

    def asks_nothing(self, question: Question) -> bool:
        """ "ok thanks", "and?": no subject and no word that asks anything."""
        return asks_nothing(question, self.index.lexicon)

    def aspect_probabilities(self, question: Question) -> Dict[str, float]:
        """The classifier's probability for each aspect of the question."""
        return self.index.aspects.probabilities(question)

    def nearest(self, question: Question, exclude: Sequence[str] = (), subject: Optional[str] = None) -> Tuple[Entry, ...]:
        """The entries most like the question (those of ``subject`` first)."""
        return self.index.aspects.nearest(question, exclude, subject)

    def subject_label(self, subject: str) -> str:
        """How a subject is named to people ("Lupus (SLE)")."""
        return subject_label(self.index.knowledge, subject)


_BUILDING = threading.Lock()
_FINDERS: Dict[int, Tuple[Knowledge, EntryFinder]] = {}  # one per knowledge; written only under the lock


def get_finder(knowledge: Knowledge, nlp: Language) -> EntryFinder:
    """The finder for ``knowledge``, built (and trained, about a second) once per process.

    ``nlp`` builds it when it is first asked for; later callers get the same
    finder whatever pipeline they pass, so that the Rasa server's saved pipeline
    and the action code's in-memory one (the same rules) never train two finders in one process.
    """
    with _BUILDING:
        kept = _FINDERS.get(id(knowledge))
        if kept is None or kept[0] is not knowledge:
            if len(_FINDERS) >= 8:  # tests build a few knowledges of their own
                _FINDERS.clear()
            kept = _FINDERS[id(knowledge)] = (knowledge, EntryFinder(knowledge, nlp))
        return kept[1]
