"""Shared fixtures: the project's knowledge, trackers and dispatchers."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.knowledge import DEFAULT_KNOWLEDGE_PATH, Knowledge, load_knowledge


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The project's real knowledge file."""
    return load_knowledge()


@pytest.fixture(scope="session")
def raw_knowledge() -> Dict[str, Any]:
    """The knowledge file as plain YAML data, to break copies of it."""
    return yaml.safe_load(DEFAULT_KNOWLEDGE_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def broken_knowledge(tmp_path: Path, raw_knowledge: Dict[str, Any]) -> Callable[[Callable[[Dict[str, Any]], None]], Path]:
    """Write a copy of the knowledge file changed by ``mutate`` and return its path."""

    def make(mutate: Callable[[Dict[str, Any]], None]) -> Path:
        data = copy.deepcopy(raw_knowledge)
        data["entries_file"] = str(DEFAULT_KNOWLEDGE_PATH.parent / raw_knowledge["entries_file"])  # the copy lives elsewhere
        mutate(data)
        path = tmp_path / "knowledge.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return make


def make_tracker(
    text: str = "",
    intent: Optional[str] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
    sender_id: str = "test-user",
) -> Tracker:
    """A real rasa_sdk Tracker whose latest message is the given parse result."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
    }
    events = [{"event": "user", "text": text, "parse_data": latest}]
    return Tracker(sender_id, {}, latest, events, False, None, {}, "action_listen")


@pytest.fixture
def tracker_for() -> Callable[..., Tracker]:
    """Factory fixture for trackers (see :func:`make_tracker`)."""
    return make_tracker


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """A fresh dispatcher that collects the messages an action sends."""
    return CollectingDispatcher()
