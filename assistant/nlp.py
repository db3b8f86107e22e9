"""The rule-based spaCy pipeline built from the knowledge file.

One blank English pipeline carries two rule components:

* an ``entity_ruler`` whose patterns are every entity synonym, labelled with
  the entity name and carrying the canonical value as the pattern id, and
* a ``span_ruler`` (spans key ``red_flags``) with the red-flag phrases
  (labelled with the group id) and the phrases of the concepts that groups
  combine (labelled ``concept:<name>``); spans may overlap entities. The
  red-flag token patterns are matched beside it by :mod:`assistant.token_rules`
  (:func:`red_flag_spans` gives both);
* a rule-based ``sentencizer``, so that :mod:`assistant.safety` can read each
  red-flag phrase in its own sentence.

The Rasa server loads the saved pipeline by path through ``SpacyNLP``; the
action server builds the same pipeline in memory. Run
``python -m assistant.nlp OUT_DIR`` to (re)build the saved copy.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple, TypeVar

from assistant.knowledge import Knowledge, KnowledgeError, get_knowledge, load_knowledge
from assistant.language import ARABIC_SCRIPT
from assistant.normalise import mostly_arabic_script
from assistant.paths import BUILD_DIR
from assistant.readings import blood_pressure_spans
from assistant.stems import FINGLISH, PERSIAN, Stems
from assistant.token_rules import TokenPatternError, TokenRules

if TYPE_CHECKING:  # spaCy is imported lazily at run time
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

T = TypeVar("T")
DEFAULT_PIPELINE_DIR = BUILD_DIR / "spacy_kb"
RED_FLAG_SPANS = "red_flags"
CONCEPT_PREFIX = "concept:"
TOKEN_PATTERNS_META = "red_flag_token_patterns"  # where the pipeline's meta keeps them for assistant.token_rules
RED_FLAG_EXCEPTION = "not_red_flag"  # a span in which red-flag phrases and concepts do not count
# Label of the phrases in which a synonym is not an entity ("call me back");
# they win as the longer match and are then dropped.
NOT_ENTITY_LABEL = "not_entity"
# Label of the things the knowledge does not cover (other conditions, medicines by name).
NOT_COVERED_LABEL = "not_covered"
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")  # a message with Persian letters has endings to read off
DIGIT = re.compile(r"\d")  # a message with a figure may hold a blood pressure reading
WORD_SPLIT = re.compile(r"[\s.,;:!?()\"'«»،؟]+")  # the words of a red-flag phrase, for the stems' vocabulary
TEST_LABEL = "test_name"  # a medical test ("ESR", "rheumatoid factor"): a result of one's own is not covered


def _spacy():  # imported lazily: spaCy takes a second to import
    import spacy

    return spacy


def token_variants(tokenizer: Tokenizer, phrase: str) -> List[List[Dict[str, str]]]:
    """LOWER token patterns for ``phrase`` as the tokenizer splits it in different contexts.

    spaCy splits "r.a." as one token before a space but as "r.a" + "." at the
    end of a lowercase sentence, and case changes the split too; one pattern per
    distinct split makes the phrase match wherever it stands. People also type
    "cant" and "dont": a phrase with an apostrophe matches without it too
    (phones' curly apostrophes are straightened by the channels, :mod:`channels.inputs`).
    """
    variants: List[List[Dict[str, str]]] = []
    spellings = dict.fromkeys((phrase, phrase.replace("'", "")))
    forms = dict.fromkeys(case for spelling in spellings for case in (spelling, spelling.upper(), spelling.capitalize()))
    for form in forms:  # one each: Persian has no case
        for suffix in ("", " x", "?", "."):
            words = [t.lower_ for t in tokenizer(form + suffix)]
            if suffix.strip():
                words = words[: -1] if words[-1] == suffix.strip().lower() else words
            pattern = [{"LOWER": word} for word in words]
            if pattern and pattern not in variants:
                variants.append(pattern)
    return variants


def _phrase_patterns(
    tokenizer: Tokenizer, phrases: Sequence[str], label: str, ident: Callable[[str], Optional[str]] = lambda _: None
) -> List[Dict[str, object]]:
    """Ruler patterns for the token variants of each phrase, matched on LOWER; ``ident(phrase)`` names the match."""
    patterns: List[Dict[str, object]] = []
    for phrase in phrases:
        name = ident(phrase)
        named = {"id": name} if name is not None else {}
        variants = token_variants(tokenizer, phrase)
        if len(variants) == 1:  # split alike wherever it stands: the phrase matcher's (hashed, not scanned per token)
            patterns.append({"label": label, "pattern": phrase, **named})
            continue
        for tokens in variants:
            patterns.append({"label": label, "pattern": tokens, **named})
    return patterns


def case_sensitive_words(knowledge: Knowledge) -> FrozenSet[str]:
    """The words the rules match with their case: abbreviations ("AS") and ORTH/TEXT pattern values.

    Everything else is matched lowercased, so a lowercased text reads the same unless it has one of these.
    """
    words = {abbreviation for item in knowledge.entities for abbreviation in item.abbreviations}
    patterns = [*(p for flag in knowledge.red_flags for p in flag.patterns),
                *(p for group in knowledge.concept_patterns.values() for p in group)]
    for token in (token for pattern in patterns for token in pattern):
        for key in ("ORTH", "TEXT"):
            value = token.get(key)
            words.update(value.get("IN", []) if isinstance(value, dict) else [value] if isinstance(value, str) else [])
    return frozenset(words)


# Persian pronoun endings written onto a word: «فیبروم» (my fibro), «روماتیسمش» (his RA), «ASم» (my AS).
PERSIAN_ENCLITICS = ("م", "ت", "ش", "مون", "تون", "شون", "ه")
_PERSIAN_WORD = re.compile("^[\u0600-\u06ff]{4,}$")  # one word of Persian letters, long enough to carry an ending


def persian_spellings(synonyms: Sequence[str]) -> List[str]:
    """``synonyms``, each also without the madda (many type «ارتریت» for «آرتریت»), and for each one-word Persian
    name, the name with each pronoun ending (none twice)."""
    names = dict.fromkeys(synonyms)
    names.update(dict.fromkeys(without_madda(synonym) for synonym in synonyms))
    for synonym in list(names):
        if _PERSIAN_WORD.match(synonym):
            names.update(dict.fromkeys(synonym + ending for ending in PERSIAN_ENCLITICS))
    return list(names)


def without_madda(text: str) -> str:
    """``text`` with alef-madda «آ» written as a plain alef «ا», as many type it."""
    return text.replace("آ", "ا")


def entity_patterns(knowledge: Knowledge, tokenizer: Tokenizer) -> List[Dict[str, object]]:
    """EntityRuler patterns: the token variants of every synonym, matched on LOWER.

    A condition's one-word Persian names and its abbreviations also match with a Persian pronoun ending
    (:data:`PERSIAN_ENCLITICS`): "my lupus" is one word in Persian.
    """
    patterns: List[Dict[str, object]] = []
    for item in knowledge.entities:
        synonyms = persian_spellings(item.synonyms) if item.entity == "disease" else list(item.synonyms)
        patterns += _phrase_patterns(tokenizer, synonyms, item.entity, lambda _, value=item.value: value)
        for abbreviation in item.abbreviations:
            patterns.append({"label": item.entity, "pattern": [{"ORTH": abbreviation}], "id": item.value})
            if item.entity == "disease":
                patterns += [{"label": item.entity, "pattern": [{"ORTH": abbreviation + ending}], "id": item.value}
                             for ending in PERSIAN_ENCLITICS]
    patterns += _phrase_patterns(tokenizer, knowledge.not_entity_phrases, NOT_ENTITY_LABEL)
    patterns += _phrase_patterns(tokenizer, knowledge.not_covered, NOT_COVERED_LABEL, lambda phrase: phrase)
    patterns += _phrase_patterns(tokenizer, knowledge.test_names, TEST_LABEL, lambda phrase: phrase)
    return patterns


def red_flag_patterns(knowledge: Knowledge, tokenizer: Tokenizer) -> List[Dict[str, object]]:
    """Ruler patterns for the red flags (phrases on LOWER, token patterns), their concepts and exceptions.

    A pattern whose ``pattern`` is text goes to the span ruler; a token list goes to :mod:`assistant.token_rules`.
    """
    patterns: List[Dict[str, object]] = []
    for flag in knowledge.red_flags:
        patterns += _phrase_patterns(tokenizer, flag.phrases, flag.id)
        patterns += [{"label": flag.id, "pattern": [dict(token) for token in pattern]} for pattern in flag.patterns]
    for name, phrases in knowledge.concepts.items():
        patterns += _phrase_patterns(tokenizer, phrases, CONCEPT_PREFIX + name)
    for name, token_patterns in knowledge.concept_patterns.items():
        patterns += [{"label": CONCEPT_PREFIX + name, "pattern": [dict(t) for t in pattern]} for pattern in token_patterns]
    patterns += _phrase_patterns(tokenizer, knowledge.red_flag_exceptions, RED_FLAG_EXCEPTION)
    patterns += [{"label": RED_FLAG_EXCEPTION, "pattern": [dict(t) for t in pattern]}
                 for pattern in knowledge.red_flag_exception_patterns]
    return patterns


def _token_patterns(patterns: List[Dict[str, object]]) -> List[List[object]]:
    """The [label, tokens] of the patterns that are token lists: assistant.token_rules', not the span ruler's."""
    return [[p["label"], p["pattern"]] for p in patterns if isinstance(p["pattern"], list)]


def build_token_rules(knowledge: Knowledge, nlp: Language) -> TokenRules:
    """The red-flag token patterns (and the phrases that split in several ways), indexed by first word.

    :func:`build_pipeline` keeps them in the pipeline's meta, so a saved pipeline loads them (splitting
    every phrase again takes seconds); a pipeline built some other way has them made from ``knowledge``.
    """
    stored = nlp.meta.get(TOKEN_PATTERNS_META)
    if stored is None:
        stored = _token_patterns(red_flag_patterns(knowledge, nlp.tokenizer))
    try:
        return TokenRules([(str(label), pattern) for label, pattern in stored])
    except TokenPatternError as error:
        raise KnowledgeError(f"{knowledge.path}: red_flags: {error}") from None


def _lower_words(token: Dict[str, Any]) -> List[str]:
    """The words a token pattern's ``LOWER`` matches: one, or those of its ``IN`` list."""
    value = token.get("LOWER")
    if isinstance(value, str):
        return [value]
    return list(value.get("IN", [])) if isinstance(value, dict) else []


def build_stems(knowledge: Knowledge, nlp: Language) -> Tuple[Stems, Stems]:
    """The bases of the red-flag net, in Persian and in Latin letters: every single word of its phrases, concepts,
    patterns and exceptions."""
    phrases = [*knowledge.red_flag_exceptions, *(p for flag in knowledge.red_flags for p in flag.phrases),
               *(p for phrases in knowledge.concepts.values() for p in phrases)]
    # split at spaces and punctuation, as the tokenizer splits Persian and Latin-letter Persian words (the stems keep
    # only such words), without running it on every phrase: a tenth of the time
    words = {word for phrase in phrases for word in WORD_SPLIT.split(phrase.lower()) if word}
    patterns = [*knowledge.red_flag_exception_patterns, *(p for flag in knowledge.red_flags for p in flag.patterns),
                *(p for patterns in knowledge.concept_patterns.values() for p in patterns)]
    words.update(word for pattern in patterns for token in pattern for word in _lower_words(token))
    return Stems(words, PERSIAN), Stems(words, FINGLISH)


def _spans_of_bases(doc: Doc, knowledge: Knowledge, nlp: Language, rules: TokenRules, language: Optional[str]) -> List[Any]:
    """The red-flag spans of ``doc`` read with its Persian words' bases («سینشو» as «سینه»), on ``doc``'s tokens.

    Words in Latin letters have theirs only in a message of Persian in Latin letters (tagged Persian, ``language``,
    and written mostly in Latin letters): «sinasho» as «sine»; the English words of a Persian message stay as written.
    """
    finglish = language == ARABIC_SCRIPT and not mostly_arabic_script(doc.text)
    if not (finglish or ARABIC_LETTER.search(doc.text)):  # an English message: nothing to read off
        return []
    persian, latin = built_once("stems", knowledge, nlp, build_stems)
    bases = [persian.base(token.lower_) or (latin.base(token.lower_) if finglish else None) for token in doc]
    if not any(bases):
        return []
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span

    words = [base or token.text for base, token in zip(bases, doc)]
    based = SpacyDoc(nlp.vocab, words=words, spaces=[bool(token.whitespace_) for token in doc])
    for name in ("sentencizer", "span_ruler"):
        if name in nlp.pipe_names:
            based = nlp.get_pipe(name)(based)
    return [Span(doc, span.start, span.end, label=span.label_)  # exceptions only as written: bases never silence
            for span in (*based.spans.get(RED_FLAG_SPANS, []), *rules.spans(based)) if span.label_ != RED_FLAG_EXCEPTION]


def red_flag_spans(doc: Doc, knowledge: Knowledge, nlp: Language, *, words: Sequence[str],
                   language: Optional[str]) -> List[Any]:
    """The red-flag, concept and exception spans of ``doc``: the span ruler's and the token rules', in text order;
    then those found when its Persian words are read as their bases (:mod:`assistant.stems`), and its blood
    pressure readings (:mod:`assistant.readings`, over ``words``: one per token, lowercased, as
    :class:`assistant.mention_reading.MessageReading` has them).

    ``language``: the message's, as :func:`assistant.language.message_language` tagged it once.
    """
    from spacy.tokens import Span

    rules = built_once("token_rules", knowledge, nlp, build_token_rules)
    found = {(span.start, span.end, span.label_): span for span in doc.spans.get(RED_FLAG_SPANS, [])}
    readings = [Span(doc, start, end, label=CONCEPT_PREFIX + kind)  # "158/105", «۱۶ روی ۱۰»: assistant.readings
                for start, end, kind in (blood_pressure_spans(words) if DIGIT.search(doc.text) else [])
                if kind in knowledge.concepts]
    for span in (*rules.spans(doc), *_spans_of_bases(doc, knowledge, nlp, rules, language), *readings):
        found.setdefault((span.start, span.end, span.label_), span)  # the same words found twice: once
    return [found[key] for key in sorted(found)]


def build_pipeline(knowledge: Knowledge) -> Language:
    """A blank English pipeline with the entity and red-flag rules of ``knowledge``."""
    spacy = _spacy()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # The span ruler comes before the entity ruler: adding (or loading) a ruler's phrase patterns runs every pipe
    # before it on each phrase, and the entity ruler counts all its patterns on every call. The other way round,
    # the ~25,000 red-flag phrases took 20 s to load; this way, a few seconds. Neither ruler reads the other's output.
    # The red-flag token patterns are not the span ruler's: spaCy's Matcher tries each at every token (0.7 s for
    # 2,000 characters of "a,"); assistant.token_rules tries them where their first word stands (red_flag_spans).
    patterns = red_flag_patterns(knowledge, nlp.tokenizer)
    spans = nlp.add_pipe("span_ruler", config={"spans_key": RED_FLAG_SPANS, "phrase_matcher_attr": "LOWER"})
    spans.add_patterns([p for p in patterns if isinstance(p["pattern"], str)])
    nlp.meta[TOKEN_PATTERNS_META] = _token_patterns(patterns)
    built_once("token_rules", knowledge, nlp, build_token_rules)  # a pattern it cannot read stops the build
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(entity_patterns(knowledge, nlp.tokenizer))
    return nlp


@functools.cache
def get_pipeline() -> Language:
    """The in-memory pipeline for the project's knowledge, built once per process."""
    return build_pipeline(get_knowledge())


def entity_docs(nlp: Language, texts: Sequence[str]) -> Iterator[Doc]:
    """``texts`` parsed for their words and entities only: the red-flag rules (most of the patterns) are skipped.

    For reading the knowledge's own examples and a question's asking sentences, where no red flag is looked for.
    """
    disabled = [name for name in ("span_ruler",) if name in nlp.pipe_names]
    return nlp.pipe(texts, disable=disabled)


def word_sequences(nlp: Language, phrases: Sequence[str]) -> List[Tuple[str, ...]]:
    """Each phrase as the lowercased token sequence the tokenizer makes of it."""
    return [tuple(t.lower_ for t in nlp.tokenizer(phrase)) for phrase in phrases]


def single_words(sequences: Sequence[Tuple[str, ...]]) -> Set[str]:
    """The one-word phrases of :func:`word_sequences`' output, as a set for membership tests."""
    return {sequence[0] for sequence in sequences if len(sequence) == 1}


class PhraseIndex:
    """Token sequences looked up by their first word: one pass over a text finds every occurrence of every one."""

    def __init__(self, phrases: Sequence[Tuple[str, ...]]) -> None:
        self.by_first: Dict[str, List[Tuple[int, Tuple[str, ...]]]] = {}
        for number, phrase in enumerate(phrases):
            if phrase:
                self.by_first.setdefault(phrase[0], []).append((number, phrase))

    def occurrences(self, words: Sequence[str]) -> List[Tuple[int, int, int]]:
        """(phrase number, start, end) of every occurrence in ``words``, in text order."""
        found = []
        for i, word in enumerate(words):
            for number, phrase in self.by_first.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    found.append((number, i, i + len(phrase)))
        return found

    def positions(self, words: Sequence[str]) -> List[Tuple[int, int]]:
        """(start, end) of every occurrence in ``words``, by start then end."""
        return sorted((start, end) for _, start, end in self.occurrences(words))


_BUILT: Dict[Tuple[str, int, int], Tuple[Knowledge, Language, Any]] = {}


def built_once(kind: str, knowledge: Knowledge, nlp: Language, build: Callable[[Knowledge, Language], T]) -> T:
    """``build(knowledge, nlp)``, kept for this knowledge and pipeline (a few at most: tests build their own)."""
    key = (kind, id(knowledge), id(nlp))
    cached = _BUILT.get(key)
    if cached is None or cached[0] is not knowledge or cached[1] is not nlp:
        if len(_BUILT) >= 8:
            _BUILT.clear()
        cached = _BUILT[key] = (knowledge, nlp, build(knowledge, nlp))
    return cached[2]


@dataclass(frozen=True)
class FoundEntity:
    """An entity found in a text, with its canonical value."""

    entity: str
    value: str
    text: str
    start: int
    end: int


def find_entities(nlp: Language, text: str) -> List[FoundEntity]:
    """Entities of ``text`` with canonical values, in text order."""
    doc = nlp(text)
    return [
        FoundEntity(ent.label_, ent.ent_id_, ent.text, ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ != NOT_ENTITY_LABEL
    ]


def save_pipeline(knowledge: Knowledge, out_dir: Path) -> Path:
    """Build the pipeline and write it to ``out_dir`` (replacing what was there)."""
    nlp = build_pipeline(knowledge)
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.meta["name"] = "autoimmune_kb"
    nlp.meta["description"] = f"Rule-based entities and red flags generated from {knowledge.path.name}"
    nlp.to_disk(out_dir)
    return out_dir


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Build the saved pipeline from the project's knowledge file."""
    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0]) if args else DEFAULT_PIPELINE_DIR
    try:
        knowledge = load_knowledge()
        save_pipeline(knowledge, out_dir)
    except KnowledgeError as error:
        print(f"cannot build the spaCy pipeline: {error}", file=sys.stderr)
        return 1
    print(f"spaCy pipeline written to {out_dir} ({sum(len(v.synonyms) for v in knowledge.entities)} synonyms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
