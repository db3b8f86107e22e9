"""Conversations survive a restart of the Rasa server (SQLite tracker store)."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from assistant.knowledge import load_knowledge
from evaluation.servers import Assistant
from tests.e2e.expect import typed

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()


def user_turns(db, sender):
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (f"rest:{sender}",)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_conversation_goes_on_after_a_restart(tmp_path):
    """Ctrl-C and ``make run`` again: the same conversation goes on from the SQLite store."""
    assistant = Assistant(tmp_path)
    db = assistant.var_dir / "conversations.db"
    sender = f"restart-{uuid.uuid4().hex}"
    try:
        assistant.start()
        assistant.send(sender, "hello")
        assistant.send(sender, "what is fibromyalgia?")
        assistant.stop()
        assert user_turns(db, sender) == ["hello", "what is fibromyalgia?"]

        assistant.start()
        reply = assistant.send(sender, "does stress make it worse?")
        # the conversation's subject (a slot in the store) survives the restart: fibromyalgia's stress answer
        stress = typed(KNOWLEDGE, "does stress make it worse?", "fibromyalgia", after="fibromyalgia")
        assert reply[0]["text"].startswith(stress.answer)
        assert user_turns(db, sender) == ["hello", "what is fibromyalgia?", "does stress make it worse?"]
    finally:
        assistant.stop()
