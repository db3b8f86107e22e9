"""The socket.io channel (chat widgets), hardened.

Rasa 3.6's own channel accepts any Origin, lets a client name any session id
(and so receive that session's replies), and takes the sender id from each
message. This one:

* accepts browser connections only from the configured origins
  (``RASA_CORS_ORIGINS``, the same list the REST API uses);
* issues every session id itself (:mod:`channels.sessions`) and replaces ids it
  did not issue or that have expired;
* keeps one live connection per session: a session id confirmed on a new
  connection closes the connection that had it (a page reload, or someone
  else holding the id: either way only one of them gets the replies);
* takes the sender of a message from the session confirmed on that
  connection, never from the message;
* keeps Rasa's optional ``jwt_key`` check at connect (``SOCKETIO_JWT_KEY``);
* sends the apology when a turn gets no reply, and the ``message_too_long``
  reply to a message over ``MAX_MESSAGE_CHARS`` (:mod:`channels.guard`);
  engine.io's buffer is far above the cap, so a long paste gets the "too long" reply;
* logs connections and sessions by pseudonym only (:mod:`server.privacy`);
* keeps line breaks as Markdown line breaks (the widget renders Markdown).
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Dict, List, Optional, Text, Tuple

import rasa.core.channels.channel
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels import inputs
from channels.guard import OnNewMessage, guard
from channels.sessions import SessionSigner, load_secret, max_age_seconds
from server.privacy import pseudonym

logger = logging.getLogger(__name__)

ORIGINS_ENV = "RASA_CORS_ORIGINS"
DEFAULT_ORIGINS = ("http://localhost:8080", "http://127.0.0.1:8080")
JWT_ENV = "SOCKETIO_JWT_KEY"


class MarkdownSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output; a line break stays a line break in widgets that render Markdown."""

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        if isinstance(response, dict) and isinstance(response.get("text"), str):
            response = {**response, "text": response["text"].replace("\n", "  \n")}
        await super()._send_message(socket_id, response)


def allowed_origins(value: Optional[str] = None) -> List[str]:
    """Origins from a comma- or space-separated list; ``*`` is refused (use a list)."""
    raw = os.environ.get(ORIGINS_ENV, "") if value is None else value
    origins = [item.strip().rstrip("/") for item in raw.replace(",", " ").split() if item.strip()]
    if "*" in origins:
        raise ValueError(f"{ORIGINS_ENV} must list the allowed origins; '*' would let any website use the assistant")
    return origins or list(DEFAULT_ORIGINS)


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel with origin checks, server-issued sessions and the no-silence guard."""

    @classmethod
    def name(cls) -> Text:
        """Keep the name (and URL) ``socketio``."""
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        """Rasa's settings; the JWT key may also come from ``SOCKETIO_JWT_KEY``."""
        credentials = dict(credentials or {})
        if not credentials.get("jwt_key") and os.environ.get(JWT_ENV):
            credentials["jwt_key"] = os.environ[JWT_ENV]
        channel = super().from_credentials(credentials)
        assert isinstance(channel, GuardedSocketIOInput)
        channel.origins = allowed_origins(credentials.get("cors_allowed_origins"))
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.origins: List[str] = allowed_origins()
        self.signer: Optional[SessionSigner] = None

    def get_output_channel(self) -> Optional[OutputChannel]:
        """The output for events sent from outside a conversation turn."""
        return MarkdownSocketIOOutput(self.sio, self.bot_message_evt) if self.sio is not None else super().get_output_channel()

    def _decode_jwt(self, auth: Optional[Dict]) -> bool:
        """Rasa's check: without ``jwt_key`` every connection is allowed."""
        if not self.jwt_key:
            return True
        token = auth.get("token") if isinstance(auth, dict) else None
        if not token:
            return False
        return bool(rasa.core.channels.channel.decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The socket.io server and its event handlers."""
        handle = guard(on_new_message)
        self.signer = self.signer or SessionSigner(load_secret(), max_age_seconds())
        sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=self.origins,
            # Far above the cap (inputs.MIN_BODY_BYTES), so that a long paste reaches the guard and gets
            # the "too long" reply instead of a silently closed socket.
            max_http_buffer_size=inputs.request_max_bytes(inputs.max_message_chars()),
        )
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        inputs.attach(webhook)
        self.sio = sio
        links = _Links()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict]) -> bool:
            allowed = self._decode_jwt(auth)
            if not allowed:
                logger.info("socket.io connection %s refused: missing or invalid JWT", pseudonym(sid))
            return allowed

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            links.drop(sid)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any) -> None:
            await self._confirm_session(sio, links, sid, data)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            message = self._user_message(sio, links, sid, data)
            if message is not None:
                await handle(message)

        return webhook

    async def _confirm_session(self, sio: AsyncServer, links: _Links, sid: Text, data: Any) -> None:
        """Confirm the session a connection asks for (a new one if it is not ours); one connection per session."""
        requested = data.get("session_id") if isinstance(data, dict) else None
        assert self.signer is not None
        session_id = self.signer.confirm(requested)
        if requested and session_id != requested:
            logger.info(
                "socket.io connection %s asked for a session id this server did not issue or that expired: new session",
                pseudonym(sid),
            )
        earlier, previous = links.hold(sid, session_id)
        if earlier is not None:
            logger.info("socket.io session %s moved to a new connection: the earlier one is closed", pseudonym(session_id))
            await sio.disconnect(earlier, namespace=self.namespace)
        if previous is not None:
            sio.leave_room(sid, previous, namespace=self.namespace)
        if self.session_persistence:
            sio.enter_room(sid, session_id)
        await sio.emit("session_confirm", session_id, room=sid)

    def _user_message(self, sio: AsyncServer, links: _Links, sid: Text, data: Any) -> Optional[UserMessage]:
        """The message a connection sent, or None when it is malformed or comes before its session."""
        if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
            logger.warning("socket.io connection %s sent a malformed message: ignored", pseudonym(sid))
            return None
        sender_id = links.sessions.get(sid) if self.session_persistence else sid
        if sender_id is None:
            logger.warning("socket.io connection %s sent a message before session_request: ignored", pseudonym(sid))
            return None
        metadata = data.get(self.metadata_key) or {}
        if isinstance(metadata, str):
            try:
                metadata = json.loads(metadata)
            except ValueError:
                metadata = {}
        return UserMessage(
            data.get("message", ""),
            MarkdownSocketIOOutput(sio, self.bot_message_evt),
            sender_id,
            input_channel=self.name(),
            metadata=metadata if isinstance(metadata, dict) else {},
        )


class _Links:
    """Which session each socket.io connection holds, and the one connection each session is on."""

    def __init__(self) -> None:
        self.sessions: Dict[Text, Text] = {}  # connection id -> the session id confirmed on it
        self.holders: Dict[Text, Text] = {}  # session id -> the one connection it is confirmed on

    def drop(self, sid: Text) -> None:
        """A connection closed: it holds nothing any more."""
        session_id = self.sessions.pop(sid, None)
        if session_id is not None and self.holders.get(session_id) == sid:
            del self.holders[session_id]

    def hold(self, sid: Text, session_id: Text) -> Tuple[Optional[Text], Optional[Text]]:
        """Confirm ``session_id`` on ``sid``: the earlier connection to close and the session ``sid`` leaves, if any."""
        earlier = self.holders.get(session_id)
        if earlier == sid:
            earlier = None
        if earlier is not None:
            self.sessions.pop(earlier, None)
        previous = self.sessions.get(sid)
        if previous is None or previous == session_id or self.holders.get(previous) != sid:
            previous = None
        else:
            del self.holders[previous]
        self.sessions[sid] = session_id
        self.holders[session_id] = sid
        return earlier, previous
