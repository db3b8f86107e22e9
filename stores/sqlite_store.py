"""Rasa's SQL tracker store on SQLite, for one Rasa server process.

* WAL journal with ``synchronous=NORMAL``: a crash of the server loses
  nothing; a power cut may lose the last turns (docs/benchmarks.md: the plain
  store made every turn wait for a disk flush).
* Kept connections: SQLAlchemy 1.4 gives a SQLite file ``NullPool``, which
  opened a connection, set the pragmas and closed it again for every
  transaction (about 7 % of the Rasa server's time under load); this store
  keeps one open (``QueuePool``, a few more only while turns overlap).
* A write-through cache of the current session's events per conversation:
  every turn is still written to the database before the reply goes out, but
  the next turn of the same conversation does not read it back, and saving
  does not count the stored events again (Rasa's store does both on every
  turn). Valid because one process owns the file; entries expire after
  ``cache_seconds`` and at most ``cache_size`` conversations are kept. For
  several Rasa processes use PostgreSQL (deploy/endpoints.production.yml),
  which this class is not.
* Private files: a new database is made with mode 0600 in a directory made
  0700 (SQLite gives its ``-wal`` and ``-shm`` files the database's mode); an
  existing database, journal or directory that other local users can read is
  named in a warning at start.
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, List, Optional, Text

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from server.privacy import create_private_file, warn_if_wider

logger = logging.getLogger(__name__)
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
POOL_OVERFLOW = 4  # connections opened beyond the kept one while turns overlap, closed after use


def database_files(db: Path) -> List[Path]:
    """The database file and the journal files SQLite keeps next to it."""
    return [db, *(db.with_name(db.name + suffix) for suffix in JOURNAL_SUFFIXES)]


def prepare_private_database(db: Text) -> None:
    """Make a missing database file 0600 (its directory 0700); warn about existing files others can read."""
    if not db or db == ":memory:" or db.startswith("file:"):
        return
    path = Path(db)
    create_private_file(path)
    warn_if_wider([path.parent, *database_files(path)])


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@dataclass
class _Session:
    """The stored events of a conversation's current session, as Rasa reads them back."""

    events: List[Text]  # JSON of each event, exactly as stored: decoded afresh for every read
    saved_at: float


class SQLiteTrackerStore(SQLTrackerStore):
    """SQLTrackerStore fixed to SQLite, tuned for one server process."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[Text] = None,
        db: Text = "var/conversations.db",
        event_broker: Optional[EventBroker] = None,
        cache_size: int = 2000,
        cache_seconds: float = 1800.0,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("dialect", None)
        prepare_private_database(db)
        super().__init__(domain=domain, dialect="sqlite", db=db, event_broker=event_broker, **kwargs)
        self._keep_connections(db)
        self.cache_size = int(cache_size)
        self.cache_seconds = float(cache_seconds)
        self._sessions: OrderedDict[Text, _Session] = OrderedDict()

    def _keep_connections(self, db: Text) -> None:
        """Swap Rasa's engine for one that keeps its connection (an in-memory database keeps SQLAlchemy's own pool)."""
        if db and db != ":memory:":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=QueuePool, pool_size=1, max_overflow=POOL_OVERFLOW,
                connect_args={"check_same_thread": False},  # the pool hands one connection to one user at a time
            )
            self.sessionmaker = sessionmaker(bind=self.engine)
        sa.event.listen(self.engine, "connect", _pragmas)

    def _cached(self, sender_id: Text) -> Optional[_Session]:
        entry = self._sessions.get(sender_id)
        if entry is None:
            return None
        if time.monotonic() - entry.saved_at > self.cache_seconds:
            del self._sessions[sender_id]
            return None
        self._sessions.move_to_end(sender_id)
        return entry

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The current session from the cache, else from the database."""
        entry = self._cached(sender_id)
        if entry is None or self.domain is None:
            return await super().retrieve(sender_id)
        return DialogueStateTracker.from_dict(sender_id, [json.loads(event) for event in entry.events], self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the new events (counted from the cache when it knows the conversation), then remember them."""
        entry = self._cached(tracker.sender_id)
        if entry is None or not self._continues(tracker, entry):
            await super().save(tracker)
            self._remember(tracker.sender_id, [], [json.dumps(event.as_dict()) for event in tracker.events])
            return
        await self.stream_events(tracker)
        new = [event.as_dict() for event in list(tracker.events)[len(entry.events):]]
        texts = [json.dumps(data) for data in new]
        if new:
            rows = [
                {
                    "sender_id": tracker.sender_id,
                    "type_name": data.get("event"),
                    "timestamp": data.get("timestamp"),
                    "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
                    "action_name": data.get("name"),
                    "data": text,
                }
                for data, text in zip(new, texts)
            ]
            with self.engine.begin() as connection:  # one transaction, without the ORM's bookkeeping
                connection.execute(self.SQLEvent.__table__.insert(), rows)
        self._remember(tracker.sender_id, entry.events, texts)

    @staticmethod
    def _continues(tracker: DialogueStateTracker, entry: _Session) -> bool:
        """Whether ``tracker`` is the cached session plus new events (not, say, a full history read elsewhere)."""
        if not entry.events:
            return False
        events = tracker.events
        if len(events) < len(entry.events):
            return False
        last, cached = events[len(entry.events) - 1], json.loads(entry.events[-1])
        return last.type_name == cached.get("event") and last.timestamp == cached.get("timestamp")

    def _remember(self, sender_id: Text, kept: List[Text], new: List[Text]) -> None:
        """Cache the session as the database query would return it: from the last session start on.

        ``kept`` already starts at a session start (or is empty), so only ``new`` is searched for one.
        """
        for index in range(len(new) - 1, -1, -1):
            text = new[index]
            if SessionStarted.type_name in text and json.loads(text).get("event") == SessionStarted.type_name:
                kept, new = [], new[index:]
                break
        self._sessions[sender_id] = _Session(kept + new, time.monotonic())
        self._sessions.move_to_end(sender_id)
        while len(self._sessions) > self.cache_size:
            self._sessions.popitem(last=False)
