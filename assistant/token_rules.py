"""The red-flag token patterns, matched from an index of their first words.

spaCy's ``Matcher`` tries every pattern at every token: with the ~6,800 red-flag
token patterns (the phrases that split differently in different places, and the
patterns with word lists), 2,000 characters of "a," took 0.7 s in each server.
Here a pattern is tried only where its first word stands, or its first two words
when both are listed (a dictionary lookup per token: "my" starts hundreds of
patterns, "my chest" a few); the few patterns that may start with any word (a regular expression,
punctuation, a word *not* in a list) are tried everywhere. The results are the
matcher's: every (label, start, end) that a pattern matches, tested against spaCy's
``Matcher`` in ``tests/unit/test_token_rules.py``.

The subset of spaCy's token-pattern language that the knowledge check allows
(:data:`assistant.knowledge.model.ALLOWED_TOKEN_KEYS`): ``LOWER``, ``ORTH`` and
``TEXT`` as a string or ``{"IN": [...]}``, ``{"NOT_IN": [...]}``, ``{"REGEX": ...}``;
``IS_PUNCT``, ``IS_DIGIT``, ``LIKE_NUM`` as booleans; ``OP`` of ``?``, ``*`` or ``+``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Set, Tuple

if TYPE_CHECKING:  # spaCy is imported lazily at run time
    from spacy.tokens import Doc, Span

OPTIONAL_OPS = ("?", "*")
REPEATED_OPS = ("*", "+")
TEXT_KEYS = ("LOWER", "ORTH", "TEXT")
FLAG_KEYS = ("IS_PUNCT", "IS_DIGIT", "LIKE_NUM")
MAX_PAIRS = 64  # a pattern is filed under its first two words when they make at most this many pairs


class TokenPatternError(ValueError):
    """A token pattern this matcher cannot read; the message says which part."""


@dataclass(frozen=True)
class TokenSpec:
    """One token of a pattern: its tests, how often it may repeat, and the words it can be (None: any word)."""

    tests: Tuple[Callable[[Words, int], bool], ...]
    op: Optional[str]
    first_words: Optional[FrozenSet[str]]

    def matches(self, words: Words, i: int) -> bool:
        """Whether token ``i`` passes every test of this spec."""
        return all(test(words, i) for test in self.tests)


class Words:
    """The token attributes the patterns read, taken from a doc once."""

    def __init__(self, doc: Doc) -> None:
        self.lower = [t.lower_ for t in doc]
        self.text = [t.text for t in doc]
        self._doc = doc
        self._flags: Dict[str, List[bool]] = {}

    def flag(self, name: str) -> List[bool]:
        """``IS_PUNCT``, ``IS_DIGIT`` or ``LIKE_NUM`` of every token, read when a pattern first asks."""
        if name not in self._flags:
            attribute = name.lower()
            self._flags[name] = [bool(getattr(t, attribute)) for t in self._doc]
        return self._flags[name]


def _text_test(key: str, value: Any) -> Tuple[Callable[[Words, int], bool], Optional[FrozenSet[str]]]:
    """The test of a LOWER/ORTH/TEXT value, and the words it admits when it lists them."""
    column = "lower" if key == "LOWER" else "text"
    if isinstance(value, str):  # ORTH and TEXT are indexed by their lowercase too: the test still reads the case
        return (lambda w, i: getattr(w, column)[i] == value), frozenset([value.lower()])
    if not isinstance(value, Mapping) or len(value) != 1:
        raise TokenPatternError(f"{key}: give a text or one of IN, NOT_IN, REGEX, not {value!r}")
    (kind, items), = value.items()
    if kind == "REGEX":
        search = re.compile(str(items)).search
        return (lambda w, i: search(getattr(w, column)[i]) is not None), None
    if kind not in ("IN", "NOT_IN") or not isinstance(items, list):
        raise TokenPatternError(f"{key}: {kind} is not supported (IN, NOT_IN with a list, or REGEX)")
    words = frozenset(items)
    if kind == "IN":
        return (lambda w, i: getattr(w, column)[i] in words), frozenset(word.lower() for word in words)
    return (lambda w, i: getattr(w, column)[i] not in words), None


def compile_spec(token: Mapping[str, Any]) -> List[TokenSpec]:
    """One spec, or two for ``+`` (once, then any number of times more)."""
    tests: List[Callable[[Words, int], bool]] = []
    first_words: Optional[FrozenSet[str]] = None
    for key, value in token.items():
        if key == "OP":
            continue
        if key in TEXT_KEYS:
            test, admitted = _text_test(key, value)
            tests.append(test)
            if admitted is not None:
                first_words = admitted if first_words is None else first_words & admitted
        elif key in FLAG_KEYS and isinstance(value, bool):
            tests.append(lambda w, i, name=key, wanted=value: w.flag(name)[i] is wanted)
        else:
            raise TokenPatternError(f"unsupported token spec {key}: {value!r}")
    op = token.get("OP")
    if op not in (None, "?", "*", "+"):
        raise TokenPatternError(f"OP {op!r} is not supported (?, * or +)")
    if op == "+":
        return [TokenSpec(tuple(tests), None, first_words), TokenSpec(tuple(tests), "*", first_words)]
    return [TokenSpec(tuple(tests), op, first_words)]


def _closure(specs: Sequence[TokenSpec], states: Set[int]) -> Set[int]:
    """``states`` with every state reachable by skipping optional specs."""
    todo, seen = list(states), set(states)
    while todo:
        k = todo.pop()
        if k < len(specs) and specs[k].op in OPTIONAL_OPS and k + 1 not in seen:
            seen.add(k + 1)
            todo.append(k + 1)
    return seen


@dataclass(frozen=True)
class TokenPattern:
    """A compiled pattern with its label."""

    label: str
    specs: Tuple[TokenSpec, ...]

    def first_words(self) -> Optional[FrozenSet[str]]:
        """The words a match can start with, or None when it can start with any."""
        words: Set[str] = set()
        for spec in self.specs:
            if spec.first_words is None:
                return None
            words |= spec.first_words
            if spec.op not in OPTIONAL_OPS:
                return frozenset(words)
        return None  # every token optional

    def second_words(self) -> Optional[FrozenSet[str]]:
        """The words the second token must be, when the first two are each exactly one listed word; else None."""
        if len(self.specs) < 2 or self.specs[0].op is not None or self.specs[1].op is not None:
            return None
        return self.specs[1].first_words

    def ends(self, words: Words, start: int) -> List[int]:
        """Every end of a match that starts at ``start`` (a non-empty match; as spaCy's Matcher returns them all)."""
        specs, size = self.specs, len(words.lower)
        if specs[0].op is None and not specs[0].matches(words, start):
            return []  # most tries end at the first token
        found = []
        states, at = _closure(self.specs, {0}), start
        while states:
            if len(specs) in states and at > start:
                found.append(at)
            if at == size:
                break
            following = set()
            for k in states:
                if k < len(specs) and specs[k].matches(words, at):
                    following.add(k + 1)
                    if specs[k].op in REPEATED_OPS:
                        following.add(k)
            states, at = _closure(specs, following), at + 1
        return found


class TokenRules:
    """Token patterns by label, indexed by the word they start with, or by their first two words."""

    def __init__(self, patterns: Sequence[Tuple[str, Sequence[Mapping[str, Any]]]]) -> None:
        self.by_first: Dict[str, List[TokenPattern]] = {}
        self.by_pair: Dict[Tuple[str, str], List[TokenPattern]] = {}
        self.anywhere: List[TokenPattern] = []
        compiled: Dict[str, List[TokenSpec]] = {}  # the same token spec in many patterns is compiled once
        for number, (label, tokens) in enumerate(patterns):
            if not tokens:
                raise TokenPatternError(f"pattern {number} ({label}): empty")
            try:
                keys = [json.dumps(token, sort_keys=True) for token in tokens]
                specs = tuple(spec for key, token in zip(keys, tokens)
                              for spec in compiled.get(key) or compiled.setdefault(key, compile_spec(token)))
            except (TokenPatternError, re.error) as error:
                raise TokenPatternError(f"pattern {number} ({label}) {list(tokens)!r}: {error}") from None
            self._index(TokenPattern(label, specs))

    def _index(self, pattern: TokenPattern) -> None:
        """File ``pattern`` under its first two words when they are few ("my" starts hundreds of patterns,
        "my chest" a few), under its first word, or with those tried everywhere."""
        first, second = pattern.first_words(), pattern.second_words()
        if first is None:
            self.anywhere.append(pattern)
        elif second is not None and len(first) * len(second) <= MAX_PAIRS:
            for pair in ((a, b) for a in first for b in second):
                self.by_pair.setdefault(pair, []).append(pattern)
        else:
            for word in first:
                self.by_first.setdefault(word, []).append(pattern)

    def __len__(self) -> int:
        groups = (*self.by_first.values(), *self.by_pair.values(), self.anywhere)
        return len({id(p) for group in groups for p in group})

    def matches(self, doc: Doc) -> List[Tuple[str, int, int]]:
        """Every (label, start, end) matched in ``doc``, once each, in text order."""
        words = Words(doc)
        found: Set[Tuple[str, int, int]] = set()
        lower, none = words.lower, ()
        for start, word in enumerate(lower):
            pair = self.by_pair.get((word, lower[start + 1]), none) if start + 1 < len(lower) else none
            for pattern in (*self.by_first.get(word, none), *pair, *self.anywhere):
                found.update((pattern.label, start, end) for end in pattern.ends(words, start))
        return sorted(found, key=lambda match: (match[1], match[2], match[0]))

    def spans(self, doc: Doc) -> List[Span]:
        """:meth:`matches` as labelled spans of ``doc``."""
        from spacy.tokens import Span

        return [Span(doc, start, end, label=label) for label, start, end in self.matches(doc)]
