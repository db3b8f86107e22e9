"""Delete conversations older than a number of days from the SQL conversation store.

``python -m tools.retention --days 90 [--endpoints endpoints.yml] [--dry-run]``

A conversation is deleted whole when its latest event is older than the
cut-off, so no conversation is left half-deleted. The database is the
``tracker_store`` of the endpoints file (SQLite by default, PostgreSQL in
production). Defaults: ``RETENTION_DAYS`` from the environment, else 90.

The files stay private: a missing SQLite database is not created, the command
runs with umask 077, and the database and its journal files are left with
mode 0600 (tightened if they were wider).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from assistant.paths import ROOT


@dataclass(frozen=True)
class Purge:
    """What a retention run found or deleted."""

    conversations: int
    events: int


def database_url(endpoints: Path) -> str:
    """The SQLAlchemy URL of the endpoints file's SQL tracker store."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(endpoints), "tracker_store")
    kind = str(config.type) if config is not None else ""
    if kind.lower() != "sql" and not kind.endswith("SQLiteTrackerStore"):
        raise SystemExit(f"{endpoints}: no SQL tracker_store configured; nothing to do")
    kwargs = dict(config.kwargs)
    if kind.endswith("SQLiteTrackerStore"):
        kwargs["dialect"] = "sqlite"
        kwargs.setdefault("db", "var/conversations.db")
    db = kwargs.get("db", "rasa.db")
    if kwargs.get("dialect", "sqlite") == "sqlite" and not Path(db).is_absolute():
        db = str(ROOT / db)  # rasa runs from the project root
    return str(
        SQLTrackerStore.get_db_url(
            kwargs.get("dialect", "sqlite"), config.url, kwargs.get("port"), db,
            kwargs.get("username"), kwargs.get("password"), kwargs.get("login_db"), kwargs.get("query"),
        )
    )


def sqlite_path(url: str) -> Optional[Path]:
    """The database file of a SQLite URL, else None."""
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def purge(url: str, days: float, dry_run: bool = False, now: Optional[float] = None) -> Purge:
    """Delete (or count) the conversations whose last event is older than ``days``."""
    from server.privacy import make_private
    from stores.sqlite_store import database_files

    db = sqlite_path(url)
    if db is not None and not db.exists():
        return Purge(0, 0)  # nothing stored yet; do not create an empty database
    try:
        return _purge(url, days, dry_run, now)
    finally:
        if db is not None:
            make_private(database_files(db))


def _purge(url: str, days: float, dry_run: bool, now: Optional[float]) -> Purge:
    import sqlalchemy as sa

    cutoff = (now if now is not None else time.time()) - days * 86400
    engine = sa.create_engine(url)
    old = sa.text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff")
    with engine.begin() as connection:
        if not sa.inspect(connection).has_table("events"):
            return Purge(0, 0)
        senders = [row[0] for row in connection.execute(old, {"cutoff": cutoff})]
        events = 0
        for sender in senders:
            if dry_run:
                events += connection.execute(
                    sa.text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender}
                ).scalar()
            else:
                events += connection.execute(sa.text("DELETE FROM events WHERE sender_id = :s"), {"s": sender}).rowcount
    engine.dispose()
    return Purge(len(senders), events)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=float, default=float(os.environ.get("RETENTION_DAYS", "90")))
    parser.add_argument("--endpoints", type=Path, default=ROOT / os.environ.get("ENDPOINTS", "endpoints.yml"))
    parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    args = parser.parse_args(argv)
    os.umask(0o077)  # anything SQLite makes (journal files) is private
    if args.days <= 0:
        print("--days must be more than 0", file=sys.stderr)
        return 2
    result = purge(database_url(args.endpoints), args.days, args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(f"{verb} {result.conversations} conversations ({result.events} events) older than {args.days:g} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
