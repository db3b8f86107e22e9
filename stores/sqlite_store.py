"""Rasa's SQL tracker store on SQLite, without a disk flush on every turn.

WAL journal with ``synchronous=NORMAL``: a crash of the server loses nothing;
a power cut may lose the last turns. Measured in docs/benchmarks.md: the
plain store made every turn wait for a disk flush.
"""

from __future__ import annotations

from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class SQLiteTrackerStore(SQLTrackerStore):
    """SQLTrackerStore fixed to SQLite, tuned for one server process."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[Text] = None,
        db: Text = "var/conversations.db",
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("dialect", None)
        super().__init__(domain=domain, dialect="sqlite", db=db, event_broker=event_broker, **kwargs)
        sa.event.listen(self.engine, "connect", _pragmas)
