"""The REST channel (``/webhooks/rest/webhook``) with input checks and the no-silence guard."""

from __future__ import annotations

import re
from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from channels import speedups
from channels.guard import OnNewMessage, guard

MAX_SENDER_LENGTH = 128
# Conversation ids of the messaging channels: phone numbers (Twilio, WhatsApp), numeric chat and
# page-scoped ids (Telegram, Messenger), Slack user ids. A REST caller may not use them, or it could
# read and steer a patient's messaging conversation.
RESERVED_SENDER = re.compile(r"^(whatsapp:)?\+?\d+$|^[UW][A-Z0-9]{8,}$")


def _body(request: Request) -> Dict[Text, Any]:
    """The JSON object of the request, or a clean HTTP 400."""
    try:
        body = request.json
    except Exception:  # sanic raises on malformed JSON or bad encoding
        body = None
    if not isinstance(body, dict):
        raise InvalidUsage('expected a JSON object: {"sender": "...", "message": "..."}')
    return body


class GuardedRestInput(RestInput):
    """Rasa's REST input: malformed requests get HTTP 400, a turn without a reply gets the apology."""

    @classmethod
    def name(cls) -> Text:
        """Keep the URL ``/webhooks/rest/webhook``."""
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = _body(req).get("sender")
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_LENGTH:
            raise InvalidUsage(f"'sender' must be a non-empty text of at most {MAX_SENDER_LENGTH} characters")
        if RESERVED_SENDER.match(sender.strip()):
            raise InvalidUsage("'sender' looks like a phone number or a messaging id; those belong to the messaging channels")
        return sender

    def _extract_message(self, req: Request) -> Optional[Text]:
        message = _body(req).get("message")
        if not isinstance(message, str):
            raise InvalidUsage("'message' must be a text")
        return message

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's blueprint around the guarded handler."""
        speedups.install()
        return super().blueprint(guard(on_new_message))
