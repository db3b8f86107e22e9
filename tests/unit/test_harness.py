"""The end-to-end harness starts servers with the environment a shell would give them."""

from __future__ import annotations

from evaluation.servers import server_env


def test_a_log_level_rasa_left_in_this_process_is_not_passed_on(monkeypatch):
    """Rasa's set_log_level writes LOG_LEVEL into os.environ of any process that loaded it (bin/ask's Asker):
    servers started from there would print no INFO lines ("Rasa server is up and running", training progress)."""
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    monkeypatch.setenv("LOG_LEVEL_LIBRARIES", "ERROR")
    env = server_env()
    assert "LOG_LEVEL" not in env and "LOG_LEVEL_LIBRARIES" not in env
    assert server_env(LOG_LEVEL="DEBUG")["LOG_LEVEL"] == "DEBUG"  # asked for explicitly: kept
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
