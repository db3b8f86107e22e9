"""The red-team findings of issue 11, against the running servers: each test failed before the fix.

REST, socket.io and the action server run in the shared ``servers`` fixture;
the messaging platforms (and a SQLite store to look into) in this module's own
servers, started like ``tests/e2e/test_messaging.py`` does.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import http.client
import json
import re
import secrets
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from twilio.request_validator import RequestValidator

from assistant.knowledge import load_knowledge
from channels.sessions import load_secret
from evaluation.servers import Assistant as Servers
from tests.e2e.expect import typed
from tests.e2e.test_messaging import (
    Platforms,
    messenger_event,
    running_platforms,
    slack_event,
    telegram_update,
    to_number,
    to_psid,
    to_slack_channel,
    twilio_form,
)
from tests.e2e.test_socketio import Visitor, _text

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()
DEFAULT_MAX_CHARS = 2000  # MAX_MESSAGE_CHARS unset
JSON = {"Content-Type": "application/json"}
TOO_LONG = "\n".join((KNOWLEDGE.messages["message_too_long"].replace("{max_chars}", str(DEFAULT_MAX_CHARS)),
                      KNOWLEDGE.messages["emergency_line"]))  # unread: it ends with the emergency line


def post(url: str, body: bytes, headers: Dict[str, str], timeout: float = 60) -> Tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def rest(servers: Servers, body: Dict[str, Any], timeout: float = 60) -> Tuple[int, bytes]:
    return post(servers.rest_url, json.dumps(body).encode(), {"Content-Type": "application/json"}, timeout)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def new_sender() -> str:
    return f"hardening-{uuid.uuid4().hex}"


# --- 1. size cap --------------------------------------------------------------------------------------------------


def test_a_100k_character_message_gets_413_fast_and_memory_stays_flat(servers: Servers, capsys) -> None:
    rasa_pid = servers.server_pid("rasa_cli run")
    assert rasa_pid is not None
    servers.send(new_sender(), "hello")  # warm
    before = rss_mb(rasa_pid)
    started = time.monotonic()
    status, body = rest(servers, {"sender": new_sender(), "message": "lupus pain " * 9091}, timeout=20)
    elapsed = time.monotonic() - started
    after = rss_mb(rasa_pid)
    with capsys.disabled():
        print(f"\n100k message: HTTP {status} in {elapsed:.3f} s; Rasa RSS {before:.0f} -> {after:.0f} MB")
    assert status == 413
    assert "error" in json.loads(body)
    assert b"lupus pain" not in body
    assert elapsed < 2
    assert after - before < 100


def test_one_character_over_the_cap_gets_413_and_the_cap_is_counted_in_characters(servers: Servers) -> None:
    status, body = rest(servers, {"sender": new_sender(), "message": "a" * (DEFAULT_MAX_CHARS + 1)})
    assert status == 413 and json.loads(body)["max_message_chars"] == DEFAULT_MAX_CHARS
    status, body = rest(servers, {"sender": new_sender(), "message": "😭" * DEFAULT_MAX_CHARS})  # 8,000 bytes
    assert status == 200 and json.loads(body)


@pytest.mark.parametrize("unit", ["lupus pain ", "a,", "lupus "])
def test_a_message_at_the_cap_is_answered_within_a_second(servers: Servers, unit: str, capsys) -> None:
    message = (unit * DEFAULT_MAX_CHARS)[:DEFAULT_MAX_CHARS]
    servers.send(new_sender(), "hello")  # warm
    started = time.monotonic()
    replies = servers.send(new_sender(), message)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\n{DEFAULT_MAX_CHARS} characters of {unit!r}: answered in {elapsed:.3f} s")
    assert replies
    assert elapsed < 1.0


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(servers: Servers) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", servers.rasa_port, timeout=10)
    try:
        connection.putrequest("POST", "/webhooks/rest/webhook")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(5_000_000))
        connection.endheaders()  # the body is never sent: the server must answer from the length alone
        assert connection.getresponse().status == 413
    finally:
        connection.close()


async def test_socketio_message_over_the_cap_gets_the_shorter_message_reply(servers: Servers, web_port: int) -> None:
    visitor = Visitor(servers, f"http://127.0.0.1:{web_port}")
    try:
        session_id = await visitor.start(None)
        await visitor.ask("lupus pain " * 300, session_id)  # 3,300 characters
        messages = await visitor.wait_for(1)
        assert _text(messages[0]).replace("  \n", "\n") == TOO_LONG  # the widget's Markdown line break
        assert KNOWLEDGE.disclaimer not in _text(messages[0])
    finally:
        await visitor.client.disconnect()


# --- 3, 4, 6: senders, logs, odd input ----------------------------------------------------------------------------


@pytest.mark.parametrize("sender", ["-1001234567890", "-42", "+15551234567"])
def test_platform_shaped_rest_senders_get_400(servers: Servers, sender: str) -> None:
    status, body = rest(servers, {"sender": sender, "message": "hello"})
    assert status == 400
    assert sender.encode() not in body


@pytest.mark.parametrize("text", ["\ud800 why does lupus hurt?", "why\x00 does lupus hurt?\udfff"])
def test_odd_unicode_is_cleaned_before_the_nlu(servers: Servers, text: str) -> None:
    status, body = rest(servers, {"sender": new_sender(), "message": text})
    assert status == 200
    assert json.loads(body)[0]["text"].startswith(typed(KNOWLEDGE, "why does lupus hurt?", "lupus").answer)


def test_the_rasa_log_names_no_sender(servers: Servers) -> None:
    senders = [new_sender() for _ in range(3)]
    start = len(servers.output())  # the session's servers: earlier tests (a killed action server) logged before
    rest(servers, {"sender": senders[0], "message": "\ud800"})  # used to fail in the NLU and log the sender
    rest(servers, {"sender": senders[1], "message": "lupus " * 500})  # over the cap
    rest(servers, {"sender": senders[2], "message": "hello"})
    time.sleep(0.5)
    log = servers.output()[start:]
    assert not [sender for sender in senders if sender in log]
    assert "Traceback" not in log


def test_the_action_server_answers_a_malformed_body_with_400_and_no_echo(servers: Servers) -> None:
    marker = f"echo-{secrets.token_hex(8)}"
    url = f"http://127.0.0.1:{servers.action_port}/webhook"
    for body in [b'{"next_action": "' + marker.encode(), json.dumps({"next_action": marker}).encode(),
                 json.dumps([marker]).encode(), json.dumps({"next_action": 5, "tracker": marker}).encode()]:
        status, answer = post(url, body, {"Content-Type": "application/json"})
        assert status == 400, (status, answer[:200])
        assert marker.encode() not in answer


# --- 4. socket.io sessions ----------------------------------------------------------------------------------------


def _signed_id(servers: Servers, issued: float) -> str:
    """A session id in the server's own form, signed with its secret (kept under its ``VAR_DIR``), issued at ``issued``."""
    token = f"{int(issued):08x}" + secrets.token_hex(12)
    secret = load_secret(servers.var_dir / "socketio-session.key")
    return f"{token}.{hmac.new(secret, token.encode(), hashlib.sha256).hexdigest()[:32]}"


async def test_an_expired_session_id_is_replaced(servers: Servers, web_port: int) -> None:
    visitor = Visitor(servers, f"http://127.0.0.1:{web_port}")
    try:
        fresh = _signed_id(servers, time.time() - 3600)
        assert await visitor.start(fresh) == fresh  # signed with the server's secret: kept
    finally:
        await visitor.client.disconnect()
    visitor = Visitor(servers, f"http://127.0.0.1:{web_port}")
    try:
        old = _signed_id(servers, time.time() - 31 * 86400)
        confirmed = await visitor.start(old)
        assert confirmed != old and len(confirmed) == 65
    finally:
        await visitor.client.disconnect()


async def test_a_session_id_on_a_second_connection_closes_the_first(servers: Servers, web_port: int) -> None:
    origin = f"http://127.0.0.1:{web_port}"
    victim, intruder = Visitor(servers, origin), Visitor(servers, origin)
    try:
        session_id = await victim.start(None)
        assert await intruder.start(session_id) == session_id
        await intruder.ask("what is lupus?", session_id)
        await intruder.wait_for(1)
        for _ in range(50):
            if not victim.client.connected:
                break
            await asyncio.sleep(0.1)
        assert not victim.client.connected
        assert victim.messages == []
    finally:
        for visitor in (victim, intruder):
            if visitor.client.connected:
                await visitor.client.disconnect()


# --- messaging platforms: cap, namespaces, input channel, signatures, replays -------------------------------------


@pytest.fixture(scope="module")
def platforms(tmp_path_factory, trained_model) -> Iterator[Platforms]:
    with running_platforms(tmp_path_factory.mktemp("hardening")) as running:
        yield running


def stored(platforms: Platforms, sender_id: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(platforms.servers.var_dir / "conversations.db") as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender_id,)
        ).fetchall()
    return [json.loads(data) for (data,) in rows]


def count(platforms: Platforms, predicate: Any) -> int:
    return len([call for call in platforms.recorder.snapshot() if predicate(call)])


def test_a_rest_caller_cannot_reach_a_platform_conversation(platforms: Platforms) -> None:
    user = "U07" + secrets.token_hex(2).upper()  # a short Slack user id, not refused by the id filter
    channel = "D07" + secrets.token_hex(4).upper()
    assert platforms.slack(slack_event(user, channel, "what is lupus?"))[0] == 200
    platforms.recorder.wait_for(to_slack_channel(channel))
    status, _ = post(platforms.servers.rest_url, json.dumps({"sender": user, "message": "does stress make it worse?"}).encode(),
                     {"Content-Type": "application/json"})
    assert status == 200
    assert [event["input_channel"] for event in stored(platforms, user)] == ["slack"]
    assert [event["text"] for event in stored(platforms, f"rest:{user}")] == ["does stress make it worse?"]


def test_a_rest_body_cannot_set_the_input_channel(platforms: Platforms) -> None:
    sender = new_sender()
    body = {"sender": sender, "message": "hello", "input_channel": "twilio"}
    status, _ = post(platforms.servers.rest_url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    assert status == 200
    events = stored(platforms, sender) + stored(platforms, f"rest:{sender}")  # wherever this version keeps it
    assert [event["input_channel"] for event in events] == ["rest"]


def test_a_twilio_message_over_the_cap_gets_the_shorter_message_reply(platforms: Platforms) -> None:
    sender = f"whatsapp:+1555{secrets.randbelow(10**7):07d}"
    assert platforms.twilio(sender, "my joints hurt " * 200)[0] == 204
    [sent] = platforms.recorder.wait_for(to_number(sender))
    assert sent.form["Body"] == TOO_LONG


def test_a_telegram_group_chat_is_not_shared_with_rest(platforms: Platforms) -> None:
    chat_id = -1_000_000_000_000 - secrets.randbelow(10**9)
    assert platforms.telegram(telegram_update(chat_id, "what is lupus?")) == (200, "success")
    status, _ = post(platforms.servers.rest_url, json.dumps({"sender": str(chat_id), "message": "hi"}).encode(),
                     {"Content-Type": "application/json"})
    assert status == 400
    time.sleep(0.5)
    assert {event["input_channel"] for event in stored(platforms, str(chat_id))} == {"telegram"}


def _messenger_post(platforms: Platforms, payload: Dict[str, Any], headers: Dict[str, str]) -> Tuple[int, str]:
    return platforms.post(platforms.url("facebook"), json.dumps(payload).encode(), {**JSON, **headers})


@pytest.mark.parametrize("header", ["nonexistent=abc", "md5x=abc", "__loader__=abc", "md5", "sha256=", "", "sha1=zz"])
def test_messenger_odd_signatures_get_a_clean_403(platforms: Platforms, header: str) -> None:
    psid = str(6_000_000_000_000_000 + secrets.randbelow(10**15))
    status, _ = _messenger_post(platforms, messenger_event(psid, "hello"), {"X-Hub-Signature": header})
    assert status == 403


def test_messenger_md5_signature_is_refused_and_sha256_accepted(platforms: Platforms) -> None:
    secret = platforms.env["FACEBOOK_SECRET"].encode()
    psid = str(6_000_000_000_000_000 + secrets.randbelow(10**15))
    payload = messenger_event(psid, "hello")
    body = json.dumps(payload).encode()
    md5 = "md5=" + hmac.new(secret, body, hashlib.md5).hexdigest()
    assert platforms.post(platforms.url("facebook"), body, {**JSON, "X-Hub-Signature": md5})[0] == 403
    sha256 = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    assert platforms.post(platforms.url("facebook"), body, {**JSON, "X-Hub-Signature-256": sha256}) == (200, "success")
    platforms.recorder.wait_for(to_psid(psid))


def test_a_replayed_twilio_message_is_answered_once(platforms: Platforms) -> None:
    sender = f"whatsapp:+1555{secrets.randbelow(10**7):07d}"
    form = twilio_form(sender, "what is lupus?", platforms.env["TWILIO_ACCOUNT_SID"])
    signature = RequestValidator(platforms.env["TWILIO_AUTH_TOKEN"]).compute_signature(platforms.env["TWILIO_WEBHOOK_URL"], form)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    for _ in range(2):
        assert platforms.post(platforms.url("twilio"), urllib.parse.urlencode(form).encode(), headers)[0] == 204
    platforms.recorder.wait_for(to_number(sender))
    time.sleep(3)
    assert count(platforms, to_number(sender)) == 1


def test_a_replayed_slack_event_is_answered_once(platforms: Platforms) -> None:
    channel = "D07" + secrets.token_hex(4).upper()
    event = slack_event("U07ZOE", channel, "what is lupus?")
    for _ in range(2):
        assert platforms.slack(event)[0] == 200
    platforms.recorder.wait_for(to_slack_channel(channel))
    time.sleep(3)
    assert count(platforms, to_slack_channel(channel)) == 1


def test_a_replayed_messenger_message_is_answered_once(platforms: Platforms) -> None:
    psid = str(6_000_000_000_000_000 + secrets.randbelow(10**15))
    payload = messenger_event(psid, "what is lupus?")
    for _ in range(2):
        assert platforms.facebook(payload) == (200, "success")
    platforms.recorder.wait_for(to_psid(psid))
    time.sleep(3)
    assert count(platforms, to_psid(psid)) == 1


def test_the_platform_server_log_names_no_sender(platforms: Platforms) -> None:
    log = platforms.servers.output()
    assert not re.search(r"whatsapp:\+1555\d{7}|-100\d{10}|\b6\d{15}\b", log)
