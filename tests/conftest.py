"""Shared fixtures: the project's knowledge, trackers and dispatchers."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.knowledge import Knowledge, load_knowledge
from assistant.paths import KNOWLEDGE_MANIFEST


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The project's real knowledge file."""
    return load_knowledge()


class KnowledgeCopy:
    """A copy of the project's knowledge folder, whose files a test may change."""

    def __init__(self, folder: Path) -> None:
        shutil.copytree(KNOWLEDGE_MANIFEST.parent, folder)
        self.folder = folder

    @property
    def manifest(self) -> Path:
        """What ``KNOWLEDGE_FILE`` points at."""
        return self.folder / KNOWLEDGE_MANIFEST.name

    def file(self, name: str) -> Path:
        """One file of the copy, by its name in the folder ("en/topics.yml")."""
        return self.folder / name

    def edit(self, name: str, mutate: Callable[[Dict[str, Any]], None]) -> Path:
        """Change one file's data with ``mutate``; the manifest's path."""
        path = self.file(name)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        mutate(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return self.manifest


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> KnowledgeCopy:
    """A fresh copy of the knowledge folder in a temporary directory."""
    return KnowledgeCopy(tmp_path / "knowledge")


def make_tracker(
    text: str = "",
    intent: Optional[str] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
    sender_id: str = "test-user",
    **parse: Any,
) -> Tracker:
    """A real rasa_sdk Tracker whose latest message is the given parse result (``parse``: more of its keys)."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
        **parse,
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
