"""Everything retrieval learns from the knowledge file before the first question, built once and then only read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Mapping, Tuple

from assistant.knowledge import Entry, Knowledge
from assistant.nlp import PhraseIndex, word_sequences
from assistant.retrieval.aspects import AspectModel, aspect_model
from assistant.retrieval.lexicon import Lexicon, build_lexicon
from assistant.retrieval.subjects import subject_spans

if TYPE_CHECKING:
    from spacy.language import Language

MEDICINE_CONCEPTS = ("medicine", "immunosuppressant", "steroid")  # the safety concepts that name medicines


@dataclass(frozen=True)
class Index:
    """The knowledge's entries indexed for questions: the words, the aspect classifier, the comparisons."""

    knowledge: Knowledge
    nlp: Language
    lexicon: Lexicon
    aspects: AspectModel
    compared: Mapping[str, FrozenSet[str]]  # per comparison entry: the subjects its title names, and its own terms
    compared_only: Tuple[Tuple[Entry, PhraseIndex], ...]  # the conditions we have only to compare with, as phrases
    own_words: Mapping[str, str]  # per subject, the questions its entries answer, as plain words (see own_words)
    medicines: FrozenSet[str]  # the safety concepts' medicine names: never a subject's own words

    def speaks_of(self, subject: str, words: str) -> bool:
        """Whether ``subject``'s entries are written to answer about ``words`` ("mouth ulcers" for Behçet's,
        "dry eyes" for Sjögren's); a medicine never is (its questions get the honest "I don't have information")."""
        plain = plain_words(words)
        return plain not in self.medicines and f" {plain} " in self.own_words.get(subject, "")


def plain_words(text: str) -> str:
    """``text`` lowercased, with every run of punctuation and spaces made one space."""
    return " ".join(re.split(r"[^\w']+", text.lower())).strip()


def own_words(knowledge: Knowledge) -> Mapping[str, str]:
    """Per subject, the questions its own entries are written to answer (titles, examples), each between spaces."""
    texts: Dict[str, List[str]] = {}
    for entry in knowledge.entries:
        texts.setdefault(entry.subject, []).extend(plain_words(t) for t in (entry.title, *entry.examples))
    return MappingProxyType({subject: f" {' | '.join(parts)} " for subject, parts in texts.items()})


def build_index(knowledge: Knowledge, nlp: Language) -> Index:
    """Read the knowledge with ``nlp`` and train the aspect classifier (about a second)."""
    lexicon = build_lexicon(knowledge, nlp)
    aspects = aspect_model(knowledge, lexicon, nlp)
    comparisons = [e for e in knowledge.entries if e.subject == "comparison"]
    compared = {e.id: frozenset(subject for _, _, subject in subject_spans(nlp(e.title), lexicon)) | set(e.terms)
                for e in comparisons}
    # "osteoarthritis", "stroke"; but "arthralgia" is joint pain: ours
    compared_only = tuple((e, PhraseIndex(word_sequences(nlp, e.terms))) for e in comparisons
                          if not compared[e.id] & set(knowledge.structure.pain_types))
    medicines = frozenset(plain_words(name) for concept in MEDICINE_CONCEPTS for name in knowledge.concepts.get(concept, ()))
    return Index(knowledge, nlp, lexicon, aspects, MappingProxyType(compared), compared_only, own_words(knowledge),
                 medicines)
