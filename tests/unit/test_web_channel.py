"""The socket.io channel's safeguards and the demo page server, without a Rasa server."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import jwt
import pytest

from assistant.knowledge import load_knowledge
from channels.sessions import SECRET_ENV, SessionSigner, load_secret
from channels.socketio import GuardedSocketIOInput, allowed_origins
from tools.web import assistant_url, content_security_policy, make_server


@pytest.fixture
def signer() -> SessionSigner:
    return SessionSigner(b"0123456789abcdef0123456789abcdef")


def test_issued_session_ids_are_random_and_valid(signer: SessionSigner) -> None:
    ids = {signer.issue() for _ in range(200)}
    assert len(ids) == 200
    assert all(signer.is_valid(session_id) for session_id in ids)
    assert all(len(session_id.split(".")[0]) == 32 for session_id in ids)


@pytest.mark.parametrize("requested", ["alice", "", None, 42, "a" * 32 + "." + "0" * 32, "x.y.z", ["list"]])
def test_ids_not_issued_here_are_replaced(signer: SessionSigner, requested: object) -> None:
    confirmed = signer.confirm(requested)
    assert confirmed != requested
    assert signer.is_valid(confirmed)


def test_an_issued_id_is_kept_and_a_tampered_one_is_not(signer: SessionSigner) -> None:
    issued = signer.issue()
    assert signer.confirm(issued) == issued
    token, signature = issued.split(".")
    tampered = f"{token[:-1]}{'0' if token[-1] != '0' else '1'}.{signature}"
    assert signer.confirm(tampered) != tampered
    other = SessionSigner(b"another secret, 32 bytes long!!!")
    assert not other.is_valid(issued)


def test_secret_from_environment_or_a_private_file(tmp_path: Path) -> None:
    assert load_secret(tmp_path / "k", {SECRET_ENV: "from-the-environment-123"}) == b"from-the-environment-123"
    key_file = tmp_path / "var" / "socketio-session.key"
    first = load_secret(key_file, {})
    assert len(first) == 64 and key_file.stat().st_mode & 0o777 == 0o600
    assert load_secret(key_file, {}) == first  # survives a restart
    with pytest.raises(ValueError, match=SECRET_ENV):
        SessionSigner(b"short")


def test_allowed_origins() -> None:
    assert allowed_origins("https://clinic.example, https://www.clinic.example/") == [
        "https://clinic.example", "https://www.clinic.example"]
    assert allowed_origins("") == ["http://localhost:8080", "http://127.0.0.1:8080"]
    with pytest.raises(ValueError, match="any website"):
        allowed_origins("*")


def test_jwt_check_at_connect() -> None:
    open_channel = GuardedSocketIOInput.from_credentials({"session_persistence": True})
    assert open_channel._decode_jwt(None)
    channel = GuardedSocketIOInput.from_credentials({"jwt_key": "clinic-secret", "session_persistence": True})
    good = jwt.encode({"sub": "visitor", "exp": int(time.time()) + 60}, "clinic-secret", algorithm="HS256")
    expired = jwt.encode({"sub": "visitor", "exp": int(time.time()) - 60}, "clinic-secret", algorithm="HS256")
    forged = jwt.encode({"sub": "visitor"}, "not-the-secret", algorithm="HS256")
    assert channel._decode_jwt({"token": good})
    assert not channel._decode_jwt(None)
    assert not channel._decode_jwt({"token": expired})
    assert not channel._decode_jwt({"token": forged})


def test_jwt_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCKETIO_JWT_KEY", "env-secret")
    channel = GuardedSocketIOInput.from_credentials({})
    assert channel.jwt_key == "env-secret"


def test_assistant_url() -> None:
    assert assistant_url({}) == "http://localhost:5005"
    assert assistant_url({"RASA_PORT": "6000"}) == "http://localhost:6000"
    assert assistant_url({"RASA_PUBLIC_URL": "https://chat.clinic.example/"}) == "https://chat.clinic.example"


def test_content_security_policy_allows_only_the_assistant() -> None:
    policy = content_security_policy("https://chat.clinic.example")
    assert "connect-src 'self' https://chat.clinic.example wss://chat.clinic.example;" in policy
    assert "script-src 'self';" in policy and "unsafe-eval" not in policy


@pytest.fixture
def page_server(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "index.html").write_text("<p>hello</p>")
    (tmp_path / "sub").mkdir()
    (tmp_path.parent / "secret.txt").write_text("outside")
    server = make_server("127.0.0.1", 0, tmp_path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_page_server_serves_files_with_security_headers(page_server: str) -> None:
    with urllib.request.urlopen(page_server + "/", timeout=5) as response:
        assert response.read() == b"<p>hello</p>"
        assert f"connect-src 'self' {assistant_url()}" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    with urllib.request.urlopen(page_server + "/config.js", timeout=5) as response:
        number = load_knowledge().emergency.emergency_number
        expected = {"socketUrl": assistant_url(), "emergencyNumber": number}
        assert response.read().decode() == f"window.ASSISTANT = {json.dumps(expected)};\n"


def test_page_server_lists_nothing_and_stays_in_its_folder(page_server: str) -> None:
    assert _status(page_server + "/sub/") == 404
    assert _status(page_server + "/../secret.txt") == 404
    assert _status(page_server + "/%2e%2e/secret.txt") == 404


@pytest.mark.parametrize("signature", ["é" * 32, "Z" * 32, "0" * 31, "0" * 33])
def test_odd_signatures_are_refused_without_error(signer: SessionSigner, signature: str) -> None:
    token = signer.issue().split(".")[0]
    assert not signer.is_valid(f"{token}.{signature}")
    assert signer.is_valid(signer.confirm(f"{token}.{signature}"))


def test_an_empty_key_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    key_file = tmp_path / "socketio-session.key"
    key_file.write_bytes(b"")
    with pytest.raises(ValueError, match="socketio-session.key"):
        load_secret(key_file, {})


@pytest.mark.parametrize("host", ["evil.example", "evil.example:5005", "evil; script-src *", "a b"])
def test_a_strange_host_header_cannot_reach_the_policy(page_server: str, host: str) -> None:
    request = urllib.request.Request(page_server + "/config.js", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=5) as response:
        policy = response.headers["Content-Security-Policy"]
        assert "evil" not in policy and "a b" not in policy
        number = load_knowledge().emergency.emergency_number
        expected = {"socketUrl": assistant_url(), "emergencyNumber": number}
        assert response.read().decode() == f"window.ASSISTANT = {json.dumps(expected)};\n"


def test_one_connection_per_session_and_one_session_per_connection():
    from channels.socketio import _Links

    links = _Links()
    assert links.hold("c1", "s1") == (None, None)
    assert links.hold("c1", "s1") == (None, None)  # asked again: nothing changes
    assert links.hold("c2", "s1") == ("c1", None)  # the session moves: the earlier connection is closed
    assert links.sessions == {"c2": "s1"} and links.holders == {"s1": "c2"}
    assert links.hold("c2", "s2") == (None, "s1")  # the connection takes a new session: it leaves the old one
    assert links.holders == {"s2": "c2"}
    links.drop("c2")
    assert links.sessions == {} and links.holders == {}
