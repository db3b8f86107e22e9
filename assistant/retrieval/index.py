"""Everything retrieval learns from the knowledge file before the first question, built once and then only read."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, FrozenSet, Mapping, Tuple

from assistant.knowledge import Entry, Knowledge
from assistant.nlp import PhraseIndex, word_sequences
from assistant.retrieval.aspects import AspectModel, aspect_model
from assistant.retrieval.lexicon import Lexicon, build_lexicon
from assistant.retrieval.subjects import subject_spans

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Index:
    """The knowledge's entries indexed for questions: the words, the aspect classifier, the comparisons."""

    knowledge: Knowledge
    nlp: Language
    lexicon: Lexicon
    aspects: AspectModel
    compared: Mapping[str, FrozenSet[str]]  # per comparison entry: the subjects its title names, and its own terms
    compared_only: Tuple[Tuple[Entry, PhraseIndex], ...]  # the conditions we have only to compare with, as phrases


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
    return Index(knowledge, nlp, lexicon, aspects, MappingProxyType(compared), compared_only)
