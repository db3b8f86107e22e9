"""The socket.io channel over the network: origins, server-issued sessions, replies with the disclaimer."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from typing import Any, List, Optional, Tuple

import pytest
import socketio

from assistant.knowledge import Knowledge
from channels.sessions import SessionSigner
from evaluation.servers import Assistant as Servers
from tests.e2e.expect import typed


def _handshake(servers: Servers, origin: str) -> Tuple[int, List[Tuple[str, str]]]:
    """The status and headers of a socket.io long-polling handshake sent with ``origin``."""
    url = f"http://127.0.0.1:{servers.rasa_port}/socket.io/?EIO=4&transport=polling"
    request = urllib.request.Request(url, headers={"Origin": origin})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, list(response.headers.items())
    except urllib.error.HTTPError as error:
        return error.code, list(error.headers.items())


def _handshake_status(servers: Servers, origin: str) -> int:
    return _handshake(servers, origin)[0]


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_the_page_origin_gets_exactly_one_cors_header(servers: Servers, web_port: int, host: str) -> None:
    """Browsers refuse a doubled Access-Control-Allow-Origin: one layer alone may answer CORS."""
    origin = f"http://{host}:{web_port}"
    status, headers = _handshake(servers, origin)
    assert status == 200
    allow = [value for name, value in headers if name.lower() == "access-control-allow-origin"]
    credentials = [value for name, value in headers if name.lower() == "access-control-allow-credentials"]
    assert allow == [origin]
    assert len(credentials) <= 1


def test_only_the_configured_origin_may_connect(servers: Servers, web_port: int) -> None:
    assert _handshake_status(servers, f"http://127.0.0.1:{web_port}") == 200
    assert _handshake_status(servers, "https://evil.example") == 400
    assert _handshake_status(servers, "http://127.0.0.1:1") == 400


class Visitor:
    """A socket.io client like the widget: connect, ask for a session, collect the bot's messages."""

    def __init__(self, servers: Servers, origin: str) -> None:
        self.url = f"http://127.0.0.1:{servers.rasa_port}"
        self.origin = origin
        self.client = socketio.AsyncClient(reconnection=False)
        self.messages: List[Any] = []
        self.session: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self.client.on("bot_uttered", self.messages.append)
        self.client.on("session_confirm", lambda session_id: self.session.set_result(session_id))

    async def start(self, session_id: Optional[str]) -> str:
        await self.client.connect(self.url, headers={"Origin": self.origin}, transports=["polling"])
        await self.client.emit("session_request", {"session_id": session_id})
        return await asyncio.wait_for(self.session, 10)

    async def ask(self, text: str, session_id: str) -> None:
        await self.client.emit("user_uttered", {"message": text, "session_id": session_id})

    async def wait_for(self, count: int, timeout: float = 30) -> List[Any]:
        for _ in range(int(timeout * 10)):
            if len(self.messages) >= count:
                return self.messages
            await asyncio.sleep(0.1)
        raise AssertionError(f"expected {count} bot messages, got {self.messages}")


def _text(message: Any) -> str:
    return message.get("text", "") if isinstance(message, dict) else str(message)


async def test_sessions_are_issued_by_the_server_and_answers_carry_the_disclaimer(
    servers: Servers, web_port: int, knowledge: Knowledge
) -> None:
    origin = f"http://127.0.0.1:{web_port}"
    first = Visitor(servers, origin)
    try:
        session_id = await first.start("alice")  # a guessable id the client chose
        assert session_id != "alice" and len(session_id) == 65 and "." in session_id

        await first.ask("why does lupus hurt so much?", session_id)
        messages = await first.wait_for(1)
        assert knowledge.disclaimer in _text(messages[0])
        buttons = messages[0].get("quick_replies", [])
        expected = typed(knowledge, "why does lupus hurt so much?", "lupus")
        assert [(b["title"], b["payload"]) for b in buttons] == [(r.title, r.payload) for r in expected.related]

        # The same visitor after a page reload: a new connection asks for its issued id and keeps it.
        again = Visitor(servers, origin)
        try:
            assert await again.start(session_id) == session_id
            await again.ask("does stress make it worse?", session_id)
            replies = await again.wait_for(1)
            assert knowledge.disclaimer in _text(replies[-1])
        finally:
            await again.client.disconnect()
    finally:
        await first.client.disconnect()


async def test_a_message_is_answered_only_in_the_connections_own_session(servers: Servers, web_port: int) -> None:
    origin = f"http://127.0.0.1:{web_port}"
    victim, intruder = Visitor(servers, origin), Visitor(servers, origin)
    try:
        victim_session = await victim.start(None)
        intruder_session = await intruder.start(None)
        assert victim_session != intruder_session
        # The intruder names the victim's session in its message: the reply still goes to the intruder's own session.
        await intruder.ask("hello", victim_session)
        await intruder.wait_for(1)
        await asyncio.sleep(1.0)
        assert victim.messages == []
    finally:
        await victim.client.disconnect()
        await intruder.client.disconnect()


async def test_a_message_before_a_session_gets_no_conversation(servers: Servers, web_port: int) -> None:
    visitor = Visitor(servers, f"http://127.0.0.1:{web_port}")
    try:
        await visitor.client.connect(visitor.url, headers={"Origin": visitor.origin}, transports=["polling"])
        await visitor.client.emit("user_uttered", {"message": "hello", "session_id": SessionSigner(b"x" * 32).issue()})
        await asyncio.sleep(2.0)
        assert visitor.messages == []
    finally:
        await visitor.client.disconnect()


@pytest.mark.parametrize("payload", [None, "text", 42, {"message": 5}, {"message": ["a"]}])
async def test_malformed_socket_messages_are_ignored_and_the_server_goes_on(
    servers: Servers, web_port: int, payload: Any
) -> None:
    visitor = Visitor(servers, f"http://127.0.0.1:{web_port}")
    try:
        session_id = await visitor.start(None)
        await visitor.client.emit("user_uttered", payload)
        await visitor.ask("hello", session_id)
        messages = await visitor.wait_for(1)
        assert _text(messages[0])
    finally:
        await visitor.client.disconnect()
