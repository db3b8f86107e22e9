"""assistant.token_rules finds what spaCy's Matcher finds, trying each pattern only where its first word stands."""

from __future__ import annotations

from typing import List, Mapping, Sequence, Set, Tuple

import pytest
import spacy
import yaml
from spacy.matcher import Matcher

from assistant.nlp import TOKEN_PATTERNS_META, get_pipeline
from assistant.paths import SAFETY_SETS
from assistant.token_rules import TokenPatternError, TokenRules


def _oracle(nlp, patterns: Sequence[Tuple[str, Sequence[Mapping]]], texts: Sequence[str]) -> List[Set[Tuple[str, int, int]]]:
    """What spaCy's Matcher finds in each text: every (label, start, end)."""
    matcher = Matcher(nlp.vocab)
    for label, pattern in patterns:
        matcher.add(label, [list(pattern)])
    found = []
    for text in texts:
        doc = nlp.make_doc(text)
        found.append({(nlp.vocab.strings[key], start, end) for key, start, end in matcher(doc)})
    return found


def _strings(data: object) -> List[str]:
    """Every text in a safety set, whatever its nesting (groups of lists, cases with fields)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in _strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in _strings(value)]
    return []


def _ours(nlp, patterns, texts) -> List[Set[Tuple[str, int, int]]]:
    rules = TokenRules(patterns)
    return [set(rules.matches(nlp.make_doc(text))) for text in texts]


SMALL = [
    ("optional_first", [{"LOWER": "very", "OP": "?"}, {"LOWER": "bad"}, {"LOWER": "pain"}]),
    ("star_middle", [{"LOWER": "chest"}, {"LOWER": {"IN": ["really", "so", "a", "bit"]}, "OP": "*"}, {"LOWER": "hurts"}]),
    ("plus", [{"LOWER": "help"}, {"IS_PUNCT": True, "OP": "+"}]),
    ("star_end", [{"LOWER": "blood"}, {"LOWER": "a", "OP": "*"}]),
    ("regex_first", [{"LOWER": {"REGEX": "^overdos"}}, {"LOWER": {"NOT_IN": ["not", "never"]}}]),
    ("orth", [{"ORTH": "AS"}, {"LOWER": "flare"}]),
    ("number", [{"LIKE_NUM": True}, {"LOWER": "pills"}]),
    ("digits", [{"IS_DIGIT": True}, {"LOWER": {"IN": ["tablets", "pills"]}, "OP": "?"}]),
]
TEXTS = [
    "very bad pain and bad pain, very very bad pain",
    "my chest really so a bit hurts; chest hurts; chest a a a hurts",
    "help!!! help , help",
    "blood a a a a and blood",
    "overdosed today, overdose not, OVERDOSING now",
    "my AS flare, my as flare, As flare",
    "took twenty pills, 20 pills, 20 tablets and 3",
    "",
    "a, " * 50,
]


def test_small_patterns_match_exactly_as_spacys_matcher():
    nlp = spacy.blank("en")
    assert _ours(nlp, SMALL, TEXTS) == _oracle(nlp, SMALL, TEXTS)


def test_the_knowledges_token_patterns_match_exactly_as_spacys_matcher():
    nlp = get_pipeline()
    patterns = [(label, pattern) for label, pattern in nlp.meta[TOKEN_PATTERNS_META]]
    assert len(patterns) > 1000  # the phrases that split in several ways and the patterns with word lists
    texts: List[str] = []
    for path in sorted(SAFETY_SETS.glob("*.yml")):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))[:60]
    assert len(texts) > 300
    texts += [text.lower() for text in texts]
    assert _ours(nlp, patterns, texts) == _oracle(nlp, patterns, texts)


@pytest.mark.parametrize(
    "pattern, message",
    [
        ([{"LOWER": "x", "OP": "!"}], r"OP '!' is not supported"),
        ([{"LOWER": {"FUZZY": "x"}}], r"FUZZY is not supported"),
        ([{"LEMMA": "x"}], r"unsupported token spec LEMMA"),
        ([{"LOWER": {"REGEX": "("}}], r"pattern 0 \(broken\)"),
        ([], r"pattern 0 \(broken\): empty"),
    ],
)
def test_a_pattern_it_cannot_read_is_refused_naming_it(pattern, message):
    with pytest.raises(TokenPatternError, match=message):
        TokenRules([("broken", pattern)])


def test_a_pattern_is_tried_only_where_its_first_word_stands():
    rules = TokenRules(SMALL)
    assert {p.label for p in rules.anywhere} == {"regex_first", "number", "digits"}  # no first word to look up
    assert {p.label for p in rules.by_first["bad"]} == {"optional_first"}  # "very" may be left out
    assert {p.label for p in rules.by_pair[("as", "flare")]} == {"orth"}  # found by its lowercase, tested with its case
    assert {p.label for p in rules.by_first["chest"]} == {"star_middle"}  # its second word may be left out
    assert ("as", "flare") not in rules.by_first and "as" not in rules.by_first


def test_a_pattern_whose_first_two_words_are_listed_is_tried_only_where_both_stand():
    many = [{"LOWER": {"IN": [f"w{n}" for n in range(70)]}}, {"LOWER": "x"}]  # 70 pairs: too many to file
    rules = TokenRules([("pair", [{"LOWER": {"IN": ["my", "his"]}}, {"LOWER": {"IN": ["chest", "heart"]}}]),
                        ("many", many)])
    assert set(rules.by_pair) == {("my", "chest"), ("my", "heart"), ("his", "chest"), ("his", "heart")}
    assert set(rules.by_first) == {f"w{n}" for n in range(70)}
    nlp = spacy.blank("en")
    assert rules.matches(nlp.make_doc("my chest and his heart, my arm, w3 x")) == [
        ("pair", 0, 2), ("pair", 3, 5), ("many", 9, 11)]
