"""The REST channel (``/webhooks/rest/webhook``) with input checks and the no-silence guard.

* Its conversations are namespaced: a REST sender ``me`` is stored as
  ``rest:me``, so no REST caller can reach a conversation of another channel,
  whatever the id looks like. Ids shaped like the messaging channels' (phone
  numbers, chat ids including negative group ids, Slack user ids) still get a
  clear HTTP 400.
* A message over ``MAX_MESSAGE_CHARS`` characters gets HTTP 413; malformed
  requests get HTTP 400; both with a JSON ``{"error": ...}`` that echoes nothing.
* The input channel is always ``rest`` (the body cannot claim another one).
* **A shared secret.** REST is for the clinic's own systems. With ``REST_SHARED_SECRET`` set,
  every request must carry it in the ``X-Assistant-Secret`` header, or gets HTTP 401: whoever
  learns a REST sender id can then no longer continue that conversation. It is off by default
  on localhost; ``scripts/run.sh`` refuses to bind Rasa to another address without it.
"""

from __future__ import annotations

import hmac
import os
import re
from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import inputs
from channels.guard import OnNewMessage, guard

SECRET_ENV = "REST_SHARED_SECRET"
SECRET_HEADER = "X-Assistant-Secret"
MAX_SENDER_LENGTH = 128
SENDER_PREFIX = "rest:"
# Conversation ids of the messaging channels: phone numbers (Twilio, WhatsApp), numeric chat ids (Telegram,
# negative for groups) and page-scoped ids (Messenger), Slack user ids. Refused with a clear message: they
# belong to the messaging channels (and the namespace keeps REST away from those conversations anyway).
RESERVED_SENDER = re.compile(r"^(whatsapp:)?[+-]?\d+$|^[UW][A-Z0-9]{8,}$")


def _body(request: Request) -> Dict[Text, Any]:
    """The JSON object of the request, or a clean HTTP 400."""
    try:
        body = request.json
    except Exception:  # sanic raises on malformed JSON or bad encoding
        body = None
    if not isinstance(body, dict):
        raise InvalidUsage('expected a JSON object: {"sender": "...", "message": "..."}')
    return body


def conversation_id(sender: Text) -> Text:
    """The stored conversation id of a REST sender."""
    return f"{SENDER_PREFIX}{sender}"


class GuardedRestInput(RestInput):
    """Rasa's REST input: namespaced senders, HTTP 400 / 413 for bad requests, the apology on silence."""

    @classmethod
    def name(cls) -> Text:
        """Keep the URL ``/webhooks/rest/webhook``."""
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = _body(req).get("sender")
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_LENGTH:
            raise InvalidUsage(f"'sender' must be a non-empty text of at most {MAX_SENDER_LENGTH} characters")
        sender = inputs.clean_text(sender)
        if not sender.strip():
            raise InvalidUsage(f"'sender' must be a non-empty text of at most {MAX_SENDER_LENGTH} characters")
        if RESERVED_SENDER.match(sender.strip()):
            raise InvalidUsage("'sender' looks like a phone number or a messaging id; those belong to the messaging channels")
        return conversation_id(sender)

    def _extract_message(self, req: Request) -> Optional[Text]:
        message = _body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage("'message' must be a text")
        limit = inputs.max_message_chars()
        if inputs.is_too_long(message, limit):
            raise PayloadTooLarge(f"'message' has more than {limit} characters")
        return message  # cleaned once, by the guard

    def _extract_input_channel(self, req: Request) -> Text:
        """Always ``rest``: a caller cannot make its message look like another channel's."""
        return self.name()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's blueprint around the guarded handler; errors as JSON."""
        webhook = super().blueprint(guard(on_new_message))
        inputs.attach(webhook)
        secret = os.environ.get(SECRET_ENV, "")

        @webhook.middleware("request")
        async def shared_secret(request: Request) -> Optional[HTTPResponse]:
            given = request.headers.get(SECRET_HEADER, "")
            if secret and not hmac.compare_digest(given.encode(), secret.encode()):
                return response.json({"error": f"missing or wrong {SECRET_HEADER} header"}, status=401)
            return None

        @webhook.exception(InvalidUsage, PayloadTooLarge)
        async def refused(_request: Request, error: Exception) -> HTTPResponse:
            status = getattr(error, "status_code", 400)
            return response.json({"error": str(error), "max_message_chars": inputs.max_message_chars()}, status=status)

        return webhook
