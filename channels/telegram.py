"""Telegram (``/webhooks/telegram/webhook``), with buttons as Telegram's inline keyboard.

Differences from Rasa's own Telegram connector (Rasa 3.6):

* no network call while the server starts: Rasa registers the webhook with
  ``asyncio.run`` while building the routes (the server does not start when
  Telegram is unreachable, and the HTTP session belongs to a closed event
  loop); here the webhook is registered in the background once the server
  runs, and a failure is logged;
* no ``getMe`` call to Telegram for every message; the bot name (``verify``)
  is checked once at start;
* with ``secret_token`` set, Telegram sends it in ``X-Telegram-Bot-Api-Secret-Token``
  and a request without it gets HTTP 403;
* one output channel per message (the no-silence guard counts the replies of
  one turn), sharing one HTTP session;
* ``/start`` (the first message of every Telegram user) greets, ``/help``
  shows the topics; a pressed button is acknowledged (no endless spinner);
* the keyboard has one button per row, so long titles stay readable;
* ``api_server`` can point to a self-hosted Telegram Bot API server.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any, Dict, List, Optional, Set, Text

import aiohttp
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import Update
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import inputs
from channels.guard import OnNewMessage, guard
from channels.numbered import numbered_text
from server.privacy import pseudonym

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_CALLBACK_DATA_BYTES = 64  # Telegram's limit for a button's payload
COMMANDS = {"/start": "/greet", "/help": "/ask_capabilities"}


class KeyboardTelegramOutput(TelegramOutput):
    """Rasa's Telegram output on a shared HTTP session, with a vertical keyboard by default."""

    def __init__(self, access_token: Text, server: TelegramAPIServer, session: Optional[aiohttp.ClientSession] = None) -> None:
        super().__init__(access_token)
        self.server = server
        self._shared_session = session

    def get_new_session(self) -> aiohttp.ClientSession:
        """The input channel's session when there is one (aiogram asks for a session lazily)."""
        if self._shared_session is not None and not self._shared_session.closed:
            return self._shared_session
        return super().get_new_session()

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], button_type: Optional[Text] = "vertical",
        **kwargs: Any,
    ) -> None:
        """Buttons as an inline keyboard; as numbered options when a payload is too long for Telegram."""
        if any(len(str(button.get("payload", "")).encode()) > MAX_CALLBACK_DATA_BYTES for button in buttons):
            await self.send_message(recipient_id, numbered_text(text, buttons))  # one message, not cut at blank lines
            return
        await super().send_text_with_buttons(recipient_id, text, buttons, button_type=button_type, **kwargs)


class GuardedTelegramInput(TelegramInput):
    """Rasa's Telegram input without network calls at start or per message, with the no-silence guard."""

    @classmethod
    def name(cls) -> Text:
        """Keep the URL ``/webhooks/telegram/webhook``."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        """Read ``access_token``, ``verify``, ``webhook_url``; ``secret_token`` and ``api_server`` are optional."""
        credentials = credentials or {}
        missing = [key for key in ("access_token", "verify", "webhook_url") if not credentials.get(key)]
        if missing:
            raise RasaException(f"the telegram channel needs {', '.join(missing)} in the credentials file")
        return cls(
            credentials["access_token"],
            credentials["verify"],
            credentials["webhook_url"],
            secret_token=credentials.get("secret_token"),
            api_server=credentials.get("api_server"),
        )

    def __init__(
        self,
        access_token: Text,
        verify: Text,
        webhook_url: Text,
        secret_token: Optional[Text] = None,
        api_server: Optional[Text] = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.secret_token = secret_token or None
        self.server = TelegramAPIServer.from_base(api_server) if api_server else TELEGRAM_PRODUCTION
        self._session_owner = KeyboardTelegramOutput(access_token, self.server)  # checks the token's form, no network
        self._tasks: Set[asyncio.Task] = set()

    def get_output_channel(self) -> KeyboardTelegramOutput:
        """A fresh output channel for one message, on the shared HTTP session (no network call)."""
        return KeyboardTelegramOutput(self.access_token, self.server, self._session_owner.session)

    async def register_webhook(self) -> None:
        """Tell Telegram where to send updates (with the secret token) and check the bot's name."""
        bot = self.get_output_channel()
        try:
            data: Dict[Text, Any] = {"url": self.webhook_url}
            if self.secret_token:
                data["secret_token"] = self.secret_token
            await bot.request("setWebhook", data)
            me = await bot.get_me()
            if me.username != self.verify:
                logger.error("telegram: the access token belongs to @%s, not to @%s (verify)", me.username, self.verify)
            else:
                logger.info("telegram: webhook registered for @%s", me.username)
        except Exception as error:  # Telegram unreachable or token refused: the other channels keep working
            logger.error(
                "telegram: could not register the webhook (%s); messages will not arrive until it is", self._redacted(error)
            )

    def _redacted(self, error: Exception) -> str:
        """An error message without the bot token (aiogram's messages may quote the API URL, which contains it)."""
        return str(error).replace(self.access_token, "<TELEGRAM_ACCESS_TOKEN>")

    def has_secret(self, request: Request) -> bool:
        """True when no secret token is configured, or the request carries it."""
        if not self.secret_token:
            return True
        return hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), self.secret_token.encode())

    def message_text(self, update: Update) -> Optional[Text]:
        """The text Rasa gets for an update (a button's payload, a command mapped to an intent), or None."""
        if update.callback_query is not None:
            return update.callback_query.data
        message = update.message or update.edited_message
        if message is None:
            return None
        if message.text is not None:
            command = message.text.strip().split("@")[0].split(" ")[0]
            return COMMANDS.get(command.lower(), message.text)
        if message.location is not None:
            return json.dumps({"lng": message.location.longitude, "lat": message.location.latitude})
        return None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The webhook: secret check, then the guarded handler."""
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        handle = guard(on_new_message)
        inputs.attach(telegram_webhook)
        if not self.secret_token:
            logger.warning("telegram: no secret_token (TELEGRAM_SECRET_TOKEN): anyone who knows the URL can post updates")

        @telegram_webhook.listener("after_server_start")
        async def start_registration(_app: Any, _loop: Any) -> None:
            task = asyncio.create_task(self.register_webhook())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        @telegram_webhook.listener("after_server_stop")
        async def close_session(_app: Any, _loop: Any) -> None:
            await self._session_owner.session.close()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.has_secret(request):
                logger.warning("telegram: rejected a request without the secret token")
                return response.text("invalid secret token", status=403)
            try:
                update = Update(**request.json)
            except Exception:  # not an update (Telegram never sends one): nothing to answer
                return response.text("not an update", status=400)
            text = self.message_text(update)
            message = update.callback_query.message if update.callback_query is not None else (
                update.message or update.edited_message
            )
            if text is None or message is None:
                return response.text("success")
            output = self.get_output_channel()
            if update.callback_query is not None:
                try:
                    await output.answer_callback_query(update.callback_query.id)
                except Exception as error:  # only the button's spinner is affected
                    logger.warning("telegram: could not acknowledge a button press (%s)", self._redacted(error))
            metadata = self.get_metadata(request)
            try:
                for part in ([text, "/greet"] if text == "/restart" else [text]):
                    await handle(UserMessage(part, output, message.chat.id, input_channel=self.name(), metadata=metadata))
            except Exception:  # even the apology failed (Telegram unreachable): log it; a retry would not help
                logger.exception("telegram: could not answer chat %s", pseudonym(message.chat.id))
            return response.text("success")

        return telegram_webhook
