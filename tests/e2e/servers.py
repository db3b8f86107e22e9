"""Start and stop the action server and the Rasa server on localhost for tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
RASA = ROOT / ".venv" / "bin" / "rasa"
MODEL = ROOT / "models" / "autoimmune-pain.tar.gz"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**extra: str) -> Dict[str, str]:
    """Environment for the servers: no telemetry, quiet TensorFlow."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="3",
        TF_INTER_OP_PARALLELISM_THREADS="1",
        TF_INTRA_OP_PARALLELISM_THREADS="1",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
    )
    env.update(extra)
    return env


def wait_http(url: str, process: subprocess.Popen, timeout: float, log: Path) -> None:
    """Wait until ``url`` answers 200, or fail with the server's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not come up in {timeout}s:\n{log.read_text()[-3000:]}")


def web_channels_only(out: Path) -> Path:
    """Write credentials.yml without its messaging connectors (their ``${VAR}``s are unset in tests) to ``out``."""
    from tools.credentials import DEFAULT_SOURCE, select, write

    write(select(DEFAULT_SOURCE.read_text(encoding="utf-8"), env={}), out, DEFAULT_SOURCE)
    return out


def stop(process: Optional[subprocess.Popen]) -> None:
    """Stop a server started by :func:`start_*` (SIGINT, then SIGKILL)."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@dataclass
class Servers:
    """A running action server and Rasa server."""

    workdir: Path
    action_port: int
    rasa_port: int
    action: Optional[subprocess.Popen] = None
    rasa: Optional[subprocess.Popen] = None
    logs: List[Path] = field(default_factory=list)

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    def start_action_server(self, env: Optional[Dict[str, str]] = None, wait: bool = True) -> subprocess.Popen:
        log = self.workdir / "action-server.log"
        self.logs.append(log)
        self.action = subprocess.Popen(
            [str(PYTHON), "-m", "actions.server", "--port", str(self.action_port)],
            cwd=ROOT, env=env or server_env(), stdout=log.open("w"), stderr=subprocess.STDOUT,
        )
        if wait:
            wait_http(f"http://127.0.0.1:{self.action_port}/health", self.action, 60, log)
        return self.action

    def start_rasa(
        self,
        extra_args: Optional[List[str]] = None,
        tracker_db: Optional[Path] = None,
        endpoints: Optional[Path] = None,
        env: Optional[Dict[str, str]] = None,
        wait: bool = True,
        credentials: Optional[Path] = None,
    ) -> subprocess.Popen:
        """Start the Rasa server; conversations in memory, or in SQLite at ``tracker_db``.

        ``endpoints`` replaces the generated endpoints file (``tracker_db`` is then ignored),
        ``env`` adds environment variables (Rasa fills ``${VAR}`` in the endpoints file from them),
        ``wait=False`` returns at once: call :meth:`wait_rasa` later.
        ``credentials`` replaces the default: the web channels of credentials.yml, no messaging connector.
        """
        if credentials is None:
            credentials = web_channels_only(self.workdir / "credentials.yml")
        if endpoints is None:
            endpoints = self.workdir / "endpoints.yml"
            text = f'action_endpoint:\n  url: "http://127.0.0.1:{self.action_port}/webhook"\n  enable_selective_domain: true\n'
            if tracker_db is not None:
                text += f'tracker_store:\n  type: stores.sqlite_store.SQLiteTrackerStore\n  db: "{tracker_db}"\n'
            endpoints.write_text(text)
        log = self.workdir / "rasa.log"
        self.logs.append(log)
        self.rasa = subprocess.Popen(
            [str(RASA), "run", "--model", str(MODEL), "--interface", "127.0.0.1", "--port", str(self.rasa_port),
             "--credentials", str(credentials), "--endpoints", str(endpoints), *(extra_args or [])],
            cwd=ROOT, env=server_env(**(env or {})), stdout=log.open("w"), stderr=subprocess.STDOUT,
        )
        if wait:
            self.wait_rasa()
        return self.rasa

    def wait_rasa(self, timeout: float = 240) -> None:
        """Wait until the Rasa server started by :meth:`start_rasa` answers."""
        assert self.rasa is not None, "start_rasa() first"
        wait_http(f"http://127.0.0.1:{self.rasa_port}/", self.rasa, timeout, self.workdir / "rasa.log")

    def send(self, sender: str, message: str, timeout: float = 30) -> List[Dict[str, Any]]:
        """Post one message to the REST webhook and return the bot's messages."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(self.rest_url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def stop_all(self) -> None:
        stop(self.rasa)
        stop(self.action)
