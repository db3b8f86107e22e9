"""Faults: the action server goes away mid-conversation, or starts with a broken knowledge file."""

from __future__ import annotations

import subprocess
import uuid

import pytest
import yaml

from actions.knowledge import DEFAULT_KNOWLEDGE_PATH, load_knowledge
from tests.e2e.servers import PYTHON, ROOT, free_port, server_env

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()


def test_action_server_down_gives_an_apology_not_silence(servers):
    sender = f"fault-{uuid.uuid4().hex}"
    assert servers.send(sender, "what is lupus?")[0]["text"].startswith(KNOWLEDGE.topic("lupus").answer)
    servers.action.terminate()
    servers.action.wait(timeout=15)
    try:
        replies = servers.send(sender, "does stress make it worse?")
        assert len(replies) == 1
        text = replies[0]["text"]
        assert text.startswith(KNOWLEDGE.messages["action_unavailable"])
        assert text.endswith(KNOWLEDGE.disclaimer)
        # the Rasa server keeps serving
        assert servers.send(sender, "hello")[0]["text"].startswith(KNOWLEDGE.messages["action_unavailable"])
    finally:
        servers.start_action_server()
    # back to normal, same conversation
    assert servers.send(sender, "does stress make it worse?")[0]["text"].startswith(KNOWLEDGE.topic("stress").answer)


def test_action_server_refuses_to_start_with_a_broken_knowledge_file(tmp_path):
    data = yaml.safe_load(DEFAULT_KNOWLEDGE_PATH.read_text(encoding="utf-8"))
    next(t for t in data["topics"] if t["id"] == "stress")["related"] = ["no_such_topic"]
    broken = tmp_path / "knowledge.yml"
    broken.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = subprocess.run(
        [str(PYTHON), "-m", "actions.server", "--port", str(free_port())],
        cwd=ROOT, env=server_env(KNOWLEDGE_FILE=str(broken)), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "action server not started" in result.stderr
    assert "topic 'stress': unknown related topic 'no_such_topic'" in result.stderr
    assert "Traceback" not in result.stderr
