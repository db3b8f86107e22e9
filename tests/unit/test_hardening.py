"""Issue 11 without servers: input cleaning, session expiry, pseudonyms, private files, signatures, replays, page server."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import stat
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.facebook import signature_is_valid, without_replays
from channels.guard import guard, unread_reply
from channels.inputs import clean_text, is_too_long, max_message_chars, request_max_bytes, too_long_text
from channels.replays import RecentIds
from channels.sessions import SessionSigner, max_age_seconds
from server.privacy import load_key, pseudonym, warn_if_wider
from stores.sqlite_store import SQLiteTrackerStore
from tools.retention import purge
from tools.web import assistant_url, make_server

DAY = 86400.0


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would make files readable by everyone, as a careless shell has."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# --- input ------------------------------------------------------------------------------------------------------


def test_odd_characters_are_removed_and_text_kept() -> None:
    assert clean_text("why\x00 does\ud800 lupus\x1b hurt?\udfff") == "why does lupus hurt?"
    assert clean_text("line one\nline two\ttab, 😭 لماذا") == "line one\nline two\ttab, 😭 لماذا"
    # a phone's curly apostrophe: the red-flag rules read it like a straight one
    assert clean_text("i can\u2019t breathe") == "i can't breathe"
    from assistant.safety import assess

    assert assess(clean_text("i can\u2019t breathe")).level == "emergency"
    clean_text("why\ud800").encode("utf-8")  # no UnicodeEncodeError downstream


def test_the_cap_counts_characters_and_comes_from_the_environment() -> None:
    assert max_message_chars({}) == 2000
    assert max_message_chars({"MAX_MESSAGE_CHARS": "500"}) == 500
    with pytest.raises(ValueError, match="MAX_MESSAGE_CHARS"):
        max_message_chars({"MAX_MESSAGE_CHARS": "lots"})
    assert not is_too_long("😭" * 2000, 2000) and is_too_long("a" * 2001, 2000)
    assert request_max_bytes(2000) >= len(('{"message": "' + "\\ud83d\\ude00" * 1000 + '"}').encode())


async def test_a_message_over_the_cap_gets_the_short_reply_and_never_reaches_the_nlu() -> None:
    channel = CollectingOutputChannel()
    reached = []

    async def nlu(message: UserMessage) -> None:
        reached.append(message.text)
        await message.output_channel.send_response(message.sender_id, {"text": "an answer"})

    await guard(nlu)(UserMessage("a" * 2001, channel, "long"))
    await guard(nlu)(UserMessage("why\ud800 lupus", channel, "odd"))
    assert reached == ["why lupus"]
    assert [m["text"] for m in channel.messages] == [unread_reply("message_too_long"), "an answer"]
    assert unread_reply("message_too_long").startswith(too_long_text()) and "115" in unread_reply("message_too_long")
    assert "shorter" in too_long_text() and "2000" in too_long_text()


# --- identifiers in logs ----------------------------------------------------------------------------------------


def test_pseudonyms_are_keyed_stable_and_hide_the_id() -> None:
    key = b"k" * 32
    sender = "whatsapp:+15551234567"
    assert pseudonym(sender, key) == pseudonym(sender, key)
    assert pseudonym(sender, key) != pseudonym(sender, b"other" * 8)
    assert pseudonym(sender, key) != pseudonym("whatsapp:+15551234568", key)
    assert "1555" not in pseudonym(sender, key) and sender not in pseudonym(sender, key)


async def test_the_guard_logs_no_sender_id(caplog: pytest.LogCaptureFixture) -> None:
    sender = "3b9f0c1e8a2d4f6b9c0e1a2b3c4d5e6f.0123456789abcdef0123456789abcdef"  # a socket.io session id

    async def broken(message: UserMessage) -> None:
        raise RuntimeError("tracker store down")

    async def silent(message: UserMessage) -> None:
        return None

    with caplog.at_level(logging.INFO):
        await guard(broken)(UserMessage("hi", CollectingOutputChannel(), sender))
        await guard(silent)(UserMessage("hi", CollectingOutputChannel(), sender))
        await guard(silent)(UserMessage("a" * 5000, CollectingOutputChannel(), sender))
    assert len(caplog.records) >= 3
    assert sender not in caplog.text and sender[:16] not in caplog.text
    assert pseudonym(sender) in caplog.text


# --- socket.io sessions -----------------------------------------------------------------------------------------


def test_session_ids_carry_their_issue_time_and_expire() -> None:
    signer = SessionSigner(b"0123456789abcdef0123456789abcdef", max_age=30 * DAY)
    now = 1_764_057_600.0
    issued = signer.issue(now)
    assert len(issued) == 65 and signer.is_valid(issued, now + 29 * DAY)
    assert not signer.is_valid(issued, now + 31 * DAY)
    assert signer.confirm(issued, now + 31 * DAY) != issued
    assert not signer.is_valid(signer.issue(now + 3600), now)  # "issued" in the future
    assert max_age_seconds({}) == 30 * DAY and max_age_seconds({"SOCKETIO_SESSION_DAYS": "1"}) == DAY


# --- private files ----------------------------------------------------------------------------------------------


async def test_the_store_makes_a_private_directory_database_and_journal(tmp_path: Path, open_umask: None) -> None:
    db = tmp_path / "var" / "conversations.db"
    store = SQLiteTrackerStore(Domain.empty(), db=str(db))
    tracker = DialogueStateTracker.from_events("someone", [UserUttered("hello")])
    await store.save(tracker)
    with store.engine.connect() as connection:  # the journal files exist while a connection is open
        connection.exec_driver_sql("SELECT COUNT(*) FROM events")
        assert mode(db.parent) == 0o700
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert path.exists() and mode(path) == 0o600, (path, oct(mode(path)))


def test_a_key_file_is_private_and_a_wide_one_is_named_in_a_warning(
    tmp_path: Path, open_umask: None, caplog: pytest.LogCaptureFixture
) -> None:
    key_file = tmp_path / "var" / "some.key"
    load_key("NO_SUCH_VARIABLE_SET", key_file, {})
    assert mode(key_file) == 0o600 and mode(key_file.parent) == 0o700
    key_file.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        load_key("NO_SUCH_VARIABLE_SET", key_file, {})
        assert warn_if_wider([key_file]) == [key_file]
    assert str(key_file) in caplog.text and "644" in caplog.text


async def test_retention_keeps_the_database_private_and_creates_none(tmp_path: Path, open_umask: None) -> None:
    missing = tmp_path / "none.db"
    assert purge(f"sqlite:///{missing}", 90).conversations == 0
    assert not missing.exists()
    db = tmp_path / "conversations.db"
    store = SQLiteTrackerStore(Domain.empty(), db=str(db))
    await store.save(DialogueStateTracker.from_events("old", [UserUttered("hello", timestamp=1.0)]))
    db.chmod(0o644)  # as an older version left it
    assert purge(f"sqlite:///{db}", 90).conversations == 1
    assert [oct(mode(p)) for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()] == [oct(0o600)] * len(
        [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]
    )


# --- Facebook signatures and replays ----------------------------------------------------------------------------


def test_facebook_accepts_only_sha256_and_sha1_signatures() -> None:
    secret, body = "app-secret", b'{"object": "page"}'

    def signed(name: str) -> str:
        return f"{name}={hmac.new(secret.encode(), body, getattr(hashlib, name)).hexdigest()}"

    assert signature_is_valid(secret, body, {"X-Hub-Signature-256": signed("sha256")})
    assert signature_is_valid(secret, body, {"X-Hub-Signature": signed("sha1")})
    for header in [signed("md5"), "nonexistent=abc", "__loader__=abc", "md5x=", "sha256", "", "sha256=" + "0" * 64]:
        assert not signature_is_valid(secret, body, {"X-Hub-Signature": header})
    assert not signature_is_valid(secret, body, {"X-Hub-Signature-256": signed("sha1"), "X-Hub-Signature": signed("sha1")})


def test_recent_ids_are_bounded_in_number_and_time() -> None:
    now = [0.0]
    recent = RecentIds(max_size=3, max_age=60, clock=lambda: now[0])
    assert [recent.seen(x) for x in ("a", "b", "a", None, None)] == [False, False, True, False, False]
    for x in ("c", "d", "e"):
        recent.seen(x)
    assert len(recent) == 3 and not recent.seen("a")  # pushed out by size
    now[0] = 61.0
    assert not recent.seen("e") and len(recent) == 1  # the others expired


def test_replayed_messenger_events_are_dropped() -> None:
    recent = RecentIds()

    def payload(*mids: str) -> dict:
        return {"object": "page", "entry": [{"id": "1", "messaging": [{"message": {"mid": m, "text": "hi"}} for m in mids]}]}

    assert len(without_replays(payload("m1", "m2"), recent)["entry"][0]["messaging"]) == 2
    assert [e["message"]["mid"] for e in without_replays(payload("m2", "m3"), recent)["entry"][0]["messaging"]] == ["m3"]


# --- page server ------------------------------------------------------------------------------------------------


@pytest.fixture
def page_root(tmp_path: Path) -> Path:
    root = tmp_path / "web"
    root.mkdir()
    (root / "index.html").write_text("<p>page</p>")
    secret = tmp_path / "secret.txt"
    secret.write_text("conversation export")
    (root / "leak.txt").symlink_to(secret)
    (root / "outside").symlink_to(tmp_path)
    return root


def get(url: str, headers: dict | None = None) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_page_server_ignores_host_stays_in_its_root_and_answers_bad_paths_with_404(
    page_root: Path, capfd: pytest.CaptureFixture
) -> None:
    server = make_server("127.0.0.1", 0, page_root, environ={"RASA_PORT": "5005"})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        status, body, headers = get(f"{base}/config.js", {"Host": "evil.example"})
        assert status == 200 and "evil" not in body and "evil" not in headers["Content-Security-Policy"]
        assert "http://localhost:5005" in body
        assert get(f"{base}/index.html")[0] == 200
        assert get(f"{base}/leak.txt")[0] == 404
        assert get(f"{base}/outside/secret.txt")[0] == 404
        assert get(f"{base}/index.html%00")[0] == 404
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err
    assert assistant_url({"RASA_PUBLIC_URL": "https://chat.clinic.example/"}) == "https://chat.clinic.example"
