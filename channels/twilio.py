"""SMS and WhatsApp through Twilio (``/webhooks/twilio/webhook``).

Differences from Rasa's own Twilio connector:

* every request must carry a valid ``X-Twilio-Signature`` for the public
  webhook URL (``webhook_url``), else HTTP 403: without the check anyone could
  make the bot send (paid) messages to any number;
* a reply with buttons is ONE message, the text followed by numbered options,
  and a reply such as ``2`` picks the second option (:mod:`channels.choices`);
* a ``MessageSid`` seen before within the replay window is not answered again
  (:mod:`channels.replays`): a captured request keeps a valid signature forever;
* messages go out without blocking the server (Twilio's asynchronous client),
  from the number the person wrote to, cut at Twilio's 1600-character limit;
* a turn without any reply gets the apology (:func:`channels.guard.guard`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator

from channels import inputs
from channels.choices import NumberedChoices
from channels.guard import OnNewMessage, guard
from channels.numbered import numbered_text, split_text
from channels.replays import RecentIds

logger = logging.getLogger(__name__)
_API_LOGGER = logging.getLogger(f"{__name__}.api")  # the twilio client logs every request at INFO
_API_LOGGER.setLevel(logging.WARNING)
MAX_BODY = 1600  # Twilio's limit for one SMS / WhatsApp message body
SEND_TIMEOUT_SECONDS = 10  # Twilio waits 15 s for the webhook's answer


class NumberedTwilioOutput(TwilioOutput):
    """Twilio output: one message per reply, buttons as numbered options, never blocking the server."""

    def __init__(
        self, account_sid: Text, auth_token: Text, twilio_number: Text, http_client: AsyncTwilioHttpClient
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        self.http_client = http_client

    async def _send_message(self, message_data: Dict[Text, Any]) -> Any:
        """Send one message; a refusal by Twilio is logged (like Rasa's connector), a network error raised."""
        try:
            return await asyncio.wait_for(self.messages.create_async(**message_data), SEND_TIMEOUT_SECONDS)
        except TwilioRestException as error:
            logger.error("Twilio refused a message (HTTP %s, code %s): %s", error.status, error.code, error.msg)
            return None

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """The whole text as one message (several only beyond Twilio's length limit)."""
        for part in split_text(text, MAX_BODY):
            await self._send_message({"to": recipient_id, "from_": self.twilio_number, "body": part})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        """SMS and WhatsApp have no buttons: the options are numbered under the text."""
        await self.send_text_message(recipient_id, numbered_text(text, buttons), **kwargs)

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        """Quick replies are shown like buttons."""
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)


class GuardedTwilioInput(TwilioInput):
    """Rasa's Twilio input with signature check, numbered options and the no-silence guard."""

    @classmethod
    def name(cls) -> Text:
        """Keep the URL ``/webhooks/twilio/webhook``."""
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        """Read ``account_sid``, ``auth_token``, ``twilio_number`` and ``webhook_url``; all are required."""
        credentials = credentials or {}
        missing = [key for key in ("account_sid", "auth_token", "twilio_number", "webhook_url") if not credentials.get(key)]
        if missing:
            raise RasaException(f"the twilio channel needs {', '.join(missing)} in the credentials file")
        return cls(
            credentials["account_sid"], credentials["auth_token"], credentials["twilio_number"], credentials["webhook_url"]
        )

    def __init__(self, account_sid: Text, auth_token: Text, twilio_number: Text, webhook_url: Text) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
        self.webhook_url = webhook_url
        self.validator = RequestValidator(auth_token)
        self.choices = NumberedChoices()
        self.recent = RecentIds()
        self._http_client: Optional[AsyncTwilioHttpClient] = None

    def is_signed(self, request: Request) -> bool:
        """True when ``X-Twilio-Signature`` matches the public webhook URL and the posted form."""
        signature = request.headers.get("X-Twilio-Signature") or ""
        return bool(signature) and self.validator.validate(self.webhook_url, request.form, signature)

    def http_client(self) -> AsyncTwilioHttpClient:
        """One asynchronous HTTP client for all replies, made inside the server's event loop."""
        if self._http_client is None:
            self._http_client = AsyncTwilioHttpClient(logger=_API_LOGGER)
        return self._http_client

    def get_output_channel(self, from_number: Optional[Text] = None) -> NumberedTwilioOutput:
        """An output channel that answers from ``from_number`` (the number written to), else the configured one."""
        number = from_number or self.twilio_number
        return NumberedTwilioOutput(self.account_sid, self.auth_token, number, self.http_client())

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The webhook: signature check, then the guarded, number-resolving handler."""
        twilio_webhook = Blueprint("twilio_webhook", __name__)
        handle = guard(self.choices.wrap(on_new_message))
        self.choices.attach(twilio_webhook)
        inputs.attach(twilio_webhook)

        @twilio_webhook.listener("after_server_stop")
        async def close_client(_app: Any, _loop: Any) -> None:
            if self._http_client is not None:
                await self._http_client.close()

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.is_signed(request):
                logger.warning("twilio: rejected a request without a valid X-Twilio-Signature")
                return response.text("invalid signature", status=403)
            if self.recent.seen(request.form.get("MessageSid") or request.form.get("SmsMessageSid")):
                logger.info("twilio: a message already received was sent again: not answered twice")
                return response.text("", status=204)
            sender = request.form.get("From")
            if not sender:
                return response.text("", status=204)
            text = (request.form.get("Body") or "").replace("¡", "@")  # some carriers turn @ into ¡
            output = self.get_output_channel(request.form.get("To"))
            user_message = UserMessage(
                text, output, sender, input_channel=self.name(), metadata=self.get_metadata(request)
            )
            await handle(user_message)
            return response.text("", status=204)

        return twilio_webhook
