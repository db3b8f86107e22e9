"""Start the assistant exactly as ``make run`` does, for the end-to-end tests and ``make bench``.

:class:`Assistant` runs ``scripts/run.sh`` (action server, Rasa server, demo
page) with only its ports and its files' folder (``VAR_DIR``) changed, plus
whatever settings a caller adds through the environment, as an operator would.
It stops the script the way Ctrl-C does, with SIGINT to its process group.
"""

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

from assistant.paths import ROOT, SCRIPTS_DIR

RUN_SCRIPT = SCRIPTS_DIR / "run.sh"
READY = "Ready."


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Rasa's set_log_level writes LOG_LEVEL into the environment of any process that loads Rasa in-process
# (bin/ask's Asker, the NLU evaluation): servers started from such a process would inherit WARNING and print
# none of their INFO lines. A shell that runs `make run` has none of it.
INHERITED_BY_ACCIDENT = ("LOG_LEVEL", "LOG_LEVEL_LIBRARIES")


def server_env(**extra: str) -> Dict[str, str]:
    """This environment as a shell would pass it (no log level Rasa left behind), no telemetry, quiet TensorFlow,
    plus ``extra``."""
    env = {key: value for key, value in os.environ.items() if key not in INHERITED_BY_ACCIDENT}
    env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3", SQLALCHEMY_SILENCE_UBER_WARNING="1")
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


def stop(process: Optional[subprocess.Popen]) -> None:
    """Stop one process (SIGINT, then SIGKILL)."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def children(pid: int) -> List[int]:
    """The live child processes of ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def command_line(pid: int) -> str:
    """The command line of ``pid``, or ``""`` when it is gone."""
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@dataclass
class Assistant:
    """One ``scripts/run.sh``: the three servers on free ports, files under ``workdir/var``."""

    workdir: Path
    env: Dict[str, str] = field(default_factory=dict)
    rasa_port: int = field(default_factory=free_port)
    action_port: int = field(default_factory=free_port)
    web_port: Optional[int] = None  # None: no demo page (WEB_PORT=off)
    process: Optional[subprocess.Popen] = None

    @property
    def var_dir(self) -> Path:
        return self.workdir / "var"

    @property
    def log(self) -> Path:
        return self.workdir / "run.log"

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    def run_env(self) -> Dict[str, str]:
        """The environment ``scripts/run.sh`` gets: ports, ``VAR_DIR`` and the caller's settings."""
        return server_env(
            RASA_PORT=str(self.rasa_port),
            ACTION_SERVER_PORT=str(self.action_port),
            WEB_PORT=str(self.web_port) if self.web_port else "off",
            VAR_DIR=str(self.var_dir),
            **self.env,
        )

    def start(self, wait: bool = True) -> Assistant:
        """Run the script in a process group of its own, as a terminal runs ``make run``."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["bash", str(RUN_SCRIPT)], cwd=ROOT, env=self.run_env(), stdin=subprocess.DEVNULL,
            stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 300) -> None:
        """Wait for the script's ``Ready.`` line, or fail with its output."""
        assert self.process is not None, "start() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if READY in self.output():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"scripts/run.sh exited with {self.process.returncode}:\n{self.output()[-4000:]}")
            time.sleep(0.25)
        raise TimeoutError(f"scripts/run.sh was not ready in {timeout}s:\n{self.output()[-4000:]}")

    def output(self) -> str:
        """What the script and its servers printed so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def server_pid(self, module: str) -> Optional[int]:
        """The pid of the child running ``module`` (``actions.server``, ``rasa_cli run``, ``tools.web``)."""
        assert self.process is not None, "start() first"
        for pid in children(self.process.pid):
            if module in command_line(pid):
                return pid
        return None

    def all_pids(self) -> List[int]:
        """The script and its live children."""
        if self.process is None or self.process.poll() is not None:
            return []
        return [self.process.pid, *children(self.process.pid)]

    def send(self, sender: str, message: str, timeout: float = 30) -> List[Dict[str, Any]]:
        """Post one message to the REST webhook and return the bot's messages."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(self.rest_url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def interrupt(self) -> None:
        """Ctrl-C: SIGINT to the script's process group."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)

    def stop(self, timeout: float = 30) -> None:
        """Ctrl-C, then SIGKILL to the group if anything is left after ``timeout`` seconds."""
        if self.process is None:
            return
        self.interrupt()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if self.process.poll() is None:
            self.process.wait(timeout=5)
