"""Load and validate the curated knowledge file.

The file format is described in ``docs/knowledge-format.md``. Loading never
returns a half-valid object: any problem raises :class:`KnowledgeError` whose
message names the file, the place (topic, entity, red flag) and what is wrong.

Run ``python -m assistant.knowledge [PATH]`` to check a file from the shell.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE_PATH = PROJECT_ROOT / "knowledge" / "knowledge.yml"

# Intents whose answer is a knowledge topic (the NLU contract, docs/nlu-contract.md).
TOPIC_INTENTS: Tuple[str, ...] = (
    "ask_capabilities",
    "ask_what_is_autoimmune",
    "ask_pain_mechanism",
    "ask_pain_type",
    "ask_disease",
    "ask_diagnosis_difficulty",
    "ask_stress",
    "ask_treatment",
)
ENTITY_NAMES: Tuple[str, ...] = ("pain_type", "disease")
REQUIRED_MESSAGES: Tuple[str, ...] = (
    "greeting",
    "capabilities_intro",
    "diagnosis_refusal",
    "medication_refusal",
    "fallback",
    "out_of_scope",
    "contact_unconfigured",
    "contact",
    "action_unavailable",
    "not_covered",
    "message_too_long",
    "still_answering",
    "too_many_messages",
    "emergency_line",
    "persian_not_yet",
)
MAX_ANSWER_CHARS = 600
MAX_BULLETS = 5
MAX_RELATED = 3
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_ALLOWED_TOKEN_KEYS = {"LOWER", "ORTH", "TEXT", "IS_PUNCT", "IS_DIGIT", "LIKE_NUM", "OP"}
# Question-level entries (knowledge/entries.yml): what they are about, and which question they answer.
SUBJECTS: Tuple[str, ...] = (
    "autoimmune", "rheumatoid_arthritis", "lupus", "fibromyalgia", "ankylosing_spondylitis", "multiple_sclerosis",
    "psoriatic_arthritis", "vasculitis", "joint", "muscle", "nerve", "spinal", "comparison",
)
ASPECTS: Tuple[str, ...] = (
    "what", "symptoms", "causes", "triggers", "heredity", "contagious", "who", "diagnosis", "specialist", "treatment",
    "outlook", "exercise", "sleep", "diet", "weather", "work", "fatigue", "pregnancy", "stress", "compare",
)
MIN_EXAMPLES = 3
# Safety levels of a red-flag group, and the texts that open a safety reply.
LEVELS: Tuple[str, ...] = ("emergency", "urgent")
LEVEL_TEXTS: Tuple[str, ...] = (*LEVELS, "unclear")
# The cue lists that tell a mention from an emergency now (docs/safety.md).
CUE_KINDS: Tuple[str, ...] = (
    "negation", "negation_breakers", "now", "present", "past", "question_start", "conditional",
    "clause_breaks", "leading_words", "not_a_question_after", "year_before",
)
ONE_WORD_CUE_KINDS: Tuple[str, ...] = ("clause_breaks", "leading_words", "not_a_question_after", "year_before")
# Emergency settings: knowledge-file key -> the environment variable that overrides it.
EMERGENCY_SETTINGS: Dict[str, str] = {
    "country": "EMERGENCY_COUNTRY",
    "emergency_number": "EMERGENCY_NUMBER",
    "general_number": "EMERGENCY_GENERAL_NUMBER",
    "crisis_line": "CRISIS_LINE",
}
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
# Placeholders that are filled later, by the reply that uses the text.
_LATE_PLACEHOLDERS = {"condition", "name", "details", "max_chars", "thing", "subject"}
RETRIEVAL_LISTS: Tuple[str, ...] = (
    "general_subject", "comparison", "diagnosis_request", "diagnosis_request_before_condition", "medicine_request",
    "follow_up_words", "in_scope_words", "before_general_subject", "to_the_assistant", "part_breaks",
    "not_a_request_before", "between_condition_and_general", "refers_back", "result_words", "clinic_request",
    "time_words", "overview_request",
)


class KnowledgeError(ValueError):
    """The knowledge file is missing or malformed."""


@dataclass(frozen=True)
class EntityValue:
    """One canonical entity value and the words people use for it."""

    entity: str
    value: str
    label: str
    synonyms: Tuple[str, ...]
    abbreviations: Tuple[str, ...] = ()  # matched with their case only: "AS" is the disease, "as" is not


@dataclass(frozen=True)
class EmergencySettings:
    """Where this deployment sends people: from the knowledge file, overridden by the environment."""

    country: str
    emergency_number: str
    general_number: str
    crisis_line: str

    def fill(self, text: str) -> str:
        """``text`` with ``{emergency_number}``, ``{general_number}``, ``{crisis_line}``, ``{country}`` filled in."""
        for key in EMERGENCY_SETTINGS:
            text = text.replace("{" + key + "}", getattr(self, key))
        return text


@dataclass(frozen=True)
class RedFlag:
    """A red-flag group: its level, its advice, and the words that reveal it.

    ``phrases`` and ``patterns`` fire alone; ``together`` lists combinations
    of concept ids (``red_flag_concepts``) that fire when all are present, in
    the whole message or, with ``within == "sentence"``, in one sentence.
    Phrases of every language in the file are kept together.
    """

    id: str
    label: str
    level: str
    advice: str
    if_now: str
    phrases: Tuple[str, ...] = ()
    patterns: Tuple[Tuple[Mapping[str, Any], ...], ...] = ()
    together: Tuple[Tuple[str, ...], ...] = ()
    within: str = "message"
    always_now: bool = False


@dataclass(frozen=True)
class Topic:
    """One curated answer, reached by an intent and optionally an entity value."""

    id: str
    title: str
    intent: str
    answer: str
    source: Tuple[str, ...]
    entity: Optional[Tuple[str, str]] = None
    bullets: Tuple[str, ...] = ()
    related: Tuple[str, ...] = ()
    warning: str = ""

    @property
    def payload(self) -> str:
        """The Rasa payload that asks for this topic (used by follow-up buttons)."""
        if self.entity is None:
            return f"/{self.intent}"
        name, value = self.entity
        return f'/{self.intent}{{"{name}":"{value}"}}'


@dataclass(frozen=True)
class Entry:
    """One question patients ask, answered: about a ``subject`` (a condition, a pain type), one ``aspect``."""

    id: str
    subject: str
    aspect: str
    title: str
    examples: Tuple[str, ...]
    answer: str
    source: Tuple[str, ...]
    related: Tuple[str, ...] = ()
    terms: Tuple[str, ...] = ()  # words that pick this entry over its subject's other one ("giant cell arteritis")
    also_answers: Tuple[str, ...] = ()  # other aspects its answer covers ("Can exercise or diet help?": diet)

    @property
    def aspects(self) -> Tuple[str, ...]:
        """Every aspect the entry answers, its own first."""
        return (self.aspect, *self.also_answers)


@dataclass(frozen=True)
class Knowledge:
    """The whole validated knowledge file."""

    path: Path
    disclaimer: str
    sources: Mapping[str, str]
    messages: Mapping[str, str]
    entities: Tuple[EntityValue, ...]
    red_flags: Tuple[RedFlag, ...]
    topics: Tuple[Topic, ...]
    emergency: EmergencySettings
    levels: Mapping[str, str]
    concepts: Mapping[str, Tuple[str, ...]]
    cues: Mapping[str, Tuple[str, ...]]
    not_entity_phrases: Tuple[str, ...] = ()
    red_flag_exceptions: Tuple[str, ...] = ()  # phrases in which a red-flag word is not one ("never wake up refreshed")
    context_concepts: Tuple[str, ...] = ()
    entries: Tuple[Entry, ...] = ()
    not_covered: Tuple[str, ...] = ()
    test_names: Tuple[str, ...] = ()  # medical tests: one's own result is for the doctor ("my CRP came back at 38")
    retrieval: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    aspect_labels: Mapping[str, str] = field(default_factory=dict)
    aspect_words: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)  # words that point to an aspect
    _by_id: Dict[str, Topic] = field(default_factory=dict, repr=False, compare=False)
    _canonical: Dict[Tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)
    _entries: Dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    def entry(self, entry_id: str) -> Entry:
        """The entry with this id (KeyError if unknown)."""
        return self._entries[entry_id]

    def has_entry(self, entry_id: str) -> bool:
        """Whether an entry with this id exists."""
        return entry_id in self._entries

    def __post_init__(self) -> None:
        self._by_id.update({topic.id: topic for topic in self.topics})
        self._entries.update({entry.id: entry for entry in self.entries})
        for item in self.entities:
            for word in (item.value, item.value.replace("_", " "), *item.synonyms):
                self._canonical[(item.entity, word)] = item.value

    def canonical_value(self, entity: str, text: str) -> Optional[str]:
        """The canonical value for a value or synonym of ``entity`` (case and spacing ignored), or None."""
        return self._canonical.get((entity, " ".join(text.lower().split())))

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id (KeyError if unknown)."""
        return self._by_id[topic_id]

    def has_topic(self, topic_id: str) -> bool:
        """Whether a topic with this id exists."""
        return topic_id in self._by_id

    def entity_values(self, entity: str) -> List[EntityValue]:
        """All canonical values of one entity, in file order."""
        return [value for value in self.entities if value.entity == entity]

    def entity_label(self, entity: str, value: str) -> str:
        """The human label of a canonical value, or the value itself."""
        for item in self.entities:
            if item.entity == entity and item.value == value:
                return item.label
        return value.replace("_", " ")


def _tidy(text: str) -> str:
    """Collapse runs of spaces inside each line; keep single line breaks, drop blank lines.

    Rasa's channels cut a message at every blank line, which would separate a
    text from the disclaimer that follows it.
    """
    lines = (" ".join(line.split()) for line in text.strip().splitlines())
    return "\n".join(line for line in lines if line)


class _Checker:
    """Collects the location of the current check for readable errors."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, what: str) -> KnowledgeError:
        return KnowledgeError(f"{self.path}: {where}: {what}")

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        if key not in data or data[key] is None:
            raise self.fail(where, f"missing field '{key}'")
        value = data[key]
        if not isinstance(value, str):
            raise self.fail(where, f"field '{key}' must be text, got {type(value).__name__}")
        if not value.strip():
            raise self.fail(where, f"field '{key}' is empty")
        return _tidy(value)

    def texts(self, data: Mapping[str, Any], key: str, where: str, required: bool) -> List[str]:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(where, f"missing field '{key}'")
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(where, f"field '{key}' must be a list of non-empty texts")
        if required and not value:
            raise self.fail(where, f"field '{key}' is empty")
        return [_tidy(v) for v in value]

    def mapping(self, data: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(where, f"must be a mapping, got {type(data).__name__}")
        return data


def _parse_entities(check: _Checker, raw: Any) -> Tuple[EntityValue, ...]:
    raw = check.mapping(raw, "entities")
    values: List[EntityValue] = []
    owner: Dict[str, str] = {}
    for entity in ENTITY_NAMES:
        if entity not in raw:
            raise check.fail("entities", f"missing entity '{entity}'")
    for entity, entries in raw.items():
        if entity not in ENTITY_NAMES:
            raise check.fail(f"entities.{entity}", f"unknown entity (known: {', '.join(ENTITY_NAMES)})")
        entries = check.mapping(entries, f"entities.{entity}")
        for value, spec in entries.items():
            where = f"entities.{entity}.{value}"
            if not _ID_RE.match(str(value)):
                raise check.fail(where, "value must be lowercase snake_case")
            spec = check.mapping(spec, where)
            label = check.text(spec, "label", where)
            synonyms = [s.lower() for s in check.texts(spec, "synonyms", where, required=True)]
            for synonym in synonyms:
                previous = owner.get(synonym)
                if previous is not None and previous != f"{entity}.{value}":
                    raise check.fail(where, f"synonym '{synonym}' also belongs to {previous}")
                owner[synonym] = f"{entity}.{value}"
            abbreviations = check.texts(spec, "abbreviations", where, required=False)
            values.append(EntityValue(entity, str(value), label, tuple(dict.fromkeys(synonyms)), tuple(abbreviations)))
    return tuple(values)


def _parse_token_pattern(check: _Checker, pattern: Any, where: str) -> Tuple[Mapping[str, Any], ...]:
    if not isinstance(pattern, list) or not pattern:
        raise check.fail(where, "a pattern must be a non-empty list of token specs")
    for token in pattern:
        if not isinstance(token, dict) or not token:
            raise check.fail(where, f"token spec {token!r} must be a non-empty mapping")
        unknown = set(token) - _ALLOWED_TOKEN_KEYS
        if unknown:
            raise check.fail(where, f"unsupported token keys {sorted(unknown)} (allowed: {sorted(_ALLOWED_TOKEN_KEYS)})")
        for key in ("LOWER", "ORTH", "TEXT"):
            value = token.get(key)
            items = value.get("IN", []) if isinstance(value, dict) else [value] if value is not None else []
            odd = [item for item in items if not isinstance(item, str)]
            if odd:
                raise check.fail(where, f"{key} values must be text; quote {odd} (YAML reads 20 or no as a number or a boolean)")
    return tuple(pattern)


def _by_language(check: _Checker, raw: Any, where: str, required: bool = True) -> Tuple[str, ...]:
    """Texts given per language (``{en: [...], fa: [...]}``), all languages together, lowercased."""
    if raw is None and not required:
        return ()
    raw = check.mapping(raw, where)
    texts: List[str] = []
    for language, items in raw.items():
        texts += check.texts({"items": items}, "items", f"{where}.{language}", required=True)
    if required and not texts:
        raise check.fail(where, "no texts")
    return tuple(dict.fromkeys(t.lower() for t in texts))


def _patterns_by_language(check: _Checker, raw: Any, where: str) -> Tuple[Tuple[Mapping[str, Any], ...], ...]:
    """spaCy token patterns given per language, all languages together."""
    if raw is None:
        return ()
    raw = check.mapping(raw, where)
    patterns: List[Tuple[Mapping[str, Any], ...]] = []
    for language, items in raw.items():
        if not isinstance(items, list):
            raise check.fail(f"{where}.{language}", "must be a list of token patterns")
        patterns += [_parse_token_pattern(check, p, f"{where}.{language}") for p in items]
    return tuple(patterns)


def _parse_concepts(check: _Checker, raw: Any) -> Dict[str, Tuple[str, ...]]:
    raw = check.mapping(raw or {}, "red_flag_concepts")
    concepts = {}
    for name, spec in raw.items():
        if not _ID_RE.match(str(name)):
            raise check.fail(f"red_flag_concepts.{name}", "name must be lowercase snake_case")
        concepts[str(name)] = _by_language(check, spec, f"red_flag_concepts.{name}")
    return concepts


def _parse_red_flags(check: _Checker, raw: Any, concepts: Mapping[str, Tuple[str, ...]]) -> Tuple[RedFlag, ...]:
    if not isinstance(raw, list) or not raw:
        raise check.fail("red_flags", "must be a non-empty list")
    flags: List[RedFlag] = []
    seen: set = set()
    for index, item in enumerate(raw):
        item = check.mapping(item, f"red_flags[{index}]")
        flag_id = check.text(item, "id", f"red_flags[{index}]")
        where = f"red flag '{flag_id}'"
        if flag_id in seen:
            raise check.fail(where, "duplicate id")
        seen.add(flag_id)
        level = check.text(item, "level", where)
        if level not in LEVELS:
            raise check.fail(where, f"level must be one of {', '.join(LEVELS)}, got '{level}'")
        together = item.get("together") or []
        if not isinstance(together, list) or not all(isinstance(c, list) and c for c in together):
            raise check.fail(where, "field 'together' must be a list of lists of concept names")
        for combination in together:
            for name in combination:
                if name not in concepts:
                    raise check.fail(where, f"unknown concept '{name}' in 'together' (define it under 'red_flag_concepts')")
        within = item.get("within", "message")
        if within not in ("message", "sentence"):
            raise check.fail(where, "field 'within' must be 'message' or 'sentence'")
        flag = RedFlag(
            id=flag_id,
            label=check.text(item, "label", where),
            level=level,
            advice=check.text(item, "advice", where),
            if_now=check.text(item, "if_now", where),
            phrases=_by_language(check, item.get("phrases"), f"{where}.phrases", required=False),
            patterns=_patterns_by_language(check, item.get("patterns"), f"{where}.patterns"),
            together=tuple(tuple(str(n) for n in c) for c in together),
            within=within,
            always_now=item.get("always_now", False) is True,
        )
        if not (flag.phrases or flag.patterns or flag.together):
            raise check.fail(where, "needs phrases, patterns or together: nothing could ever reveal it")
        flags.append(flag)
    return tuple(flags)


def _source_text(value: Any) -> Optional[str]:
    """A citation: a text, or ``{institute, url}``."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, dict) and str(value.get("institute", "")).strip() and str(value.get("url", "")).startswith("http"):
        return f"{value['institute']}: {value['url']}"
    return None


def _parse_entries(check: _Checker, path: Path, sources: Dict[str, str]) -> Tuple[Entry, ...]:
    """The entries file named by ``entries_file``; its sources join ``sources``."""
    entries_check = _Checker(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise entries_check.fail("entries_file", f"cannot read it: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise entries_check.fail("top level", f"not valid YAML: {error}") from None
    data = entries_check.mapping(data, "top level")
    for key, value in entries_check.mapping(data.get("sources") or {}, "sources").items():
        text = _source_text(value)
        if text is None:
            raise entries_check.fail(f"sources.{key}", "must be a citation text or {institute, url}")
        if key in sources and sources[key] != text:
            raise entries_check.fail(f"sources.{key}", "also defined, differently, in the knowledge file")
        sources[key] = text
    raw = data.get("entries")
    if not isinstance(raw, list) or not raw:
        raise entries_check.fail("entries", "must be a non-empty list")
    entries = [_parse_entry(entries_check, index, item, sources) for index, item in enumerate(raw)]
    ids = [entry.id for entry in entries]
    for entry in entries:
        where = f"entry '{entry.id}'"
        if ids.count(entry.id) > 1:
            raise entries_check.fail(where, "duplicate id")
        for related in entry.related:
            if related not in ids:
                raise entries_check.fail(where, f"unknown related entry '{related}'")
    return tuple(entries)


def _identity(check: _Checker, item: Any, kind: str, index: int) -> Tuple[Mapping[str, Any], str, str]:
    """A topic's or an entry's mapping, its id (lowercase snake_case) and how errors name it."""
    item = check.mapping(item, f"{kind}s[{index}]")
    item_id = check.text(item, "id", f"{kind}s[{index}]")
    where = f"{kind} '{item_id}'"
    if not _ID_RE.match(item_id):
        raise check.fail(where, "id must be lowercase snake_case")
    return item, item_id, where


def _answer(check: _Checker, item: Mapping[str, Any], where: str) -> str:
    """The answer text, short enough for a chat bubble."""
    answer = check.text(item, "answer", where)
    if len(answer) > MAX_ANSWER_CHARS:
        raise check.fail(where, f"answer is {len(answer)} characters; keep it under {MAX_ANSWER_CHARS} for a chat bubble")
    return answer


def _sources(check: _Checker, item: Mapping[str, Any], where: str, sources: Mapping[str, str]) -> Tuple[str, ...]:
    """The source ids, each defined under ``sources``."""
    source = check.texts(item, "source", where, required=True)
    for source_id in source:
        if source_id not in sources:
            raise check.fail(where, f"unknown source '{source_id}' (define it under 'sources')")
    return tuple(source)


def _parse_entry(check: _Checker, index: int, item: Any, sources: Mapping[str, str]) -> Entry:
    item, entry_id, where = _identity(check, item, "entry", index)
    subject, aspect = check.text(item, "subject", where), check.text(item, "aspect", where)
    if subject not in SUBJECTS:
        raise check.fail(where, f"unknown subject '{subject}' (known: {', '.join(SUBJECTS)})")
    if aspect not in ASPECTS:
        raise check.fail(where, f"unknown aspect '{aspect}' (known: {', '.join(ASPECTS)})")
    examples = check.texts(item, "examples", where, required=True)
    if len(examples) < MIN_EXAMPLES:
        raise check.fail(where, f"{len(examples)} examples; at least {MIN_EXAMPLES}")
    return Entry(
        id=entry_id, subject=subject, aspect=aspect, title=check.text(item, "title", where), examples=tuple(examples),
        answer=_answer(check, item, where), source=_sources(check, item, where, sources),
        related=tuple(check.texts(item, "related", where, required=False)),
        terms=tuple(t.lower() for t in check.texts(item, "terms", where, required=False)),
        also_answers=_also_answers(check, item, where, aspect),
    )


def _also_answers(check: _Checker, item: Mapping[str, Any], where: str, aspect: str) -> Tuple[str, ...]:
    """The other aspects an entry's answer covers, each a known aspect other than its own."""
    also = tuple(check.texts(item, "also_answers", where, required=False))
    for other in also:
        if other not in ASPECTS or other == aspect:
            raise check.fail(where, f"also_answers: '{other}' is not another aspect (known: {', '.join(ASPECTS)})")
    return also


def _parse_aspect_words(check: _Checker, raw: Any) -> Dict[str, Tuple[str, ...]]:
    """``retrieval.aspect_words``: per aspect, per language, the words that point to it ("summer": weather)."""
    if raw is None:
        return {}
    raw = check.mapping(raw, "retrieval.aspect_words")
    unknown = [aspect for aspect in raw if aspect not in ASPECTS]
    if unknown:
        raise check.fail("retrieval.aspect_words", f"unknown aspect {', '.join(map(str, unknown))} (known: {', '.join(ASPECTS)})")
    return {aspect: _by_language(check, words, f"retrieval.aspect_words.{aspect}") for aspect, words in raw.items()}


def _parse_retrieval(check: _Checker, raw: Any, required: bool) -> Tuple[Dict[str, Tuple[str, ...]], Dict[str, str]]:
    """The word lists and aspect labels that match questions to entries."""
    if raw is None and not required:
        return {}, {}
    raw = check.mapping(raw, "retrieval")
    lists = {name: _by_language(check, raw.get(name), f"retrieval.{name}") for name in RETRIEVAL_LISTS}
    labels = check.mapping(raw.get("aspects"), "retrieval.aspects")
    missing = [aspect for aspect in ASPECTS if aspect not in labels]
    if missing:
        raise check.fail("retrieval.aspects", f"missing {', '.join(missing)}")
    return lists, {aspect: check.text(labels, aspect, "retrieval.aspects") for aspect in ASPECTS}


def _parse_emergency(check: _Checker, raw: Any, environ: Mapping[str, str]) -> EmergencySettings:
    raw = check.mapping(raw, "emergency")
    values = {}
    for key, variable in EMERGENCY_SETTINGS.items():
        override = " ".join(str(environ.get(variable, "")).split())
        values[key] = override or check.text({key: str(raw[key]) if key in raw else None}, key, "emergency")
    return EmergencySettings(**values)


def _parse_cues(check: _Checker, raw: Any) -> Dict[str, Tuple[str, ...]]:
    raw = check.mapping(raw, "mention_cues")
    missing = [kind for kind in CUE_KINDS if kind not in raw]
    if missing:
        raise check.fail("mention_cues", f"missing {', '.join(missing)}")
    cues = {kind: _by_language(check, raw[kind], f"mention_cues.{kind}") for kind in CUE_KINDS}
    for kind in ONE_WORD_CUE_KINDS:
        for cue in cues[kind]:
            if len(cue.split()) != 1:
                raise check.fail(f"mention_cues.{kind}", f"'{cue}' must be one word (the reader compares single words)")
    return cues


def _check_placeholders(check: _Checker, text: str, where: str) -> None:
    for name in _PLACEHOLDER_RE.findall(text):
        if name not in EMERGENCY_SETTINGS and name not in _LATE_PLACEHOLDERS:
            raise check.fail(where, f"unknown placeholder {{{name}}} (known: {', '.join(EMERGENCY_SETTINGS)})")


def _parse_topic(check: _Checker, index: int, item: Any, sources: Mapping[str, str]) -> Topic:
    item, topic_id, where = _identity(check, item, "topic", index)
    answer = _answer(check, item, where)
    bullets = check.texts(item, "bullets", where, required=False)
    if len(bullets) > MAX_BULLETS:
        raise check.fail(where, f"{len(bullets)} bullets; at most {MAX_BULLETS}")
    related = check.texts(item, "related", where, required=False)
    if len(related) > MAX_RELATED:
        raise check.fail(where, f"{len(related)} related topics; at most {MAX_RELATED}")
    source = _sources(check, item, where, sources)
    entity: Optional[Tuple[str, str]] = None
    raw_entity = item.get("entity")
    if raw_entity is not None:
        raw_entity = check.mapping(raw_entity, f"{where}.entity")
        if len(raw_entity) != 1:
            raise check.fail(where, "entity must name exactly one entity and value")
        ((name, value),) = raw_entity.items()
        entity = (str(name), str(value))
    warning = check.text(item, "warning", where) if item.get("warning") is not None else ""
    return Topic(
        id=topic_id,
        warning=warning,
        title=check.text(item, "title", where),
        intent=check.text(item, "intent", where),
        answer=answer,
        source=source,
        entity=entity,
        bullets=tuple(bullets),
        related=tuple(related),
    )


def _check_topics(check: _Checker, topics: Sequence[Topic], entities: Sequence[EntityValue]) -> None:
    ids = [topic.id for topic in topics]
    known_values = {(e.entity, e.value) for e in entities}
    routes: Dict[Tuple[str, Optional[Tuple[str, str]]], str] = {}
    seen: set = set()
    for topic in topics:
        where = f"topic '{topic.id}'"
        if topic.id in seen:
            raise check.fail(where, "duplicate id")
        seen.add(topic.id)
        if topic.intent not in TOPIC_INTENTS:
            raise check.fail(
                where,
                f"no intent can reach it: '{topic.intent}' is not a topic intent ({', '.join(TOPIC_INTENTS)})",
            )
        if topic.entity is not None and topic.entity not in known_values:
            name, value = topic.entity
            raise check.fail(where, f"no intent can reach it: entity {name}={value} is not defined under 'entities'")
        route = (topic.intent, topic.entity)
        if route in routes:
            raise check.fail(where, f"same intent and entity as topic '{routes[route]}'; it could never be chosen")
        routes[route] = topic.id
        for related in topic.related:
            if related not in ids:
                raise check.fail(where, f"unknown related topic '{related}'")
            if related == topic.id:
                raise check.fail(where, "lists itself as related")
    for intent in TOPIC_INTENTS:
        if (intent, None) not in routes:
            raise check.fail("topics", f"no general topic (without entity) for intent '{intent}'")
    for value in entities:
        if not any(t.entity == (value.entity, value.value) for t in topics):
            raise check.fail(f"entities.{value.entity}.{value.value}", "no topic answers this value")


def parse_knowledge(data: Any, path: Path, environ: Optional[Mapping[str, str]] = None) -> Knowledge:
    """Validate already-parsed YAML data and build a :class:`Knowledge`.

    The emergency numbers come from the file unless ``environ`` (the process
    environment by default) overrides them; every text's ``{emergency_number}``
    and its kin are filled in here, once.
    """
    check = _Checker(path)
    data = check.mapping(data, "top level")
    if data.get("version") != 1:
        raise check.fail("top level", "field 'version' must be 1")
    sources = check.mapping(data.get("sources"), "sources")
    for key, value in sources.items():
        if not isinstance(value, str) or not value.strip():
            raise check.fail(f"sources.{key}", "must be a non-empty citation text")
    emergency = _parse_emergency(check, data.get("emergency"), os.environ if environ is None else environ)
    messages_raw = check.mapping(data.get("messages"), "messages")
    messages = {key: check.text(messages_raw, key, "messages") for key in REQUIRED_MESSAGES}
    for key, placeholder in (("diagnosis_refusal", "{condition}"), ("contact", "{details}")):
        if placeholder not in messages[key]:
            raise check.fail(f"messages.{key}", f"must contain the placeholder {placeholder}")
    levels_raw = check.mapping(data.get("levels"), "levels")
    levels = {key: check.text(levels_raw, key, "levels") for key in LEVEL_TEXTS}
    for key, text in levels.items():
        if "{emergency_number}" not in text:
            raise check.fail(f"levels.{key}", "must name the number: put {emergency_number} in it")
    disclaimer = check.text(data, "disclaimer", "top level")
    if "{emergency_number}" not in disclaimer:
        raise check.fail("disclaimer", "must name the number: put {emergency_number} in it")
    entities = _parse_entities(check, data.get("entities"))
    concepts = _parse_concepts(check, data.get("red_flag_concepts"))
    red_flags = _parse_red_flags(check, data.get("red_flags"), concepts)
    cues = _parse_cues(check, data.get("mention_cues"))
    sources = dict(sources)
    entries: Tuple[Entry, ...] = ()
    if data.get("entries_file") is not None:
        entries = _parse_entries(check, path.parent / check.text(data, "entries_file", "top level"), sources)
    not_covered = _by_language(check, data.get("not_covered"), "not_covered", required=False)
    test_names = _by_language(check, data.get("test_names"), "test_names", required=False)
    synonyms = {synonym: f"{v.entity}.{v.value}" for v in entities for synonym in v.synonyms}
    for where, phrases in (("not_covered", not_covered), ("test_names", test_names)):
        for phrase in phrases:
            if phrase in synonyms:
                raise check.fail(where, f"'{phrase}' is also a synonym of {synonyms[phrase]}: it cannot be both")
    retrieval, aspect_labels = _parse_retrieval(check, data.get("retrieval"), bool(entries))
    aspect_words = _parse_aspect_words(check, (data.get("retrieval") or {}).get("aspect_words"))
    context_concepts = tuple(check.texts(data, "red_flag_context_concepts", "top level", required=False))
    for name in context_concepts:
        if name not in concepts:
            raise check.fail("red_flag_context_concepts", f"unknown concept '{name}'")
    not_entity = [p.lower() for p in check.texts(data, "not_entity_phrases", "top level", required=False)]
    red_flag_exceptions = _by_language(check, data.get("red_flag_exceptions"), "red_flag_exceptions", required=False)
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise check.fail("topics", "must be a non-empty list")
    topics = tuple(_parse_topic(check, i, item, sources) for i, item in enumerate(raw_topics))
    _check_topics(check, topics, entities)
    texts = [("disclaimer", disclaimer), *((f"messages.{k}", v) for k, v in messages.items())]
    texts += [(f"levels.{k}", v) for k, v in levels.items()]
    texts += [(f"red flag '{f.id}'", t) for f in red_flags for t in (f.advice, f.if_now)]
    texts += [(f"topic '{t.id}'", text) for t in topics for text in (t.answer, t.warning)]
    for where, text in texts:
        _check_placeholders(check, text, where)
    fill = emergency.fill
    return Knowledge(
        path=path,
        disclaimer=fill(disclaimer),
        sources=dict(sources),
        messages={k: fill(v) for k, v in messages.items()},
        entities=entities,
        red_flags=tuple(replace(f, advice=fill(f.advice), if_now=fill(f.if_now)) for f in red_flags),
        topics=tuple(replace(t, answer=fill(t.answer), warning=fill(t.warning)) for t in topics),
        emergency=emergency,
        levels={k: fill(v) for k, v in levels.items()},
        concepts=concepts,
        cues=cues,
        not_entity_phrases=tuple(not_entity),
        red_flag_exceptions=red_flag_exceptions,
        context_concepts=context_concepts,
        entries=tuple(replace(e, answer=fill(e.answer)) for e in entries),
        not_covered=not_covered,
        test_names=test_names,
        retrieval=retrieval,
        aspect_labels=aspect_labels,
        aspect_words=aspect_words,
    )


def knowledge_path(environ: Optional[Mapping[str, str]] = None) -> Path:
    """The knowledge file to use: ``KNOWLEDGE_FILE`` (a clinic's own copy, or a test), else the project's.

    The one place that reads ``KNOWLEDGE_FILE``: the actions, the spaCy build,
    the NLU components, the FAQ page and ``bin/ask`` all find the file here.
    """
    override = (os.environ if environ is None else environ).get("KNOWLEDGE_FILE")
    return Path(override) if override else DEFAULT_KNOWLEDGE_PATH


def load_knowledge(path: Optional[Path] = None, environ: Optional[Mapping[str, str]] = None) -> Knowledge:
    """Read, parse and validate a knowledge file (:func:`knowledge_path` by default).

    ``environ`` (the process environment by default) may override the emergency numbers.
    """
    path = Path(path) if path is not None else knowledge_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot read the knowledge file: {error.strerror or error}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path}: not valid YAML: {error}") from None
    return parse_knowledge(data, path, environ)


@functools.cache
def get_knowledge() -> Knowledge:
    """The knowledge (:func:`knowledge_path`), loaded once per process."""
    return load_knowledge()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Validate a knowledge file; print a one-line verdict."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else knowledge_path()
    try:
        knowledge = load_knowledge(path)
    except KnowledgeError as error:
        print(f"knowledge file is invalid: {error}", file=sys.stderr)
        return 1
    print(
        f"{path}: OK ({len(knowledge.topics)} topics, {len(knowledge.entities)} entity values, "
        f"{len(knowledge.red_flags)} red-flag groups; emergency number {knowledge.emergency.emergency_number})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
