"""The terminal command gives the same answer as the bot, without servers."""

from __future__ import annotations

import subprocess

from assistant.knowledge import load_knowledge
from assistant.paths import ROOT
from evaluation.servers import server_env
from tests.e2e.expect import typed

KNOWLEDGE = load_knowledge()


def test_ask_prints_the_bots_answer(trained_model):
    result = subprocess.run(
        [str(ROOT / "bin" / "ask"), "why is diagnosis so hard?"],
        cwd=ROOT, env=server_env(), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert typed(KNOWLEDGE, "why is diagnosis so hard?").answer in out
    assert KNOWLEDGE.disclaimer in out
    assert "1. " in out  # buttons as numbered options
    assert "why is diagnosis so hard" not in out  # the question is not echoed into logs
    # The front desk sees what is happening and the answer, no library warnings.
    assert result.stderr.strip().splitlines() == ["Loading the assistant's model (about 15 seconds)..."]


def test_ask_without_a_question_explains_usage():
    result = subprocess.run([str(ROOT / "bin" / "ask")], cwd=ROOT, env=server_env(), capture_output=True, text=True)
    assert result.returncode == 2
    assert "usage" in result.stderr
