"""Fixtures that need the trained model and running servers."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.e2e.servers import MODEL, Servers, free_port


@pytest.fixture(scope="session")
def trained_model():
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` (make test does it)")
    return MODEL


@pytest.fixture(scope="session")
def web_port() -> int:
    """The port the chat page is served on in the browser test; the only origin the socket.io channel accepts."""
    return free_port()


@pytest.fixture(scope="session")
def servers(tmp_path_factory, trained_model, web_port: int) -> Iterator[Servers]:
    """Both servers on free localhost ports for the whole session."""
    running = Servers(tmp_path_factory.mktemp("servers"), free_port(), free_port())
    try:
        running.start_action_server()
        running.start_rasa(env={"RASA_CORS_ORIGINS": f"http://127.0.0.1:{web_port}"})
        yield running
    finally:
        running.stop_all()
