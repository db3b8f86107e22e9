"""tools/endpoints.py: the endpoints file scripts/run.sh gives Rasa follows the run's ports and paths."""

from __future__ import annotations

import yaml

from assistant.paths import ROOT
from tools.endpoints import adjust, main

PROJECT = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
PRODUCTION = yaml.safe_load((ROOT / "deploy" / "endpoints.production.yml").read_text(encoding="utf-8"))


def test_the_action_server_port_and_the_sqlite_path_follow_the_settings():
    adjusted = adjust(PROJECT, {"ACTION_SERVER_PORT": "6123", "CONVERSATIONS_DB": "/tmp/x/conversations.db"})
    assert adjusted["action_endpoint"]["url"] == "http://127.0.0.1:6123/webhook"
    assert adjusted["tracker_store"]["db"] == "/tmp/x/conversations.db"
    assert adjusted["action_endpoint"]["enable_selective_domain"] is True
    assert PROJECT["action_endpoint"]["url"] == "http://127.0.0.1:5055/webhook"  # the source is not changed


def test_without_settings_the_file_is_unchanged():
    assert adjust(PROJECT, {}) == PROJECT


def test_placeholders_and_remote_action_servers_are_left_alone():
    assert adjust(PRODUCTION, {"ACTION_SERVER_PORT": "6123", "CONVERSATIONS_DB": "/tmp/x.db"}) == PRODUCTION
    remote = {"action_endpoint": {"url": "https://assistant.clinic.example/webhook"}}
    assert adjust(remote, {"ACTION_SERVER_PORT": "6123"}) == remote


def test_the_command_writes_a_file_rasa_reads(tmp_path, monkeypatch):
    from rasa.utils.endpoints import read_endpoint_config

    out = tmp_path / "var" / "endpoints.yml"
    assert main([str(ROOT / "endpoints.yml"), str(out)], env={"ACTION_SERVER_PORT": "6001"}) == 0
    assert read_endpoint_config(str(out), "action_endpoint").url == "http://127.0.0.1:6001/webhook"
    assert main([str(tmp_path / "missing.yml"), str(out)], env={}) == 1
