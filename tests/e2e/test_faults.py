"""Faults: the action server goes away mid-conversation, or starts with a broken knowledge file."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid

import pytest

from assistant.knowledge import load_knowledge
from assistant.paths import PYTHON, ROOT
from evaluation.servers import free_port, server_env
from tests.e2e.expect import typed

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()


def test_action_server_down_gives_an_apology_not_silence_and_comes_back(servers):
    """The action server dies mid-conversation: an apology, never silence; ``scripts/run.sh`` restarts it."""
    sender = f"fault-{uuid.uuid4().hex}"
    assert servers.send(sender, "what is lupus?")[0]["text"].startswith(typed(KNOWLEDGE, "what is lupus?", "lupus").answer)
    crashed = servers.server_pid("actions.server")
    assert crashed is not None
    os.kill(crashed, signal.SIGKILL)
    time.sleep(0.2)  # the script waits 2 s before it starts the action server again
    replies = servers.send(sender, "does stress make it worse?")
    assert len(replies) == 1
    text = replies[0]["text"]
    assert text.startswith(KNOWLEDGE.messages["action_unavailable"])
    assert text.endswith(KNOWLEDGE.disclaimer)
    # back to normal, same conversation, after the restart
    deadline = time.monotonic() + 90
    while "The action server is back." not in servers.output():
        assert time.monotonic() < deadline, servers.output()[-3000:]
        time.sleep(0.5)
    assert servers.server_pid("actions.server") not in (None, crashed)
    stress = typed(KNOWLEDGE, "does stress make it worse?", "lupus", after="lupus")  # the subject is kept
    assert servers.send(sender, "does stress make it worse?")[0]["text"].startswith(stress.answer)


def test_action_server_refuses_to_start_with_a_broken_knowledge_file(knowledge_copy):
    broken = knowledge_copy.edit(
        "topics.yml", lambda d: next(t for t in d["topics"] if t["id"] == "stress").update(related=["no_such_topic"]))
    result = subprocess.run(
        [str(PYTHON), "-m", "actions.server", "--port", str(free_port())],
        cwd=ROOT, env=server_env(KNOWLEDGE_FILE=str(broken)), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "action server not started" in result.stderr
    assert "topic 'stress': unknown related topic 'no_such_topic'" in result.stderr
    assert "Traceback" not in result.stderr
