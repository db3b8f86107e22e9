"""Facebook Messenger (``/webhooks/facebook/webhook``).

Differences from Rasa's own connector:

* the signature is checked strictly: ``X-Hub-Signature-256: sha256=...`` (or,
  without it, ``X-Hub-Signature`` with ``sha1=`` or ``sha256=``), compared in
  constant time; any other header, hash name or value gets a clean HTTP 403
  (Rasa's took the hash name from the request: ``md5=`` was accepted and an
  unknown name gave HTTP 500);
* a message id (``mid``) seen before within the replay window is not answered
  again (:mod:`channels.replays`);
* buttons: a button template allows 3 buttons, titles of 20 characters and a
  text of 640 characters (most answers are longer, and Messenger then refuses
  the whole message); with more buttons Rasa drops them. Here a reply with
  buttons is the text with numbered options plus quick replies labelled with
  the numbers; tapping one sends the button's payload, typing the number works
  too (:mod:`channels.choices`);
* a turn without a reply gets the apology (:func:`channels.guard.guard`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any, Dict, List, Mapping, Optional, Text

from fbmessenger.elements import Text as FBText
from fbmessenger.quick_replies import QuickReplies, QuickReply
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import inputs
from channels.choices import NumberedChoices
from channels.guard import OnNewMessage, guard
from channels.numbered import numbered_text, split_text
from channels.replays import RecentIds

logger = logging.getLogger(__name__)
MAX_TEXT = 2000  # Messenger's limit for a text message
MAX_QUICK_REPLIES = 11  # fbmessenger's limit (Messenger allows 13)
# Header -> the hash names accepted in it.
SIGNATURE_HEADERS = (("X-Hub-Signature-256", ("sha256",)), ("X-Hub-Signature", ("sha1", "sha256")))
_DIGESTS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}


def signature_is_valid(app_secret: Text, body: bytes, headers: Mapping[str, str]) -> bool:
    """Whether the request is signed with the app secret (the SHA-256 header wins when both are sent)."""
    for header, names in SIGNATURE_HEADERS:
        value = headers.get(header)
        if not value:
            continue
        name, _, signature = value.partition("=")
        if name not in names or not signature:
            return False
        expected = hmac.new(app_secret.encode(), body, _DIGESTS[name]).hexdigest()
        return hmac.compare_digest(expected.encode(), signature.strip().lower().encode("ascii", "replace"))
    return False


def message_id(event: Mapping[str, Any]) -> Optional[str]:
    """The ``mid`` of a Messenger ``messaging`` event (a message or a postback), if it has one."""
    for kind in ("message", "postback"):
        part = event.get(kind)
        if isinstance(part, Mapping) and isinstance(part.get("mid"), str):
            return part["mid"]
    return None


def without_replays(payload: Mapping[str, Any], recent: RecentIds) -> Dict[str, Any]:
    """``payload`` without the messaging events whose ``mid`` came before."""
    entries = []
    for entry in payload.get("entry") or []:
        if not isinstance(entry, Mapping):
            continue
        events = [event for event in entry.get("messaging") or [] if isinstance(event, Mapping)]
        entries.append({**entry, "messaging": [event for event in events if not recent.seen(message_id(event))]})
    return {**payload, "entry": entries}


class NumberedMessengerBot(MessengerBot):
    """Messenger output: numbered options in the text, quick replies with the numbers."""

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        """One text message (several only beyond Messenger's length limit), quick replies on the last."""
        parts = split_text(numbered_text(text, buttons), MAX_TEXT)
        for part in parts[:-1]:
            self.send(recipient_id, FBText(text=part))
        quick_replies = QuickReplies(
            [QuickReply(title=str(number), payload=button["payload"]) for number, button in enumerate(buttons, 1)][
                :MAX_QUICK_REPLIES
            ]
        )
        self.send(recipient_id, FBText(text=parts[-1], quick_replies=quick_replies))


def numbered_messenger(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that replies through :class:`NumberedMessengerBot` (Rasa builds the output itself)."""

    async def replacing(message: UserMessage) -> None:
        if isinstance(message.output_channel, MessengerBot):
            message.output_channel = NumberedMessengerBot(message.output_channel.messenger_client)
        await on_new_message(message)

    return replacing


class GuardedFacebookInput(FacebookInput):
    """Rasa's Messenger input with a strict signature check, replay protection, numbered options and the guard."""

    @classmethod
    def name(cls) -> Text:
        """Keep the URL ``/webhooks/facebook/webhook``."""
        return "facebook"

    def __init__(self, fb_verify: Text, fb_secret: Text, fb_access_token: Text) -> None:
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.choices = NumberedChoices()
        self.recent = RecentIds()

    def get_output_channel(self) -> NumberedMessengerBot:
        """The numbered output (used for messages the server sends on its own)."""
        return NumberedMessengerBot(super().get_output_channel().messenger_client)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's verification and health routes; the message route with the checks above."""
        handle = numbered_messenger(guard(self.choices.wrap(on_new_message)))
        fb_webhook = Blueprint("fb_webhook", __name__)
        self.choices.attach(fb_webhook)
        inputs.attach(fb_webhook)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            verify = request.args.get("hub.verify_token") or ""
            if hmac.compare_digest(verify.encode(), self.fb_verify.encode()):
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("facebook: webhook verification with a wrong verify token")
            return response.text("failure, invalid token", status=403)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not signature_is_valid(self.fb_secret, request.body or b"", request.headers):
                logger.warning("facebook: rejected a request without a valid X-Hub-Signature(-256)")
                return response.text("invalid signature", status=403)
            try:
                payload = request.json
            except Exception:  # signed but not JSON: Messenger never sends that
                payload = None
            if not isinstance(payload, dict):
                return response.text("not an event", status=400)
            messenger = Messenger(self.fb_access_token, handle)
            await messenger.handle(without_replays(payload, self.recent), self.get_metadata(request))
            return response.text("success")

        return fb_webhook
