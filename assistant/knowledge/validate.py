"""Validate the knowledge, assembled from its files (``load``), and build the :class:`Knowledge`.

Nothing half-valid is returned: any problem raises :class:`KnowledgeError` naming the
file, the place (topic, entity, red flag) and what is wrong. The file is found by the
``origin`` the loader hands in, from the place and the problem.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from assistant.knowledge.checker import Checker, Origin, by_language
from assistant.knowledge.model import (
    CLINIC_SETTINGS,
    EMERGENCY_SETTINGS,
    ID_RE,
    LATE_PLACEHOLDERS,
    LEVEL_TEXTS,
    MAX_ANSWER_CHARS,
    MAX_BULLETS,
    MAX_RELATED,
    MIN_EXAMPLES,
    PAIN_TYPE_ENTITY,
    PLACEHOLDER_RE,
    REQUIRED_MESSAGES,
    RETRIEVAL_LISTS,
    REVIEW_DATE_RE,
    EmergencySettings,
    EntityValue,
    Entry,
    Knowledge,
    Structure,
    Topic,
)
from assistant.knowledge.safety_rules import parse_safety


def _parse_entities(check: Checker, raw: Any) -> Tuple[EntityValue, ...]:
    raw = check.mapping(raw, "entities")
    values: List[EntityValue] = []
    owner: Dict[str, str] = {}
    names = check.structure.entity_names
    for entity in names:
        if entity not in raw:
            raise check.fail("entities", f"missing entity '{entity}'")
    for entity, entries in raw.items():
        if entity not in names:
            raise check.fail(f"entities.{entity}", f"unknown entity (known: {', '.join(names)})")
        entries = check.mapping(entries, f"entities.{entity}")
        for value in check.structure.entities[entity]:
            if value not in entries:
                raise check.fail(f"entities.{entity}.{value}", "missing: each value of structure.yml needs its synonyms here")
        for value, spec in entries.items():
            where = f"entities.{entity}.{value}"
            if not ID_RE.match(str(value)):
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
            name = check.text(spec, "name", where)
            values.append(EntityValue(entity, str(value), label, tuple(dict.fromkeys(synonyms)), tuple(abbreviations),
                                      name))
    return tuple(values)


def _source_text(value: Any) -> Optional[str]:
    """A citation: ``{citation}`` or ``{institute, url}``."""
    if not isinstance(value, dict):
        return None
    if str(value.get("citation", "")).strip():
        return str(value["citation"]).strip()
    if str(value.get("institute", "")).strip() and str(value.get("url", "")).startswith("http"):
        return f"{value['institute']}: {value['url']}"
    return None


def _parse_sources(check: Checker, raw: Any, publishers: Any) -> Tuple[Dict[str, str], Dict[str, str]]:
    """Citation ids with their texts, and with the name of their publisher in the reply language.

    Each source is ``{citation, publisher}`` or ``{institute, url, publisher}``; the publisher's
    name, shown in the chat's source line, is under ``publishers`` in the language's texts.yml.
    """
    names = {str(k): str(v).strip() for k, v in check.mapping(publishers, "publishers").items()}
    sources, source_names = {}, {}
    for key, value in check.mapping(raw, "sources").items():
        text = _source_text(value)
        if text is None:
            raise check.fail(f"sources.{key}", "must be {citation, publisher} or {institute, url, publisher}")
        publisher = str(value.get("publisher", ""))
        if not names.get(publisher):
            raise check.fail(f"sources.{key}", f"publisher '{publisher}' has no name under 'publishers' in texts.yml")
        sources[str(key)], source_names[str(key)] = text, names[publisher]
    return sources, source_names


def _parse_entries(check: Checker, raw: Any, sources: Mapping[str, str]) -> Tuple[Entry, ...]:
    """The question-level entries, each known once, their related entries known."""
    if not isinstance(raw, list) or not raw:
        raise check.fail("entries", "must be a non-empty list")
    entries = [_parse_entry(check, index, item, sources) for index, item in enumerate(raw)]
    ids = [entry.id for entry in entries]
    for entry in entries:
        where = f"entry '{entry.id}'"
        if ids.count(entry.id) > 1:
            raise check.fail(where, "duplicate id")
        for related in entry.related:
            if related not in ids:
                raise check.fail(where, f"unknown related entry '{related}'")
    return tuple(entries)


def _identity(check: Checker, item: Any, kind: str, index: int) -> Tuple[Mapping[str, Any], str, str]:
    """A topic's or an entry's mapping, its id (lowercase snake_case) and how errors name it."""
    item = check.mapping(item, f"{kind}s[{index}]")
    item_id = check.text(item, "id", f"{kind}s[{index}]")
    where = f"{kind} '{item_id}'"
    if not ID_RE.match(item_id):
        raise check.fail(where, "id must be lowercase snake_case")
    return item, item_id, where


def _answer(check: Checker, item: Mapping[str, Any], where: str) -> str:
    """The answer text, short enough for a chat bubble."""
    answer = check.text(item, "answer", where)
    if len(answer) > MAX_ANSWER_CHARS:
        raise check.fail(where, f"answer is {len(answer)} characters; keep it under {MAX_ANSWER_CHARS} for a chat bubble")
    return answer


def _sources(check: Checker, item: Mapping[str, Any], where: str, sources: Mapping[str, str]) -> Tuple[str, ...]:
    """The source ids, each defined under ``sources``."""
    source = check.texts(item, "source", where, required=True)
    for source_id in source:
        if source_id not in sources:
            raise check.fail(where, f"unknown source '{source_id}' (define it under 'sources')")
    return tuple(source)


def _reviewed(check: Checker, item: Mapping[str, Any], where: str) -> Tuple[str, str]:
    """Who last reviewed an entry's text in this language, and when: ``reviewed: {by, date: YYYY-MM-DD}``."""
    raw = item.get("reviewed")
    if not isinstance(raw, dict):
        raise check.fail(where, "no review recorded: add reviewed: {by: <who>, date: <YYYY-MM-DD>}")
    when = raw.get("date")
    when_text = when.isoformat() if isinstance(when, date) else str(when or "")
    if not REVIEW_DATE_RE.fullmatch(when_text):
        raise check.fail(where, f"reviewed.date must be a date written YYYY-MM-DD, got '{when_text}'")
    return check.text(raw, "by", f"{where}: reviewed"), when_text


def _parse_entry(check: Checker, index: int, item: Any, sources: Mapping[str, str]) -> Entry:
    item, entry_id, where = _identity(check, item, "entry", index)
    subject, aspect = check.text(item, "subject", where), check.text(item, "aspect", where)
    subjects, aspects = check.structure.subjects, check.structure.aspects
    if subject not in subjects:
        raise check.fail(where, f"unknown subject '{subject}' (known: {', '.join(subjects)})")
    if aspect not in aspects:
        raise check.fail(where, f"unknown aspect '{aspect}' (known: {', '.join(aspects)})")
    examples = check.texts(item, "examples", where, required=True)
    if len(examples) < MIN_EXAMPLES:
        raise check.fail(where, f"{len(examples)} examples; at least {MIN_EXAMPLES}")
    return Entry(
        id=entry_id, subject=subject, aspect=aspect, title=check.text(item, "title", where), examples=tuple(examples),
        answer=_answer(check, item, where), source=_sources(check, item, where, sources),
        related=tuple(check.texts(item, "related", where, required=False)),
        terms=tuple(t.lower() for t in check.texts(item, "terms", where, required=False)),
        also_answers=_also_answers(check, item, where, aspect), covers=_covers(check, item, where, subject),
        reviewed=_reviewed(check, item, where),
    )


def _covers(check: Checker, item: Mapping[str, Any], where: str, subject: str) -> Tuple[str, ...]:
    """The other subjects a shared entry's answer is true for, each a known subject other than its own."""
    covers = tuple(check.texts(item, "covers", where, required=False))
    for other in covers:
        if other not in check.structure.subjects or other in (subject, "comparison"):
            raise check.fail(where, f"covers: '{other}' is not another subject (known: {', '.join(check.structure.subjects)})")
    return covers


def _also_answers(check: Checker, item: Mapping[str, Any], where: str, aspect: str) -> Tuple[str, ...]:
    """The other aspects an entry's answer covers, each a known aspect other than its own."""
    also = tuple(check.texts(item, "also_answers", where, required=False))
    aspects = check.structure.aspects
    for other in also:
        if other not in aspects or other == aspect:
            raise check.fail(where, f"also_answers: '{other}' is not another aspect (known: {', '.join(aspects)})")
    return also


def _parse_aspect_words(check: Checker, raw: Any) -> Dict[str, Tuple[str, ...]]:
    """``retrieval.aspect_words``: per aspect, per language, the words that point to it ("summer": weather)."""
    if raw is None:
        return {}
    raw = check.mapping(raw, "retrieval.aspect_words")
    aspects = check.structure.aspects
    unknown = [aspect for aspect in raw if aspect not in aspects]
    if unknown:
        raise check.fail("retrieval.aspect_words", f"unknown aspect {', '.join(map(str, unknown))} (known: {', '.join(aspects)})")
    return {aspect: by_language(check, words, f"retrieval.aspect_words.{aspect}") for aspect, words in raw.items()}


def _parse_retrieval(check: Checker, raw: Any, required: bool) -> Tuple[Dict[str, Tuple[str, ...]], Dict[str, str]]:
    """The word lists and aspect labels that match questions to entries."""
    if raw is None and not required:
        return {}, {}
    raw = check.mapping(raw, "retrieval")
    lists = {name: by_language(check, raw.get(name), f"retrieval.{name}") for name in RETRIEVAL_LISTS}
    labels = check.mapping(raw.get("aspects"), "retrieval.aspects")
    missing = [aspect for aspect in check.structure.aspects if aspect not in labels]
    if missing:
        raise check.fail("retrieval.aspects", f"missing {', '.join(missing)}")
    return lists, {aspect: check.text(labels, aspect, "retrieval.aspects") for aspect in check.structure.aspects}


def _parse_emergency(check: Checker, raw: Any, environ: Mapping[str, str]) -> EmergencySettings:
    raw = check.mapping(raw, "emergency")
    values = {}
    for key, variable in EMERGENCY_SETTINGS.items():
        override = " ".join(str(environ.get(variable, "")).split())
        values[key] = override or check.text({key: str(raw[key]) if key in raw else None}, key, "emergency")
    return EmergencySettings(**values)


def _check_placeholders(check: Checker, text: str, where: str) -> None:
    for name in PLACEHOLDER_RE.findall(text):
        if name not in EMERGENCY_SETTINGS and name not in LATE_PLACEHOLDERS:
            raise check.fail(where, f"unknown placeholder {{{name}}} (known: {', '.join(EMERGENCY_SETTINGS)})")


def _parse_topic(check: Checker, index: int, item: Any, sources: Mapping[str, str]) -> Topic:
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


def _check_topics(check: Checker, topics: Sequence[Topic], entities: Sequence[EntityValue]) -> None:
    ids = [topic.id for topic in topics]
    known_values = {(e.entity, e.value) for e in entities}
    routes: Dict[Tuple[str, Optional[Tuple[str, str]]], str] = {}
    seen: set = set()
    for topic in topics:
        where = f"topic '{topic.id}'"
        if topic.id in seen:
            raise check.fail(where, "duplicate id")
        seen.add(topic.id)
        if topic.intent not in check.structure.topic_intents:
            raise check.fail(
                where,
                f"no intent can reach it: '{topic.intent}' is not a topic intent ({', '.join(check.structure.topic_intents)})",
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
    for intent in check.structure.topic_intents:
        if (intent, None) not in routes:
            raise check.fail("topics", f"no general topic (without entity) for intent '{intent}'")
    for value in entities:
        if not any(t.entity == (value.entity, value.value) for t in topics):
            raise check.fail(f"entities.{value.entity}.{value.value}", "no topic answers this value")


def _parse_structure(check: Checker, raw: Any) -> Structure:
    """Conditions, pain types, aspects and topic intents: the lists code reads as data."""
    raw = check.mapping(raw, "structure")
    entities = check.mapping(raw.get("entities"), "structure.entities")
    values: Dict[str, Tuple[str, ...]] = {}
    for name, items in entities.items():
        items = check.texts({"values": items}, "values", f"structure.entities.{name}", required=True)
        for value in items:
            if not ID_RE.match(value):
                raise check.fail(f"structure.entities.{name}", f"value '{value}' must be lowercase snake_case")
        values[str(name)] = tuple(items)
    aspects = tuple(check.texts(raw, "aspects", "structure", required=True))
    intents = tuple(check.texts(raw, "topic_intents", "structure", required=True))
    specific = tuple(check.texts(raw, "entity_specific_intents", "structure", required=False))
    unknown = [intent for intent in specific if intent not in intents]
    if unknown:
        raise check.fail("structure.entity_specific_intents", f"'{unknown[0]}' is not one of the topic_intents")
    return Structure(entities=values, aspects=aspects, topic_intents=intents, entity_specific_intents=specific,
                     condition_pains=_parse_condition_pains(check, raw.get("condition_pains"), values))


def _parse_condition_pains(check: Checker, raw: Any, values: Mapping[str, Tuple[str, ...]]) -> Mapping[str, Tuple[str, ...]]:
    """``condition_pains``: per condition, the pain types it is known for (optional)."""
    raw = check.mapping(raw or {}, "structure.condition_pains")
    conditions = [v for name, items in values.items() if name != PAIN_TYPE_ENTITY for v in items]
    pains = values.get(PAIN_TYPE_ENTITY, ())
    parsed: Dict[str, Tuple[str, ...]] = {}
    for condition, items in raw.items():
        where = f"structure.condition_pains.{condition}"
        if condition not in conditions:
            raise check.fail(where, f"'{condition}' is not a condition (known: {', '.join(conditions)})")
        listed = tuple(check.texts({"pains": items}, "pains", where, required=True))
        unknown = [pain for pain in listed if pain not in pains]
        if unknown:
            raise check.fail(where, f"'{unknown[0]}' is not a pain type (known: {', '.join(pains)})")
        if len(set(listed)) != len(listed):
            raise check.fail(where, "a pain type is listed twice")
        parsed[condition] = listed
    return MappingProxyType(parsed)


def _parse_clinic(check: Checker, raw: Any) -> Dict[str, str]:
    """The clinic's name and contact details set in the settings file (``assistant.clinic`` adds the environment's)."""
    raw = check.mapping(raw or {}, "clinic")
    unknown = [key for key in raw if key not in CLINIC_SETTINGS]
    if unknown:
        raise check.fail("clinic", f"unknown field {', '.join(map(str, unknown))} (known: {', '.join(CLINIC_SETTINGS)})")
    values = {}
    for key in CLINIC_SETTINGS:
        value = " ".join(str(raw.get(key) or "").split())
        if value:
            values[key] = value
    return values


def _parse_texts(check: Checker, data: Mapping[str, Any]) -> Tuple[str, Dict[str, str], Dict[str, str]]:
    """The disclaimer, the messages and the level texts, each with the placeholders it must hold."""
    messages_raw = check.mapping(data.get("messages"), "messages")
    messages = {key: check.text(messages_raw, key, "messages") for key in REQUIRED_MESSAGES}
    for key, placeholder in (("diagnosis_refusal", "{condition}"), ("contact", "{details}"), ("source_line", "{sources}")):
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
    return disclaimer, messages, levels


def _parse_words(
    check: Checker, data: Mapping[str, Any], entities: Sequence[EntityValue], other_ailments: Sequence[str] = ()
) -> Dict[str, Any]:
    """The lists that are neither entities nor red flags: not covered, test names, non-entity phrases. A phrase
    not covered is not also an everyday ailment (``retrieval.other_ailments``): each reply has its own list."""
    not_covered = by_language(check, data.get("not_covered"), "not_covered", required=False)
    for phrase in sorted(set(not_covered) & {p.lower() for p in other_ailments}):
        raise check.fail("not_covered", f"'{phrase}' is also in retrieval.other_ailments: keep it in one list")
    test_names = by_language(check, data.get("test_names"), "test_names", required=False)
    synonyms = {synonym: f"{v.entity}.{v.value}" for v in entities for synonym in v.synonyms}
    for where, phrases in (("not_covered", not_covered), ("test_names", test_names)):
        for phrase in phrases:
            if phrase in synonyms:
                raise check.fail(where, f"'{phrase}' is also a synonym of {synonyms[phrase]}: it cannot be both")
    not_entity = [p.lower() for p in check.texts(data, "not_entity_phrases", "top level", required=False)]
    return {"not_covered": not_covered, "test_names": test_names, "not_entity_phrases": tuple(not_entity)}


def _check_all_placeholders(check: Checker, texts: Sequence[Tuple[str, str]]) -> None:
    for where, text in texts:
        _check_placeholders(check, text, where)


def parse_knowledge(data: Any, origin: Origin, path: Any, environ: Optional[Mapping[str, str]] = None) -> Knowledge:
    """Validate the assembled knowledge (``load.assemble``) and build a :class:`Knowledge`.

    The emergency numbers and the clinic's contact come from the settings unless
    ``environ`` (the process environment by default) overrides them; every text's
    ``{emergency_number}`` and its kin are filled in here, once.
    """
    environ = os.environ if environ is None else environ
    check = Checker(origin)
    data = check.mapping(data, "top level")
    if data.get("version") != 1:
        raise check.fail("top level", "field 'version' must be 1")
    check = Checker(origin, _parse_structure(check, data.get("structure")))
    sources, source_names = _parse_sources(check, data.get("sources"), data.get("publishers"))
    emergency = _parse_emergency(check, data.get("emergency"), environ)
    disclaimer, messages, levels = _parse_texts(check, data)
    entities = _parse_entities(check, data.get("entities"))
    safety = parse_safety(check, data)
    entries = _parse_entries(check, data.get("entries"), sources)
    retrieval, aspect_labels = _parse_retrieval(check, data.get("retrieval"), bool(entries))
    aspect_words = _parse_aspect_words(check, (data.get("retrieval") or {}).get("aspect_words"))
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise check.fail("topics", "must be a non-empty list")
    topics = tuple(_parse_topic(check, i, item, sources) for i, item in enumerate(raw_topics))
    _check_topics(check, topics, entities)
    texts = [("disclaimer", disclaimer), *((f"messages.{k}", v) for k, v in messages.items())]
    texts += [(f"levels.{k}", v) for k, v in levels.items()]
    texts += [(f"red flag '{f.id}'", t) for f in safety["red_flags"] for t in (f.advice, f.if_now, f.opening)]
    texts += [(f"topic '{t.id}'", text) for t in topics for text in (t.answer, t.warning)]
    _check_all_placeholders(check, texts)
    fill = emergency.fill
    return Knowledge(
        path=path, structure=check.structure, disclaimer=fill(disclaimer), sources=dict(sources),
        source_names=source_names,
        messages={k: fill(v) for k, v in messages.items()}, entities=entities, emergency=emergency,
        red_flags=tuple(replace(f, advice=fill(f.advice), if_now=fill(f.if_now), opening=fill(f.opening))
                        for f in safety.pop("red_flags")),
        topics=tuple(replace(t, answer=fill(t.answer), warning=fill(t.warning)) for t in topics),
        levels={k: fill(v) for k, v in levels.items()}, **safety,
        **_parse_words(check, data, entities, retrieval["other_ailments"]),
        entries=tuple(replace(e, answer=fill(e.answer)) for e in entries), retrieval=retrieval,
        aspect_labels=aspect_labels, aspect_words=aspect_words, clinic=_parse_clinic(check, data.get("clinic")),
        languages=tuple(data.get("languages") or ("en",)), language=str(data.get("language") or "en"),
        latin_words=_parse_latin_words(check, data.get("latin_words")),
    )


def _parse_latin_words(check: Checker, raw: Any) -> Dict[str, Tuple[str, ...]]:
    """Per language, its words written in Latin letters (``written_in_latin_letters`` in its words.yml)."""
    if raw is None:
        return {}
    raw = check.mapping(raw, "written_in_latin_letters")
    where = "written_in_latin_letters"
    return {lang: tuple(w.lower() for w in check.texts({"words": words}, "words", f"{where}.{lang}", required=True))
            for lang, words in raw.items()}
