"""Load and validate the curated knowledge file.

The file format is described in ``docs/knowledge-format.md``. Loading never
returns a half-valid object: any problem raises :class:`KnowledgeError` whose
message names the file, the place (topic, entity, red flag) and what is wrong.

Run ``python -m actions.knowledge [PATH]`` to check a file from the shell.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field
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
    "emergency",
    "fallback",
    "out_of_scope",
    "contact_unconfigured",
    "contact",
    "action_unavailable",
    "message_too_long",
)
MAX_ANSWER_CHARS = 600
MAX_BULLETS = 5
MAX_RELATED = 3
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_ALLOWED_TOKEN_KEYS = {"LOWER", "ORTH", "TEXT", "IS_PUNCT", "IS_DIGIT", "LIKE_NUM", "OP"}


class KnowledgeError(ValueError):
    """The knowledge file is missing or malformed."""


@dataclass(frozen=True)
class EntityValue:
    """One canonical entity value and the words people use for it."""

    entity: str
    value: str
    label: str
    synonyms: Tuple[str, ...]


@dataclass(frozen=True)
class RedFlag:
    """A red-flag symptom group that triggers the emergency reply."""

    id: str
    label: str
    advice: str
    phrases: Tuple[str, ...]
    patterns: Tuple[Tuple[Mapping[str, Any], ...], ...] = ()


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

    @property
    def payload(self) -> str:
        """The Rasa payload that asks for this topic (used by follow-up buttons)."""
        if self.entity is None:
            return f"/{self.intent}"
        name, value = self.entity
        return f'/{self.intent}{{"{name}":"{value}"}}'


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
    not_entity_phrases: Tuple[str, ...] = ()
    _by_id: Dict[str, Topic] = field(default_factory=dict, repr=False, compare=False)
    _canonical: Dict[Tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({topic.id: topic for topic in self.topics})
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
            values.append(EntityValue(entity, str(value), label, tuple(dict.fromkeys(synonyms))))
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
    return tuple(pattern)


def _parse_red_flags(check: _Checker, raw: Any) -> Tuple[RedFlag, ...]:
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
        patterns = item.get("patterns") or []
        if not isinstance(patterns, list):
            raise check.fail(where, "field 'patterns' must be a list")
        flags.append(
            RedFlag(
                id=flag_id,
                label=check.text(item, "label", where),
                advice=check.text(item, "advice", where),
                phrases=tuple(p.lower() for p in check.texts(item, "phrases", where, required=True)),
                patterns=tuple(_parse_token_pattern(check, p, where) for p in patterns),
            )
        )
    return tuple(flags)


def _parse_topic(check: _Checker, index: int, item: Any, sources: Mapping[str, str]) -> Topic:
    item = check.mapping(item, f"topics[{index}]")
    topic_id = check.text(item, "id", f"topics[{index}]")
    where = f"topic '{topic_id}'"
    if not _ID_RE.match(topic_id):
        raise check.fail(where, "id must be lowercase snake_case")
    answer = check.text(item, "answer", where)
    if len(answer) > MAX_ANSWER_CHARS:
        raise check.fail(where, f"answer is {len(answer)} characters; keep it under {MAX_ANSWER_CHARS} for a chat bubble")
    bullets = check.texts(item, "bullets", where, required=False)
    if len(bullets) > MAX_BULLETS:
        raise check.fail(where, f"{len(bullets)} bullets; at most {MAX_BULLETS}")
    related = check.texts(item, "related", where, required=False)
    if len(related) > MAX_RELATED:
        raise check.fail(where, f"{len(related)} related topics; at most {MAX_RELATED}")
    source = check.texts(item, "source", where, required=True)
    for source_id in source:
        if source_id not in sources:
            raise check.fail(where, f"unknown source '{source_id}' (define it under 'sources')")
    entity: Optional[Tuple[str, str]] = None
    raw_entity = item.get("entity")
    if raw_entity is not None:
        raw_entity = check.mapping(raw_entity, f"{where}.entity")
        if len(raw_entity) != 1:
            raise check.fail(where, "entity must name exactly one entity and value")
        ((name, value),) = raw_entity.items()
        entity = (str(name), str(value))
    return Topic(
        id=topic_id,
        title=check.text(item, "title", where),
        intent=check.text(item, "intent", where),
        answer=answer,
        source=tuple(source),
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


def parse_knowledge(data: Any, path: Path) -> Knowledge:
    """Validate already-parsed YAML data and build a :class:`Knowledge`."""
    check = _Checker(path)
    data = check.mapping(data, "top level")
    if data.get("version") != 1:
        raise check.fail("top level", "field 'version' must be 1")
    sources = check.mapping(data.get("sources"), "sources")
    for key, value in sources.items():
        if not isinstance(value, str) or not value.strip():
            raise check.fail(f"sources.{key}", "must be a non-empty citation text")
    messages_raw = check.mapping(data.get("messages"), "messages")
    messages = {key: check.text(messages_raw, key, "messages") for key in REQUIRED_MESSAGES}
    for key, placeholder in (("diagnosis_refusal", "{condition}"), ("contact", "{details}")):
        if placeholder not in messages[key]:
            raise check.fail(f"messages.{key}", f"must contain the placeholder {placeholder}")
    entities = _parse_entities(check, data.get("entities"))
    red_flags = _parse_red_flags(check, data.get("red_flags"))
    not_entity = [p.lower() for p in check.texts(data, "not_entity_phrases", "top level", required=False)]
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise check.fail("topics", "must be a non-empty list")
    topics = tuple(_parse_topic(check, i, item, sources) for i, item in enumerate(raw_topics))
    _check_topics(check, topics, entities)
    return Knowledge(
        path=path,
        disclaimer=check.text(data, "disclaimer", "top level"),
        sources=dict(sources),
        messages=messages,
        entities=entities,
        red_flags=red_flags,
        topics=topics,
        not_entity_phrases=tuple(not_entity),
    )


def load_knowledge(path: Optional[Path] = None) -> Knowledge:
    """Read, parse and validate a knowledge file (the project's one by default)."""
    path = Path(path) if path is not None else DEFAULT_KNOWLEDGE_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot read the knowledge file: {error.strerror or error}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path}: not valid YAML: {error}") from None
    return parse_knowledge(data, path)


@functools.cache
def get_knowledge() -> Knowledge:
    """The project's knowledge, loaded once per process.

    ``KNOWLEDGE_FILE`` may point to another file (a clinic's own copy, or a test).
    """
    override = os.environ.get("KNOWLEDGE_FILE")
    return load_knowledge(Path(override) if override else None)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Validate a knowledge file; print a one-line verdict."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else DEFAULT_KNOWLEDGE_PATH
    try:
        knowledge = load_knowledge(path)
    except KnowledgeError as error:
        print(f"knowledge file is invalid: {error}", file=sys.stderr)
        return 1
    print(
        f"{path}: OK ({len(knowledge.topics)} topics, {len(knowledge.entities)} entity values, "
        f"{len(knowledge.red_flags)} red-flag groups)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
