"""A local stand-in for the messaging platforms' APIs that records what the bot sends.

The Rasa server under test really makes its HTTP calls (Telegram's Bot API,
Twilio's Messages API, Slack's Web API, Messenger's Send API); they arrive here
instead of the internet and get the answers the real APIs give, so the
connectors' own code runs unchanged.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

BOT_ID = 7012345678


@dataclass(frozen=True)
class Call:
    """One request the bot made to a platform."""

    method: str
    path: str
    headers: Dict[str, str]
    body: bytes

    @property
    def route(self) -> str:
        """The path without the query string."""
        return urlsplit(self.path).path

    @property
    def query(self) -> Dict[str, str]:
        return {key: values[0] for key, values in parse_qs(urlsplit(self.path).query).items()}

    @property
    def form(self) -> Dict[str, str]:
        """The url-encoded body (single values), as Telegram and Twilio receive it."""
        return {key: values[0] for key, values in parse_qs(self.body.decode("utf-8"), keep_blank_values=True).items()}

    @property
    def json(self) -> Any:
        """The JSON body, as Slack and Messenger receive it."""
        return json.loads(self.body or b"null")

    @property
    def telegram_method(self) -> Optional[str]:
        """``sendMessage`` for ``/telegram/bot<token>/sendMessage``, else None."""
        parts = self.route.split("/")
        return parts[3] if len(parts) == 4 and parts[1] == "telegram" and parts[2].startswith("bot") else None

    @property
    def is_twilio_message(self) -> bool:
        """True for a POST to Twilio's Messages.json."""
        return self.method == "POST" and self.route.startswith("/twilio/2010-04-01/Accounts/") and self.route.endswith(
            "/Messages.json"
        )

    @property
    def slack_method(self) -> Optional[str]:
        """``chat.postMessage`` for ``/slack/api/chat.postMessage``, else None."""
        return self.route[len("/slack/api/"):] if self.route.startswith("/slack/api/") else None

    @property
    def is_messenger_send(self) -> bool:
        """True for a POST to Messenger's Send API (``/me/messages``), messages and typing indicators alike."""
        return self.method == "POST" and self.route.startswith("/facebook/v") and self.route.endswith("/me/messages")


class PlatformRecorder:
    """Telegram Bot API and Twilio Messages API on 127.0.0.1, recording every call."""

    def __init__(self, bot_username: str) -> None:
        self.bot_username = bot_username
        self.calls: List[Call] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> PlatformRecorder:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def snapshot(self) -> List[Call]:
        with self._lock:
            return list(self.calls)

    def wait_for(self, predicate: Callable[[Call], bool], count: int = 1, timeout: float = 30) -> List[Call]:
        """The first ``count`` recorded calls that match, waiting up to ``timeout`` seconds for them."""
        deadline = time.monotonic() + timeout
        while True:
            found = [call for call in self.snapshot() if predicate(call)]
            if len(found) >= count or time.monotonic() > deadline:
                assert len(found) >= count, f"expected {count} matching call(s), got {len(found)}: {self.snapshot()}"
                return found[:count]
            time.sleep(0.1)

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def answer(self, call: Call) -> Tuple[int, Dict[str, Any]]:
        """The status and JSON the real API would give."""
        method = call.telegram_method
        if method is not None:
            return 200, {"ok": True, "result": self._telegram_result(method, call.form)}
        if call.is_twilio_message:
            return 201, self._twilio_message(call)
        if call.slack_method is not None:
            return 200, self._slack_result(call)
        if call.is_messenger_send:
            recipient = call.json["recipient"]["id"]
            return 200, {"recipient_id": recipient, "message_id": "m_" + secrets.token_urlsafe(32)}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}

    def _telegram_result(self, method: str, form: Dict[str, str]) -> Any:
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "Autoimmune pain assistant", "username": self.bot_username}
        if method == "getMe":
            return {**bot, "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}
        if method == "sendMessage":
            return {
                "message_id": secrets.randbelow(10**6),
                "from": bot,
                "chat": {"id": int(form["chat_id"]), "type": "private", "first_name": "Ana"},
                "date": int(time.time()),
                "text": form.get("text", ""),
            }
        return True  # setWebhook, answerCallbackQuery

    def _slack_result(self, call: Call) -> Dict[str, Any]:
        if call.slack_method != "chat.postMessage":
            return {"ok": True}
        body = call.json
        ts = f"{time.time():.6f}"
        message = {"type": "message", "subtype": "bot_message", "text": body.get("text", ""), "ts": ts, "bot_id": "B07TESTBOT"}
        return {"ok": True, "channel": body["channel"], "ts": ts, "message": message}

    def _twilio_message(self, call: Call) -> Dict[str, Any]:
        form = call.form
        account = call.path.split("/")[4]
        sid = "SM" + secrets.token_hex(16)
        now = formatdate(usegmt=True)
        return {
            "account_sid": account, "api_version": "2010-04-01", "body": form.get("Body", ""),
            "date_created": now, "date_updated": now, "date_sent": None, "direction": "outbound-api",
            "error_code": None, "error_message": None, "from": form.get("From"), "to": form.get("To"),
            "messaging_service_sid": None, "num_media": "0", "num_segments": "1", "price": None, "price_unit": "USD",
            "sid": sid, "status": "queued", "uri": f"/2010-04-01/Accounts/{account}/Messages/{sid}.json",
            "subresource_uris": {"media": f"/2010-04-01/Accounts/{account}/Messages/{sid}/Media.json"},
        }

    def _handler_class(self) -> type:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                self._serve()

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                call = Call(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
                recorder._record(call)
                status, payload = recorder.answer(call)
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                pass

        return Handler
