"""Find, read and assemble the knowledge files, then validate them (``validate``).

The knowledge is a folder of small files, each edited by one audience
(docs/knowledge-files.md): the manifest ``knowledge.yml`` names the languages; the
language-free files (settings, sources, structure, topics, entries, safety rules) sit
beside it; each language has a folder of texts (curators) and words (engineers).
``KNOWLEDGE_FILE`` points at the manifest: the one path setting, honoured everywhere.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

from assistant.knowledge.model import Knowledge, KnowledgeError
from assistant.knowledge.validate import parse_knowledge
from assistant.normalise import fold_word_list
from assistant.paths import KNOWLEDGE_MANIFEST

# libyaml's safe loader where PyYAML was built with it (ten times faster on the long phrase lists), else PyYAML's own
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The files beside the manifest, and the files in each language's folder.
SHARED_FILES: Tuple[str, ...] = ("settings", "sources", "structure", "topics", "entries", "safety")
LANGUAGE_FILES: Tuple[str, ...] = ("texts", "topics", "entries", "words", "red_flags")
# The files of words the rules match: read in the one spelling messages are folded to
# (assistant/normalise.py fold_word_list), so curators write Persian, and regional words, as they are spelt.
WORD_FILES: Tuple[str, ...] = ("words", "red_flags")
# Which file holds a place named in an error: the first row whose place starts the error's
# place, and (when words are given) one of whose words is in the place or the problem.
# "{lang}/" is the reply language's folder.
_PLACES = """
topic                     | title answer bullets warning placeholder | {lang}/topics.yml
topic                     |                                          | topics.yml
entry                     | title answer examples terms reviewed     | {lang}/entries.yml
entr                      |                                          | entries.yml
red flag                  | label advice if_now opening placeholder  | {lang}/texts.yml
red flag                  | .phrases .patterns token values          | {lang}/red_flags.yml
red flag                  |                                          | safety.yml
red_flags                 |                                          | safety.yml
red_flag_context_concepts |                                          | safety.yml
red_flag_                 |                                          | {lang}/red_flags.yml
entities                  | label name                               | {lang}/texts.yml
entities                  | answers                                  | topics.yml
entities                  |                                          | {lang}/words.yml
retrieval.aspects         |                                          | {lang}/texts.yml
retrieval                 |                                          | {lang}/words.yml
not_covered               |                                          | {lang}/words.yml
test_names                |                                          | {lang}/words.yml
mention_cues              |                                          | {lang}/words.yml
written_in_latin_letters  |                                          | {lang}/words.yml
structure                 |                                          | structure.yml
publishers                |                                          | {lang}/texts.yml
sources                   |                                          | sources.yml
emergency                 |                                          | settings.yml
clinic                    |                                          | settings.yml
messages                  |                                          | {lang}/texts.yml
levels                    |                                          | {lang}/texts.yml
disclaimer                |                                          | {lang}/texts.yml
top level                 | disclaimer                               | {lang}/texts.yml
top level                 | not_entity_phrases                       | {lang}/words.yml
top level                 | red_flag_context_concepts                | safety.yml
"""


def _place_rules() -> List[Tuple[str, Tuple[str, ...], str]]:
    """The rows of :data:`_PLACES`: (place prefix, words, file)."""
    rows = [line.split("|") for line in _PLACES.strip().splitlines()]
    return [(prefix.strip(), tuple(words.split()), name.strip()) for prefix, words, name in rows]




@dataclass
class Layout:
    """The knowledge folder of one manifest: its files and which reads what."""

    manifest: Path
    languages: Tuple[str, ...] = ()
    reply: str = ""  # the language of the texts being assembled (the first by default)
    read: Dict[str, Any] = field(default_factory=dict)  # relative file name -> its YAML data

    @property
    def folder(self) -> Path:
        return self.manifest.parent

    def file(self, name: str) -> Path:
        """A file of the layout, by its name relative to the folder."""
        return self.folder / name

    def origin(self, where: str, what: str) -> str:
        """The file that holds the place named in an error: a language the place names ("exception_patterns.fa[2]")
        picks its folder, else the reply language's."""
        named = next((part for part in re.split(r"[.\[\] ]", where) if part in self.languages), None)
        lang = named or self.reply or (self.languages or ("en",))[0]
        for prefix, words, name in _place_rules():
            if where.startswith(prefix) and (not words or any(w in f"{where} {what}" for w in words)):
                return str(self.file(name.format(lang=lang)))
        return str(self.manifest)


def _read(path: Path) -> Any:
    """A YAML file's data, or a :class:`KnowledgeError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot read the knowledge file: {error.strerror or error}") from None
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: top level: must be a mapping, got {type(data).__name__}")
    return data


def read_layout(manifest: Path) -> Layout:
    """Read the manifest and every file it implies."""
    layout = Layout(manifest=manifest)
    head = _read(manifest)
    languages = head.get("languages")
    if not isinstance(languages, list) or not languages or not all(isinstance(x, str) and x for x in languages):
        raise KnowledgeError(f"{manifest}: top level: 'languages' must list at least one language folder, e.g. [en]")
    layout.languages = tuple(languages)
    layout.read["knowledge.yml"] = head
    names = [f"{n}.yml" for n in SHARED_FILES] + [f"{lang}/{n}.yml" for lang in languages for n in LANGUAGE_FILES]
    for name in names:
        layout.read[name] = _read(layout.file(name))
    for lang in languages:
        for name in WORD_FILES:
            layout.read[f"{lang}/{name}.yml"] = _folded(layout.read[f"{lang}/{name}.yml"])
        entries = layout.read[f"{lang}/entries.yml"].get("entries")
        if isinstance(entries, dict):  # the examples and terms are matched, not shown
            layout.read[f"{lang}/entries.yml"]["entries"] = {
                key: {k: _folded(v) if k in ("examples", "terms") else v for k, v in item.items()}
                if isinstance(item, dict) else item for key, item in entries.items()}
    return layout


def _folded(data: Any) -> Any:
    """``data`` with every string in it read as messages are: the one Persian spelling, regional words as Tehran
    Persian (English is untouched)."""
    if isinstance(data, str):
        return fold_word_list(data)
    if isinstance(data, list):
        return [_folded(item) for item in data]
    if isinstance(data, dict):
        return {key: _folded(value) for key, value in data.items()}
    return data


def _by_id(layout: Layout, name: str, section: str, ids: List[str], kind: str) -> Mapping[str, Any]:
    """A language file's section keyed by id; every id of the structure present, no other."""
    items = layout.read[name].get(section) or {}
    if not isinstance(items, dict):
        raise KnowledgeError(f"{layout.file(name)}: {section}: must be a mapping of {kind} id to its texts")
    for item_id in ids:
        if not isinstance(items.get(item_id), dict):
            raise KnowledgeError(f"{layout.file(name)}: {kind} '{item_id}': missing (every {kind} needs its texts here)")
    extra = [item_id for item_id in items if item_id not in ids]
    if extra:
        raise KnowledgeError(f"{layout.file(name)}: {kind} '{extra[0]}': unknown (not in the language-free file)")
    return items


def _merged(layout: Layout, structure_file: str, section: str, text_file: str, kind: str) -> List[Any]:
    """Structure items (a list of mappings with ids) with the reply language's texts added."""
    items = layout.read[structure_file].get(section)
    if not isinstance(items, list):
        return items  # the validator names the problem
    ids = [str(item.get("id")) for item in items if isinstance(item, dict)]
    texts = _by_id(layout, f"{layout.reply}/{text_file}", section, ids, kind)
    return [dict(item, **texts[str(item.get("id"))]) if isinstance(item, dict) else item for item in items]


def _per_language(layout: Layout, name: str, key: str) -> Any:
    """``{language: value}`` of one list over the language folders (absent where a folder lacks it)."""
    values = {lang: layout.read[f"{lang}/{name}"].get(key) for lang in layout.languages}
    present = {lang: value for lang, value in values.items() if value is not None}
    return present or None


def _entities(layout: Layout) -> Dict[str, Any]:
    """Each entity value's label (reply language) with the synonyms of every language."""
    lang = layout.languages[0]
    labels = layout.read[f"{layout.reply}/texts.yml"].get("entity_labels") or {}
    names = layout.read[f"{layout.reply}/texts.yml"].get("entity_names") or {}
    merged: Dict[str, Any] = {}
    known = layout.read[f"{lang}/words.yml"].get("entities") or {}
    for other in layout.languages[1:]:
        for entity, values in (layout.read[f"{other}/words.yml"].get("entities") or {}).items():
            for value in values or {}:
                if value not in (known.get(entity) or {}):
                    where = f"{layout.file(f'{other}/words.yml')}: entities.{entity}.{value}"
                    raise KnowledgeError(f"{where}: unknown value (not in {lang}/words.yml and structure.yml)")
    for entity, values in known.items():
        merged[entity] = {}
        for value, spec in (values or {}).items():
            spec = dict(spec or {})
            for other in layout.languages[1:]:
                extra = ((layout.read[f"{other}/words.yml"].get("entities") or {}).get(entity) or {}).get(value) or {}
                spec["synonyms"] = [*spec.get("synonyms", []), *extra.get("synonyms", [])]
            label, name = (labels.get(entity) or {}).get(value), (names.get(entity) or {}).get(value)
            merged[entity][value] = dict(spec, label=label, name=name)
    return merged


def _red_flags(layout: Layout) -> Any:
    """Each group's rules (safety.yml), texts (reply language) and words (every language)."""
    rules = layout.read["safety.yml"].get("red_flags")
    if not isinstance(rules, list):
        return rules
    ids = [str(rule.get("id")) for rule in rules if isinstance(rule, dict)]
    texts = _by_id(layout, f"{layout.reply}/texts.yml", "red_flags", ids, "red flag")
    groups = {other: layout.read[f"{other}/red_flags.yml"].get("groups") or {} for other in layout.languages}
    for other, items in groups.items():
        extra = [item_id for item_id in items if item_id not in ids]
        if extra:
            raise KnowledgeError(f"{layout.file(f'{other}/red_flags.yml')}: red flag '{extra[0]}': unknown (not in safety.yml)")
    merged = []
    for rule in rules:
        item = dict(rule, **texts.get(str(rule.get("id")), {})) if isinstance(rule, dict) else rule
        if isinstance(item, dict):
            for key in ("phrases", "patterns"):
                words = {other: groups[other][item["id"]][key] for other in layout.languages
                         if key in (groups[other].get(item.get("id")) or {})}
                if words:
                    item[key] = words
        merged.append(item)
    return merged


def _named(layout: Layout, name: str, key: str) -> Dict[str, Any]:
    """``{item: {language: value}}`` of one mapping (``concepts``, ``mention_cues``...) over the language folders."""
    merged: Dict[str, Any] = {}
    for lang in layout.languages:
        for item, value in (layout.read[f"{lang}/{name}"].get(key) or {}).items():
            merged.setdefault(item, {})[lang] = value
    return merged


def _retrieval(layout: Layout) -> Dict[str, Any]:
    """Retrieval's word lists per language, the aspect words and the aspects' labels of the reply language."""
    merged: Dict[str, Any] = {}
    for lang in layout.languages:
        for name, words in (layout.read[f"{lang}/words.yml"].get("retrieval") or {}).items():
            if name == "aspect_words":  # the reply language's only: they train that language's aspect classifier
                for aspect, items in (words or {}).items() if lang == layout.reply else ():
                    merged.setdefault("aspect_words", {}).setdefault(aspect, {})[lang] = items
            else:
                merged.setdefault(name, {})[lang] = words
    merged["aspects"] = layout.read[f"{layout.reply}/texts.yml"].get("aspect_labels")
    return merged


def assemble(layout: Layout, language: Optional[str] = None) -> Dict[str, Any]:
    """The knowledge as one mapping, every list of words keyed by language: what ``validate`` reads.

    The texts (answers, messages, labels) are those of ``language`` (the first language by
    default); the words of every language are read together.
    """
    layout.reply = language or layout.languages[0]
    if layout.reply not in layout.languages:
        raise KnowledgeError(f"{layout.manifest}: languages: no '{layout.reply}' folder is listed")
    texts, settings = layout.read[f"{layout.reply}/texts.yml"], layout.read["settings.yml"]
    return {
        "version": layout.read["knowledge.yml"].get("version"),
        "languages": list(layout.languages),
        "language": layout.reply,
        "latin_words": _per_language(layout, "words.yml", "written_in_latin_letters"),
        "structure": layout.read["structure.yml"],
        "sources": layout.read["sources.yml"].get("sources"),
        "publishers": texts.get("publishers"),
        "emergency": settings.get("emergency"),
        "clinic": settings.get("clinic"),
        "disclaimer": texts.get("disclaimer"),
        "messages": texts.get("messages"),
        "levels": texts.get("levels"),
        "entities": _entities(layout),
        "retrieval": _retrieval(layout),
        "not_covered": _per_language(layout, "words.yml", "not_covered"),
        "test_names": _per_language(layout, "words.yml", "test_names"),
        "not_entity_phrases": [p for other in layout.languages
                               for p in layout.read[f"{other}/words.yml"].get("not_entity_phrases") or []],
        "mention_cues": _named(layout, "words.yml", "mention_cues"),
        "red_flag_exceptions": _per_language(layout, "red_flags.yml", "exceptions"),
        "red_flag_exception_patterns": _per_language(layout, "red_flags.yml", "exception_patterns"),
        "red_flag_concepts": _named(layout, "red_flags.yml", "concepts"),
        "red_flag_concept_patterns": _named(layout, "red_flags.yml", "concept_patterns"),
        "red_flag_context_concepts": layout.read["safety.yml"].get("red_flag_context_concepts"),
        "red_flags": _red_flags(layout),
        "topics": _merged(layout, "topics.yml", "topics", "topics.yml", "topic"),
        "entries": _merged(layout, "entries.yml", "entries", "entries.yml", "entry"),
    }


def knowledge_path(environ: Optional[Mapping[str, str]] = None) -> Path:
    """The knowledge's manifest: ``KNOWLEDGE_FILE`` (a clinic's own copy, or a test), else the project's.

    The one place that reads ``KNOWLEDGE_FILE``: the actions, the spaCy build,
    the NLU components, the FAQ page and ``bin/ask`` all find the knowledge here.
    """
    override = (os.environ if environ is None else environ).get("KNOWLEDGE_FILE")
    return Path(override) if override else KNOWLEDGE_MANIFEST


def load_knowledge(path: Optional[Path] = None, environ: Optional[Mapping[str, str]] = None,
                   language: Optional[str] = None) -> Knowledge:
    """Read, assemble and validate the knowledge of a manifest (:func:`knowledge_path` by default).

    ``environ`` (the process environment by default) may override the emergency numbers
    and the clinic's contact. ``language`` picks the texts (the first language by default).
    """
    layout = read_layout(Path(path) if path is not None else knowledge_path())
    return parse_knowledge(assemble(layout, language), layout.origin, layout.manifest, environ)


def load_all(path: Optional[Path] = None, environ: Optional[Mapping[str, str]] = None) -> Dict[str, Knowledge]:
    """The knowledge in each of its languages, validated (what ``make validate-knowledge`` checks)."""
    layout = read_layout(Path(path) if path is not None else knowledge_path())
    return {lang: parse_knowledge(assemble(layout, lang), layout.origin, layout.manifest, environ)
            for lang in layout.languages}


def get_knowledge(language: Optional[str] = None) -> Knowledge:
    """The knowledge (:func:`knowledge_path`) with the texts of ``language``, loaded once per process and language.

    ``None`` is the first language; a language the knowledge does not have gets the first language's texts.
    (``get_knowledge()`` and ``get_knowledge(None)`` are one call: a cache on this function would load twice.)
    """
    return _knowledge_in(language)


@functools.cache
def _knowledge_in(language: Optional[str]) -> Knowledge:
    """:func:`get_knowledge`, cached by its one argument."""
    if language is None:
        return load_knowledge()
    first = _knowledge_in(None)
    if language == first.language:
        return first
    return load_knowledge(language=language) if language in first.languages else first
