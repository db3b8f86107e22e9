"""The SQLite conversation store's write-through cache gives what the database gives."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from assistant.paths import ROOT
from stores.sqlite_store import SQLiteTrackerStore

clock = itertools.count(1_700_000_000)


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _turn(text: str, intent: str, action: str) -> List[Event]:
    return [
        UserUttered(text, {"name": intent, "confidence": 1.0}, timestamp=next(clock)),
        ActionExecuted(action, timestamp=next(clock)),
        BotUttered(f"reply to {text}", timestamp=next(clock)),
        ActionExecuted("action_listen", timestamp=next(clock)),
    ]


def _session_start() -> List[Event]:
    return [
        ActionExecuted("action_session_start", timestamp=next(clock)),
        SessionStarted(timestamp=next(clock)),
        ActionExecuted("action_listen", timestamp=next(clock)),
    ]


def _dicts(tracker: DialogueStateTracker) -> List[Dict[str, Any]]:
    return [event.as_dict() for event in tracker.events]


def _rows(db: Path, sender: str) -> List[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,))]


async def test_cached_conversation_matches_the_database_through_turns_and_a_new_session(
    tmp_path: Path, domain: Domain
) -> None:
    db = tmp_path / "conversations.db"
    store = SQLiteTrackerStore(domain=domain, db=str(db))
    tracker = DialogueStateTracker("visitor", domain.slots)
    written = 0
    for step, events in enumerate([_session_start() + _turn("hi", "greet", "action_greet"),
                                   _turn("lupus?", "ask_disease", "action_answer_topic"),
                                   _turn("stress?", "ask_stress", "action_answer_topic"),
                                   _session_start() + _turn("back again", "greet", "action_greet")]):
        if step:
            tracker = await store.retrieve("visitor")
            assert tracker is not None
        for event in events:
            tracker.update(event)
        written += len(events)
        await store.save(tracker)
        from_database = await SQLiteTrackerStore(domain=domain, db=str(db)).retrieve("visitor")
        from_cache = await store.retrieve("visitor")
        assert from_database is not None and from_cache is not None
        assert _dicts(from_cache) == _dicts(from_database)
        assert len(_rows(db, "visitor")) == written  # every event stored once
    assert [event.type_name for event in from_cache.events][:1] == ["session_started"]  # only the new session


async def test_the_cache_is_bounded_and_expires(tmp_path: Path, domain: Domain) -> None:
    store = SQLiteTrackerStore(domain=domain, db=str(tmp_path / "c.db"), cache_size=2, cache_seconds=3600)
    for sender in ("a", "b", "c"):
        tracker = DialogueStateTracker(sender, domain.slots)
        for event in _session_start():
            tracker.update(event)
        await store.save(tracker)
    assert list(store._sessions) == ["b", "c"]
    store.cache_seconds = 0.0
    assert store._cached("c") is None and "c" not in store._sessions
    assert await store.retrieve("a") is not None  # from the database


async def test_turns_reuse_one_connection_in_wal_mode(tmp_path: Path, domain: Domain) -> None:
    """Saving and reading turns opens the database once, not once a transaction, and keeps the WAL journal."""
    import sqlalchemy as sa

    db = tmp_path / "conversations.db"
    store = SQLiteTrackerStore(domain=domain, db=str(db), cache_size=1)
    opened: List[Any] = []
    sa.event.listen(store.engine, "connect", lambda connection, _record: opened.append(connection))
    for sender in ("a", "b", "a", "b"):  # a cache of one: every turn also reads the database back
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, domain.slots)
        for event in (_session_start() if not tracker.events else []) + _turn("hi", "greet", "action_greet"):
            tracker.update(event)
        await store.save(tracker)
    assert len(opened) == 1
    assert len(_rows(db, "a")) == len(_rows(db, "b")) == 3 + 2 * 4
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
