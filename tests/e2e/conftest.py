"""Fixtures that need the trained model and running servers.

Every end-to-end test starts the assistant through ``scripts/run.sh``, the
script ``make run`` uses (:class:`evaluation.servers.Assistant`): only the ports
and the folder of its files differ.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from assistant.paths import MODEL
from evaluation.servers import Assistant, free_port


@pytest.fixture(scope="session")
def trained_model():
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` (make test does it)")
    return MODEL


@pytest.fixture(scope="session")
def web_port() -> int:
    """The port ``scripts/run.sh`` serves the demo page on in the session's assistant."""
    return free_port()


@pytest.fixture(scope="session")
def servers(tmp_path_factory, trained_model, web_port: int) -> Iterator[Assistant]:
    """The assistant as ``make run`` starts it, on free localhost ports, for the whole session."""
    running = Assistant(tmp_path_factory.mktemp("servers"), web_port=web_port)
    try:
        running.start()
        yield running
    finally:
        running.stop()
