"""The words retrieval reads questions with: the knowledge file's lists, tokenized once when the finder is built."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Mapping, Sequence, Tuple

from assistant.knowledge import Knowledge
from assistant.nlp import PhraseIndex, single_words, word_sequences

if TYPE_CHECKING:
    from spacy.language import Language

Phrase = Tuple[str, ...]
FUZZY_MIN_LENGTH = 6  # a one-word synonym this long is looked for misspelt ("rhuematoid")
FUZZY_MIN_PHRASE = 10  # a misspelt phrase ("giant cel arteritis") is looked for only for synonyms this long
NO_PHRASES = PhraseIndex(())
OPENING_WORDS = 3  # a phrase that opens a message (a question start, a follow-up opener) is looked for in these


def words_of(nlp: Language, text: str) -> List[str]:
    """The lowercased tokens of ``text`` (the pipeline's rules never split or merge the tokenizer's tokens)."""
    return [t.lower_ for t in nlp.tokenizer(text)]


def positions(index: PhraseIndex, words: Sequence[str]) -> List[Tuple[int, int]]:
    """(start, end) of every phrase of ``index`` in ``words``, phrase by phrase (sorted by phrase number, then start)."""
    return [(start, end) for _, start, end in sorted(index.occurrences(words))]


@dataclass(frozen=True)
class Lexicon:
    """The retrieval lists as token sequences, the misspelling matchers' synonyms and the entries' own words."""

    lists: Mapping[str, PhraseIndex]  # the knowledge file's ``retrieval`` lists ("clinic_request", "refers_back"...)
    single: Mapping[str, FrozenSet[str]]  # their one-word phrases
    question_starts: PhraseIndex
    subject_of: Mapping[Tuple[str, str], str]  # (entity, value) -> subject
    fuzzy_words: Mapping[str, str]  # one-word synonyms for misspellings the rules do not list ("rhuematoid")
    fuzzy_phrases: Mapping[Phrase, str]  # synonyms of two or three words ("multiple sclerosis")
    joined: Mapping[str, str]  # those phrases typed together, looked up exactly ("rheumatoidarthritis")
    spelt_right: FrozenSet[str]  # the curated texts' words: "arthritis" is not a misspelt "arteritis"
    # every word the entries use: a question made of other words is about something else. Not the aspect words:
    # they point to an aspect ("lose weight": diet) but say nothing of what a question is about
    familiar: FrozenSet[str]
    pain_types: FrozenSet[str] = frozenset()  # the subjects that are pain types (knowledge/structure.yml)

    def positions(self, name: str, words: Sequence[str]) -> List[Tuple[int, int]]:
        """Where the phrases of the list ``name`` occur in ``words``, phrase by phrase."""
        return positions(self.lists.get(name, NO_PHRASES), words)

    def has(self, name: str, words: Sequence[str]) -> bool:
        """Whether ``words`` contain a phrase of the list ``name``."""
        return bool(self.positions(name, words))

    def opens_with(self, name: str, words: Sequence[str]) -> bool:
        """Whether ``words`` open with a phrase of the list ``name``."""
        return any(start == 0 for start, _ in self.positions(name, words[:OPENING_WORDS]))

    def starts_a_question(self, words: Sequence[str]) -> bool:
        """Whether ``words`` open with a question start ("what", "is there", "can i")."""
        return any(start == 0 for start, _ in positions(self.question_starts, words[:OPENING_WORDS]))


def _fuzzy_synonyms(knowledge: Knowledge) -> Tuple[Dict[str, str], Dict[Phrase, str], Dict[str, str]]:
    """The synonyms looked for misspelt: long single words, and phrases of two or three words; and those phrases
    typed together, looked for as they are (a misspelling of a joined phrase is rare, and each costs every word)."""
    words: Dict[str, str] = {}
    phrases: Dict[Phrase, str] = {}
    joined: Dict[str, str] = {}
    for value in knowledge.entities:
        for synonym in value.synonyms:
            split = tuple(synonym.lower().split())
            if len(split) == 1 and len(synonym) >= FUZZY_MIN_LENGTH and synonym.isalpha():
                words.setdefault(synonym.lower(), value.value)
            elif 1 < len(split) <= 3 and all(w.isalpha() for w in split) and len(synonym) >= FUZZY_MIN_PHRASE:
                phrases.setdefault(split, value.value)
                joined.setdefault("".join(split), value.value)  # typed together: "rheumatoidarthritis", «آرتریتروماتوئید»
    return words, phrases, joined


def build_lexicon(knowledge: Knowledge, nlp: Language) -> Lexicon:
    """The lexicon of ``knowledge``, tokenized by ``nlp``."""
    lists = {name: word_sequences(nlp, phrases) for name, phrases in knowledge.retrieval.items()}
    fuzzy_words, fuzzy_phrases, joined = _fuzzy_synonyms(knowledge)
    spelt_right = frozenset(w for e in knowledge.entries for text in (e.title, e.answer) for w in words_of(nlp, text))
    examples = {w for e in knowledge.entries for text in e.examples for w in words_of(nlp, text)}
    # words that point to an aspect, and the language's own words in Latin letters, are ours too ("badkesh", "baraye")
    pointer_texts = [*(text for words in knowledge.aspect_words.values() for text in words),
                     *knowledge.latin_words.get(knowledge.language, ())]
    pointers = {w for text in pointer_texts for w in words_of(nlp, text)}
    return Lexicon(
        lists=MappingProxyType({name: PhraseIndex(phrases) for name, phrases in lists.items()}),
        single=MappingProxyType({name: frozenset(single_words(phrases)) for name, phrases in lists.items()}),
        question_starts=PhraseIndex(word_sequences(nlp, knowledge.cues.get("question_start", ()))),
        subject_of=MappingProxyType({(value.entity, value.value): value.value for value in knowledge.entities}),
        fuzzy_words=MappingProxyType(fuzzy_words),
        fuzzy_phrases=MappingProxyType(fuzzy_phrases),
        joined=MappingProxyType(joined),
        spelt_right=spelt_right,
        familiar=spelt_right | examples | pointers,
        pain_types=frozenset(knowledge.structure.pain_types),
    )
