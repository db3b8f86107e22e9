"""The retention command deletes whole conversations older than the cut-off, and nothing else."""

from __future__ import annotations

import time

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from tools.retention import database_url, main, purge

DAY = 86400.0


async def _store(db, conversations):
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    for sender, timestamps in conversations.items():
        events = []
        for ts in timestamps:
            events += [ActionExecuted("action_listen", timestamp=ts), UserUttered("hi", timestamp=ts)]
        await store.save(DialogueStateTracker.from_events(sender, events))
    return store


async def test_old_conversations_go_recent_ones_stay(tmp_path):
    now = time.time()
    db = tmp_path / "conversations.db"
    await _store(db, {
        "old": [now - 200 * DAY, now - 190 * DAY],
        "mixed": [now - 200 * DAY, now - 1 * DAY],  # still active: kept whole
        "new": [now - 2 * DAY],
    })
    url = f"sqlite:///{db}"
    assert purge(url, days=90, dry_run=True, now=now).conversations == 1
    result = purge(url, days=90, now=now)
    assert result.conversations == 1 and result.events >= 4
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    assert sorted(await store.keys()) == ["mixed", "new"]
    assert len([e for e in (await store.retrieve("mixed")).events if isinstance(e, UserUttered)]) == 2
    assert purge(url, days=90, now=now).conversations == 0


def test_database_url_comes_from_the_endpoints_file(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tmp_path / "x.db"}"\n')
    assert database_url(endpoints) == f"sqlite:///{tmp_path / 'x.db'}"


def test_database_url_of_the_projects_own_endpoints():
    from assistant.paths import ROOT

    assert database_url(ROOT / "endpoints.yml") == f"sqlite:///{ROOT / 'var' / 'conversations.db'}"


def test_command_rejects_a_non_positive_number_of_days(capsys):
    assert main(["--days", "0"]) == 2
    assert "--days" in capsys.readouterr().err
