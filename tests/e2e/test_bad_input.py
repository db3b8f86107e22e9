"""Hostile and odd input on the REST webhook: a clear reply or a clean HTTP error, never a crash or an echo."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from assistant.knowledge import load_knowledge
from tests.e2e.expect import typed

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()

MESSAGES = {
    "empty": "",
    "whitespace": "   \t  \n ",
    "very long": ("my joints hurt " * 140)[:2000],  # at MAX_MESSAGE_CHARS; longer ones get HTTP 413 (test_hardening.py)
    "emoji only": "😭😭🔥🙏",
    "persian": "چرا مفاصلم درد می کند؟",
    "arabic": "لماذا تؤلمني مفاصلي؟",
    "control characters": "why\x00 does\x07 lupus\x1b[31m hurt",
    "html": "<b>bold</b> <img src=x onerror=alert(1)> lupus",
    "script": "<script>alert('x')</script> what is lupus?",
}


def post(servers, body: bytes, content_type: str = "application/json"):
    request = urllib.request.Request(servers.rest_url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("name", list(MESSAGES))
def test_odd_message_gets_a_clear_reply(servers, name):
    status, body = post(servers, json.dumps({"sender": f"bad-{uuid.uuid4().hex}", "message": MESSAGES[name]}).encode())
    assert status == 200
    replies = json.loads(body)
    assert replies, "silence"
    for reply in replies:
        text = reply.get("text", "")
        assert text.strip()
        assert "<script" not in text.lower() and "onerror" not in text.lower()
        assert "Traceback" not in text


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"", b"[]", b'{"sender": "x"}', b'{"message": "hello"}', b'{"sender": 5, "message": ["a"]}', b"\xff\xfe",
     b'{"sender": "whatsapp:+15551234567", "message": "hi"}', b'{"sender": "123456789", "message": "hi"}'],
    ids=["malformed", "empty-body", "array", "no-message", "no-sender", "wrong-types", "not-utf8",
         "a-whatsapp-number", "a-telegram-chat-id"],
)
def test_malformed_request_gets_a_clean_answer(servers, body):
    status, payload = post(servers, body)
    assert status in (200, 400, 422), (status, payload[:200])
    assert b"Traceback" not in payload
    if status == 200:
        assert isinstance(json.loads(payload), list)


def test_server_still_answers_after_the_bad_input(servers):
    replies = servers.send(f"after-{uuid.uuid4().hex}", "what is lupus?")
    assert replies[0]["text"].startswith(typed(KNOWLEDGE, "what is lupus?", "lupus").answer)
