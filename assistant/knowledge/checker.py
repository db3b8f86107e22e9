"""Readable errors for the knowledge's checks: the file (from the loader's ``origin``), the place, the problem."""

from __future__ import annotations

from typing import Any, Callable, List, Mapping, Optional, Tuple

from assistant.knowledge.model import KnowledgeError, Structure

# (place, problem) -> the file to name in the error.
Origin = Callable[[str, str], str]


def tidy(text: str) -> str:
    """Collapse runs of spaces inside each line; keep single line breaks, drop blank lines.

    Rasa's channels cut a message at every blank line, which would separate a
    text from the disclaimer that follows it.
    """
    lines = (" ".join(line.split()) for line in text.strip().splitlines())
    return "\n".join(line for line in lines if line)


class Checker:
    """Makes readable errors: the file (from ``origin``), the place and the problem."""

    def __init__(self, origin: Origin, structure: Optional[Structure] = None) -> None:
        self.origin = origin
        self.structure = structure or Structure({}, (), ())

    def fail(self, where: str, what: str) -> KnowledgeError:
        return KnowledgeError(f"{self.origin(where, what)}: {where}: {what}")

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        if key not in data or data[key] is None:
            raise self.fail(where, f"missing field '{key}'")
        value = data[key]
        if not isinstance(value, str):
            raise self.fail(where, f"field '{key}' must be text, got {type(value).__name__}")
        if not value.strip():
            raise self.fail(where, f"field '{key}' is empty")
        return tidy(value)

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
        return [tidy(v) for v in value]

    def mapping(self, data: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(where, f"must be a mapping, got {type(data).__name__}")
        return data


def by_language(check: Checker, raw: Any, where: str, required: bool = True) -> Tuple[str, ...]:
    """Texts given per language (``{en: [...], fa: [...]}``), all languages together, lowercased."""
    if raw is None and not required:
        return ()
    raw = check.mapping(raw, where)
    texts: List[str] = []
    for language, items in raw.items():
        texts += check.texts({"items": items}, "items", f"{where}.{language}", required=items != [])
    if required and not texts:
        raise check.fail(where, "no texts")
    return tuple(dict.fromkeys(t.lower() for t in texts))
