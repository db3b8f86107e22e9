"""Check the red-flag part of the knowledge: groups, token patterns, concepts, mention cues, exceptions."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Tuple

from assistant.knowledge.checker import Checker, by_language
from assistant.knowledge.model import (
    ALLOWED_TOKEN_KEYS,
    CUE_KINDS,
    GROUP_PREFIX,
    ID_RE,
    LEVELS,
    ONE_WORD_CUE_KINDS,
    OPTIONAL_CUE_KINDS,
    RedFlag,
)
from assistant.token_rules import TokenPatternError, compile_spec


def _parse_token_pattern(check: Checker, pattern: Any, where: str) -> Tuple[Mapping[str, Any], ...]:
    if not isinstance(pattern, list) or not pattern:
        raise check.fail(where, "a pattern must be a non-empty list of token specs")
    for token in pattern:
        if not isinstance(token, dict) or not token:
            raise check.fail(where, f"token spec {token!r} must be a non-empty mapping")
        unknown = set(token) - ALLOWED_TOKEN_KEYS
        if unknown:
            raise check.fail(where, f"unsupported token keys {sorted(unknown)} (allowed: {sorted(ALLOWED_TOKEN_KEYS)})")
        for key in ("LOWER", "ORTH", "TEXT"):
            value = token.get(key)
            items = value.get("IN", []) if isinstance(value, dict) else [value] if value is not None else []
            odd = [item for item in items if not isinstance(item, str)]
            if odd:
                raise check.fail(where, f"{key} values must be text; quote {odd} (YAML reads 20 or no as a number or a boolean)")
            if key == "LOWER" and any(item != item.lower() for item in items):
                raise check.fail(where, f"LOWER values must be lowercase: {token!r} can never match")
        try:
            compile_spec(token)
        except (TokenPatternError, re.error) as error:
            raise check.fail(where, f"token spec {token!r}: {error}") from None
    return tuple(pattern)


def _patternsby_language(check: Checker, raw: Any, where: str) -> Tuple[Tuple[Mapping[str, Any], ...], ...]:
    """spaCy token patterns given per language, all languages together."""
    if raw is None:
        return ()
    raw = check.mapping(raw, where)
    patterns: List[Tuple[Mapping[str, Any], ...]] = []
    for language, items in raw.items():
        if not isinstance(items, list):
            raise check.fail(f"{where}.{language}", "must be a list of token patterns")
        patterns += [_parse_token_pattern(check, p, f"{where}.{language}[{i}]") for i, p in enumerate(items)]
    return tuple(patterns)


def _parse_concepts(check: Checker, raw: Any) -> Dict[str, Tuple[str, ...]]:
    raw = check.mapping(raw or {}, "red_flag_concepts")
    concepts = {}
    for name, spec in raw.items():
        if not ID_RE.match(str(name)):
            raise check.fail(f"red_flag_concepts.{name}", "name must be lowercase snake_case")
        concepts[str(name)] = by_language(check, spec, f"red_flag_concepts.{name}")
    return concepts


def _parse_concept_patterns(
    check: Checker, raw: Any, concepts: Mapping[str, Tuple[str, ...]]
) -> Dict[str, Tuple[Tuple[Mapping[str, Any], ...], ...]]:
    """Token patterns that also reveal a concept: words apart or in any order ("my neck has become very stiff")."""
    raw = check.mapping(raw or {}, "red_flag_concept_patterns")
    patterns = {}
    for name, spec in raw.items():
        if name not in concepts:
            raise check.fail(f"red_flag_concept_patterns.{name}", "unknown concept: give it phrases under 'concepts' first")
        patterns[str(name)] = _patternsby_language(check, spec, f"red_flag_concept_patterns.{name}")
    return patterns


def _parse_red_flags(check: Checker, raw: Any, concepts: Mapping[str, Tuple[str, ...]]) -> Tuple[RedFlag, ...]:
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
                if name not in concepts and not name.startswith(GROUP_PREFIX):
                    raise check.fail(where, f"unknown concept '{name}' in 'together' (define it under 'red_flag_concepts')")
            if all(name.startswith(GROUP_PREFIX) for name in combination) and len(combination) < 2:
                raise check.fail(where, f"a combination of one group alone is that group: {combination}")
        within = item.get("within", "message")
        if within not in ("message", "sentence"):
            raise check.fail(where, "field 'within' must be 'message' or 'sentence'")
        flag = RedFlag(
            id=flag_id,
            label=check.text(item, "label", where),
            level=level,
            advice=check.text(item, "advice", where),
            if_now=check.text(item, "if_now", where),
            phrases=by_language(check, item.get("phrases"), f"{where}.phrases", required=False),
            patterns=_patternsby_language(check, item.get("patterns"), f"{where}.patterns"),
            together=tuple(tuple(str(n) for n in c) for c in together if not _leans(c)),
            leaning=tuple(tuple(str(n) for n in c) for c in together if _leans(c)),
            within=within,
            always_now=item.get("always_now", False) is True,
            answer_after=item.get("answer_after", False) is True,
            reassurable=item.get("reassurable", True) is not False,
            opening=check.text(item, "opening", where) if "opening" in item else "",
        )
        if flag.opening and "{emergency_number}" not in flag.opening:
            raise check.fail(where, "field 'opening' must name the number: put {emergency_number} in it")
        if not (flag.phrases or flag.patterns or flag.together or flag.leaning):
            raise check.fail(where, "needs phrases, patterns or together: nothing could ever reveal it")
        flags.append(flag)
    _check_group_parts(check, flags)
    return tuple(flags)


def _leans(combination: List[Any]) -> bool:
    """Whether a ``together`` combination has a ``group:<id>`` part."""
    return any(str(name).startswith(GROUP_PREFIX) for name in combination)


def _check_group_parts(check: Checker, flags: List[RedFlag]) -> None:
    """Every ``group:<id>`` part of a combination names another group, one that names no group itself."""
    ids = {flag.id for flag in flags}
    leaning = {flag.id for flag in flags if flag.leaning}
    for flag in flags:
        for name in (n for c in flag.leaning for n in c if n.startswith(GROUP_PREFIX)):
            other = name[len(GROUP_PREFIX):]
            if other not in ids or other == flag.id:
                raise check.fail(f"red flag '{flag.id}'", f"'{name}' in 'together' names no other red-flag group")
            if other in leaning:
                raise check.fail(f"red flag '{flag.id}'", f"'{name}' names a group that itself leans on groups")


def _parse_cues(check: Checker, raw: Any) -> Dict[str, Tuple[str, ...]]:
    raw = check.mapping(raw, "mention_cues")
    missing = [kind for kind in CUE_KINDS if kind not in raw]
    if missing:
        raise check.fail("mention_cues", f"missing {', '.join(missing)}")
    cues = {kind: by_language(check, raw[kind], f"mention_cues.{kind}", required=kind not in OPTIONAL_CUE_KINDS)
            for kind in CUE_KINDS}
    for kind in ONE_WORD_CUE_KINDS:
        for cue in cues[kind]:
            if len(cue.split()) != 1:
                raise check.fail(f"mention_cues.{kind}", f"'{cue}' must be one word (the reader compares single words)")
    return cues


def parse_safety(check: Checker, data: Mapping[str, Any]) -> Dict[str, Any]:
    """The red-flag groups, their concepts, the mention cues and the exceptions."""
    concepts = _parse_concepts(check, data.get("red_flag_concepts"))
    context_concepts = tuple(check.texts(data, "red_flag_context_concepts", "top level", required=False))
    for name in context_concepts:
        if name not in concepts:
            raise check.fail("red_flag_context_concepts", f"unknown concept '{name}'")
    return {
        "concepts": concepts,
        "concept_patterns": _parse_concept_patterns(check, data.get("red_flag_concept_patterns"), concepts),
        "red_flags": _parse_red_flags(check, data.get("red_flags"), concepts),
        "cues": _parse_cues(check, data.get("mention_cues")),
        "context_concepts": context_concepts,
        "red_flag_exceptions": by_language(check, data.get("red_flag_exceptions"), "red_flag_exceptions", required=False),
        "red_flag_exception_patterns": _patternsby_language(
            check, data.get("red_flag_exception_patterns"), "red_flag_exception_patterns"),
    }
