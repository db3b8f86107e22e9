"""Conversations survive a restart of the Rasa server (SQLite tracker store)."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from actions.knowledge import load_knowledge
from tests.e2e.servers import Servers, free_port

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()


def user_turns(db, sender):
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (f"rest:{sender}",)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_conversation_goes_on_after_a_restart(tmp_path):
    db = tmp_path / "conversations.db"
    servers = Servers(tmp_path, free_port(), free_port())
    sender = f"restart-{uuid.uuid4().hex}"
    try:
        servers.start_action_server()
        servers.start_rasa(tracker_db=db)
        servers.send(sender, "hello")
        servers.send(sender, "what is fibromyalgia?")
        servers.rasa.terminate()
        servers.rasa.wait(timeout=30)
        assert user_turns(db, sender) == ["hello", "what is fibromyalgia?"]

        servers.start_rasa(tracker_db=db)
        reply = servers.send(sender, "does stress make it worse?")
        assert reply[0]["text"].startswith(KNOWLEDGE.topic("stress").answer)
        assert user_turns(db, sender) == ["hello", "what is fibromyalgia?", "does stress make it worse?"]
    finally:
        servers.stop_all()
