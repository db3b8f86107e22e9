"""A newcomer's terminal: ``make run`` and ``make train`` print progress, our own lines and *Ready*, no library warnings.

Both commands used to print some 20 deprecation notices of Rasa's libraries (pkg_resources, click,
sanic_cors, jax, pyparsing, SQLAlchemy...) before *Ready*; ``server/quiet.py`` hides them where they
are shown, in each server process. These tests run the two make targets as the README does, with
only the ports, ``VAR_DIR`` and the model folder changed, and read everything they print (stdout and
stderr together). ``-o .venv/.installed``: the suite runs after the install (``make test-e2e`` needs it),
and a test never re-runs the installer.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import List

import pytest

from assistant.paths import ROOT
from evaluation.servers import READY, free_port, server_env

# "DeprecationWarning: ", "PyparsingDeprecationWarning: ", "UserWarning: ", "FutureWarning: ", "SADeprecationWarning: "...,
# and Python's warnings routed through logging ("WARNING  py.warnings  - ..."). Our own lines say "warning: ...".
WARNING_LINE = re.compile(r"\b\w*Warning: |py\.warnings")
MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed"]


def warning_lines(output: str) -> List[str]:
    """The lines of ``output`` that show a Python warning."""
    return [line for line in output.splitlines() if WARNING_LINE.search(line)]


def test_the_pattern_finds_the_warnings_make_run_used_to_print() -> None:
    before = """\
/x/site-packages/sanic_cors/extension.py:39: DeprecationWarning: distutils Version classes are deprecated.
  SANIC_VERSION = LooseVersion(sanic_version)
/x/site-packages/matplotlib/fontconfig_pattern.py:66: PyparsingDeprecationWarning: 'setParseAction' deprecated
2026-12-05 17:56:40 WARNING  py.warnings  - /x/rasa/core/tracker_store.py:1166: SADeprecationWarning: Calling URL()
/x/site-packages/foo.py:1: FutureWarning: soon
/x/site-packages/foo.py:1: UserWarning: careful
warning: the action server stopped; the assistant apologises until it is back. Restarting it in 2 s...
Ready. Try:  curl ..."""
    assert len(warning_lines(before)) == 5


@pytest.mark.servers
def test_make_run_prints_no_library_warning_before_ready_and_stops_on_ctrl_c(tmp_path: Path, trained_model) -> None:
    log = tmp_path / "make-run.log"
    env = server_env(RASA_PORT=str(free_port()), ACTION_SERVER_PORT=str(free_port()), WEB_PORT=str(free_port()),
                     VAR_DIR=str(tmp_path / "var"))
    env.pop("SHOW_LIBRARY_WARNINGS", None)
    with log.open("w") as out:
        process = subprocess.Popen([*MAKE, "run"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 600  # a first run trains (make run's own prerequisite)
        while READY not in log.read_text(errors="replace"):
            assert process.poll() is None, f"make run exited with {process.returncode}:\n{log.read_text()[-4000:]}"
            assert time.monotonic() < deadline, f"make run was not ready:\n{log.read_text()[-4000:]}"
            time.sleep(0.25)
        time.sleep(2)  # anything printed just after Ready counts too
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C, as a terminal sends it to the whole group
        process.wait(timeout=30)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)
    output = log.read_text(errors="replace")
    assert warning_lines(output) == [], output
    for line in ("knowledge loaded:", "Starting the Rasa server", "Rasa server is up and running", READY):
        assert line in output, (line, output)  # our own lines and Rasa's log lines still show
    after_ready = output.split(READY, 1)[1].splitlines()[1:]
    # Ctrl-C: the script's one line, nothing restarted or failing; make then reports the interrupt as it always does
    assert [line for line in after_ready if not line.startswith("make: ")] == ["Stopping the assistant."], output


def test_make_train_prints_training_progress_and_no_library_warning(tmp_path: Path) -> None:
    """The Makefile's own training command into a temporary folder, as a first run trains (70-100 s on 2 cores).

    An empty Rasa cache of its own: with the project's ``.rasa/cache`` Rasa restores every component and trains nothing.
    """
    out = tmp_path / "models"
    env = server_env(RASA_CACHE_DIRECTORY=str(tmp_path / "cache"))
    env.pop("SHOW_LIBRARY_WARNINGS", None)
    done = subprocess.run([*MAKE, "train", f"MODEL_DIR={out}"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace", timeout=900)
    output = done.stdout
    assert done.returncode == 0, output[-4000:]
    assert (out / "autoimmune-pain.tar.gz").exists() and (out / ".trained").exists()
    assert "server.rasa_cli train" in output  # the command make echoes is the quiet one
    for line in ("Starting to train component 'DIETClassifier'", "Epochs:", "Your Rasa model is trained"):
        assert line in output, (line, output[-4000:])  # training progress still shows
    assert warning_lines(output) == [], output
