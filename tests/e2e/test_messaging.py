"""Telegram, Twilio (WhatsApp), Slack and Messenger end to end: real webhook payloads in, the platforms' API calls out.

The Rasa server runs with a credentials file written by ``tools.credentials``
from fake but well-formed platform variables. Its outgoing calls are the
libraries' own (aiogram, twilio, slack_sdk, fbmessenger); they reach
:class:`PlatformRecorder` on localhost instead of the internet: Telegram
through the connector's ``api_server`` setting (a self-hosted Bot API server),
the others through the test-only ``tests/e2e/intercept/sitecustomize.py``.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import pytest
from twilio.request_validator import RequestValidator

from assistant.knowledge import load_knowledge
from assistant.paths import ROOT
from assistant.topics import menu_topics
from evaluation.servers import Assistant
from tests.e2e.expect import typed
from tests.e2e.platforms import BOT_ID, Call, PlatformRecorder

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()
LUPUS = typed(KNOWLEDGE, "why does lupus hurt so much?", "lupus")
PUBLIC = "https://assistant.example-clinic.org"
BOT_USERNAME = "autoimmune_pain_test_bot"
TWILIO_NUMBER = "whatsapp:+15557654321"
INTERCEPT = ROOT / "tests" / "e2e" / "intercept"


class Platforms:
    """The running servers, the recorder, and the fake platform settings."""

    def __init__(self, servers: Assistant, recorder: PlatformRecorder, env: Dict[str, str]) -> None:
        self.servers = servers
        self.recorder = recorder
        self.env = env

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.servers.rasa_port}/webhooks/{name}/webhook"

    def post(self, url: str, body: bytes, headers: Dict[str, str]) -> Tuple[int, str]:
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def telegram(self, update: Dict[str, object], secret: Optional[str] = "valid") -> Tuple[int, str]:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.env["TELEGRAM_SECRET_TOKEN"] if secret == "valid" else secret
        return self.post(self.url("telegram"), json.dumps(update).encode(), headers)

    def slack(self, event: Dict[str, object], signed: bool = True) -> Tuple[int, str]:
        body = json.dumps(event).encode()
        timestamp = str(int(time.time()))
        digest = hmac.new(self.env["SLACK_SIGNING_SECRET"].encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256)
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp}
        if signed:
            headers["X-Slack-Signature"] = f"v0={digest.hexdigest()}"
        return self.post(self.url("slack"), body, headers)

    def facebook(self, payload: Dict[str, object], signed: bool = True) -> Tuple[int, str]:
        body = json.dumps(payload).encode()
        secret = self.env["FACEBOOK_SECRET"].encode() if signed else b"not-the-app-secret"
        headers = {
            "Content-Type": "application/json",
            "X-Hub-Signature": "sha1=" + hmac.new(secret, body, hashlib.sha1).hexdigest(),
            "X-Hub-Signature-256": "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest(),
        }
        return self.post(self.url("facebook"), body, headers)

    def twilio(self, sender: str, body: str, signature: Optional[str] = "valid") -> Tuple[int, str]:
        form = twilio_form(sender, body, self.env["TWILIO_ACCOUNT_SID"])
        headers = {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": "TwilioProxy/1.1"}
        if signature in ("valid", "other-key"):  # "other-key": signed, but not with this account's auth token
            key = self.env["TWILIO_AUTH_TOKEN"] if signature == "valid" else secrets.token_hex(16)
            signature = RequestValidator(key).compute_signature(self.env["TWILIO_WEBHOOK_URL"], form)
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        return self.post(self.url("twilio"), urllib.parse.urlencode(form).encode(), headers)


def fake_platform_env(recorder: PlatformRecorder) -> Dict[str, str]:
    """Well-formed, random, useless values for every variable the connectors need."""
    return {
        "TELEGRAM_ACCESS_TOKEN": f"{BOT_ID}:AA{secrets.token_urlsafe(24)}",
        "TELEGRAM_VERIFY": BOT_USERNAME,
        "TELEGRAM_WEBHOOK_URL": f"{PUBLIC}/webhooks/telegram/webhook",
        "TELEGRAM_SECRET_TOKEN": secrets.token_hex(16),
        "TELEGRAM_API_SERVER": f"{recorder.url}/telegram",
        "TWILIO_ACCOUNT_SID": "AC" + secrets.token_hex(16),
        "TWILIO_AUTH_TOKEN": secrets.token_hex(16),
        "TWILIO_NUMBER": TWILIO_NUMBER,
        "TWILIO_WEBHOOK_URL": f"{PUBLIC}/webhooks/twilio/webhook",
        "SLACK_TOKEN": "xoxb-" + secrets.token_hex(20),
        "SLACK_SIGNING_SECRET": secrets.token_hex(16),
        "FACEBOOK_VERIFY": secrets.token_urlsafe(12),
        "FACEBOOK_SECRET": secrets.token_hex(16),
        "FACEBOOK_PAGE_ACCESS_TOKEN": "EAAG" + secrets.token_urlsafe(40),
    }


def telegram_update(chat_id: int, text: str) -> Dict[str, object]:
    """A private-chat text message as Telegram posts it."""
    person = {"id": chat_id, "is_bot": False, "first_name": "Ana", "last_name": "Silva", "language_code": "en"}
    return {
        "update_id": secrets.randbelow(10**9),
        "message": {
            "message_id": secrets.randbelow(10**4),
            "from": person,
            "chat": {"id": chat_id, "first_name": "Ana", "last_name": "Silva", "type": "private"},
            "date": 1764057600,
            "text": text,
        },
    }


def telegram_button_press(chat_id: int, data: str, query_id: str) -> Dict[str, object]:
    """A press on an inline-keyboard button under one of the bot's messages."""
    person = {"id": chat_id, "is_bot": False, "first_name": "Ana", "language_code": "en"}
    bot = {"id": BOT_ID, "is_bot": True, "first_name": "Autoimmune pain assistant", "username": BOT_USERNAME}
    return {
        "update_id": secrets.randbelow(10**9),
        "callback_query": {
            "id": query_id,
            "from": person,
            "message": {
                "message_id": 57, "from": bot, "date": 1764057601, "text": "(the bot's previous answer)",
                "chat": {"id": chat_id, "first_name": "Ana", "type": "private"},
            },
            "chat_instance": "-4113520976133186717",
            "data": data,
        },
    }


def twilio_form(sender: str, body: str, account_sid: str) -> Dict[str, str]:
    """An incoming WhatsApp message as Twilio posts it."""
    sid = "SM" + secrets.token_hex(16)
    return {
        "SmsMessageSid": sid, "NumMedia": "0", "ProfileName": "Ana", "MessageType": "text", "SmsSid": sid,
        "WaId": sender.split("+")[-1], "SmsStatus": "received", "Body": body, "To": TWILIO_NUMBER, "NumSegments": "1",
        "ReferralNumMedia": "0", "MessageSid": sid, "AccountSid": account_sid, "From": sender, "ApiVersion": "2010-04-01",
    }


def slack_event(user: str, channel: str, text: str) -> Dict[str, object]:
    """A direct message to the bot as Slack's Events API posts it."""
    ts = f"{time.time():.6f}"
    return {
        "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl", "team_id": "T07CLINIC", "api_app_id": "A07ASSIST", "type": "event_callback",
        "event": {
            "client_msg_id": str(uuid.uuid4()), "type": "message", "text": text, "user": user, "ts": ts,
            "team": "T07CLINIC", "channel": channel, "event_ts": ts, "channel_type": "im",
        },
        "event_id": "Ev" + secrets.token_hex(5).upper(), "event_time": int(time.time()),
        "authorizations": [{
            "enterprise_id": None, "team_id": "T07CLINIC", "user_id": "U07BOTUSER", "is_bot": True,
            "is_enterprise_install": False,
        }],
        "is_ext_shared_channel": False,
    }


def messenger_event(psid: str, text: Optional[str] = None, quick_reply: Optional[str] = None) -> Dict[str, object]:
    """A message to the clinic's Facebook page as Messenger's webhook posts it."""
    message: Dict[str, object] = {"mid": "m_" + secrets.token_urlsafe(40), "text": text}
    if quick_reply is not None:
        message["quick_reply"] = {"payload": quick_reply}
    now = int(time.time() * 1000)
    return {
        "object": "page",
        "entry": [{"id": "104729468123456", "time": now, "messaging": [
            {"sender": {"id": psid}, "recipient": {"id": "104729468123456"}, "timestamp": now, "message": message}
        ]}],
    }


@contextlib.contextmanager
def running_platforms(workdir: Path) -> Iterator[Platforms]:
    """``scripts/run.sh`` with every platform's variables set, as an operator switches them on."""
    recorder = PlatformRecorder(BOT_USERNAME).start()
    env = fake_platform_env(recorder)
    rasa_env = {
        **env,
        "INTERCEPT_PLATFORM_APIS": recorder.url,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(INTERCEPT), os.environ.get("PYTHONPATH")])),
    }
    servers = Assistant(workdir, env=rasa_env)
    try:
        servers.start()
        assert "messaging connectors on: telegram, twilio, slack, facebook;" in servers.output()
        yield Platforms(servers, recorder, env)
    finally:
        servers.stop()
        recorder.stop()


@pytest.fixture(scope="module")
def platforms(tmp_path_factory, trained_model) -> Iterator[Platforms]:
    with running_platforms(tmp_path_factory.mktemp("messaging")) as running:
        yield running


def new_chat_id() -> int:
    return 100_000_000 + secrets.randbelow(10**8)


def new_whatsapp_sender() -> str:
    return f"whatsapp:+1555{secrets.randbelow(10**7):07d}"


def sent_messages(call: Call) -> bool:
    return call.telegram_method == "sendMessage"


def to_chat(chat_id: int):
    return lambda call: sent_messages(call) and call.form.get("chat_id") == str(chat_id)


def to_number(number: str):
    return lambda call: call.is_twilio_message and call.form.get("To") == number


def to_slack_channel(channel: str):
    return lambda call: call.slack_method == "chat.postMessage" and call.json.get("channel") == channel


def to_psid(psid: str):
    return lambda call: call.is_messenger_send and call.json["recipient"]["id"] == psid and "message" in call.json


def keyboard(call: Call) -> List[List[Dict[str, str]]]:
    return json.loads(call.form["reply_markup"])["inline_keyboard"]


# --- Telegram ---------------------------------------------------------------------------------------------------


def test_telegram_webhook_is_registered_with_the_secret_at_start(platforms: Platforms):
    registered = platforms.recorder.wait_for(lambda c: c.telegram_method == "setWebhook")[0]
    assert registered.path == f"/telegram/bot{platforms.env['TELEGRAM_ACCESS_TOKEN']}/setWebhook"
    assert registered.form == {
        "url": platforms.env["TELEGRAM_WEBHOOK_URL"], "secret_token": platforms.env["TELEGRAM_SECRET_TOKEN"]
    }
    platforms.recorder.wait_for(lambda c: c.telegram_method == "getMe")


def test_telegram_question_gets_the_answer_the_disclaimer_and_a_keyboard(platforms: Platforms):
    chat_id = new_chat_id()
    status, body = platforms.telegram(telegram_update(chat_id, "why does lupus hurt so much?"))
    assert (status, body) == (200, "success")
    [sent] = platforms.recorder.wait_for(to_chat(chat_id))
    text = sent.form["text"]
    lupus = LUPUS
    assert text.startswith(lupus.answer)
    assert text.endswith(KNOWLEDGE.disclaimer)
    related = lupus.related
    assert keyboard(sent) == [[{"text": t.title, "callback_data": t.payload}] for t in related]  # one button per row


def test_telegram_button_press_answers_that_topic_and_stops_the_spinner(platforms: Platforms):
    chat_id = new_chat_id()
    nerve = KNOWLEDGE.topic("nerve_pain")
    query_id = str(secrets.randbelow(10**18))
    assert platforms.telegram(telegram_button_press(chat_id, nerve.payload, query_id)) == (200, "success")
    [sent] = platforms.recorder.wait_for(to_chat(chat_id))
    assert sent.form["text"].startswith(nerve.answer)
    assert sent.form["text"].endswith(KNOWLEDGE.disclaimer)
    [acknowledged] = platforms.recorder.wait_for(lambda c: c.telegram_method == "answerCallbackQuery")
    assert acknowledged.form["callback_query_id"] == query_id


def test_telegram_start_command_greets(platforms: Platforms):
    chat_id = new_chat_id()
    assert platforms.telegram(telegram_update(chat_id, "/start")) == (200, "success")
    [sent] = platforms.recorder.wait_for(to_chat(chat_id))
    assert sent.form["text"].startswith(KNOWLEDGE.messages["greeting"])
    assert len(keyboard(sent)) >= 3


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_telegram_update_without_the_secret_token_is_refused(platforms: Platforms, secret: Optional[str]):
    chat_id = new_chat_id()
    status, _ = platforms.telegram(telegram_update(chat_id, "why does lupus hurt so much?"), secret=secret)
    assert status == 403
    # a real update afterwards is answered, the refused one never was
    assert platforms.telegram(telegram_update(chat_id, "hello")) == (200, "success")
    platforms.recorder.wait_for(to_chat(chat_id))
    assert len([c for c in platforms.recorder.snapshot() if to_chat(chat_id)(c)]) == 1


# --- Twilio (WhatsApp) ------------------------------------------------------------------------------------------


def test_twilio_question_gets_one_message_with_answer_disclaimer_and_numbered_options(platforms: Platforms):
    sender = new_whatsapp_sender()
    status, _ = platforms.twilio(sender, "why does lupus hurt so much?")
    assert status == 204
    [sent] = platforms.recorder.wait_for(to_number(sender))
    env = platforms.env
    assert sent.path == f"/twilio/2010-04-01/Accounts/{env['TWILIO_ACCOUNT_SID']}/Messages.json"
    expected_auth = base64.b64encode(f"{env['TWILIO_ACCOUNT_SID']}:{env['TWILIO_AUTH_TOKEN']}".encode()).decode()
    assert sent.headers["Authorization"] == f"Basic {expected_auth}"
    assert sent.form["From"] == TWILIO_NUMBER
    body = sent.form["Body"]
    lupus = LUPUS
    options = "\n".join(f"{n}. {t.title}" for n, t in enumerate(lupus.related, 1))
    assert body.startswith(lupus.answer)
    assert f"{KNOWLEDGE.disclaimer}\n\nReply with a number:\n{options}" in body
    assert body.endswith(options)
    assert "/ask_" not in body  # no raw payloads
    assert len([c for c in platforms.recorder.snapshot() if to_number(sender)(c)]) == 1


def test_twilio_number_reply_picks_that_option(platforms: Platforms):
    sender = new_whatsapp_sender()
    assert platforms.twilio(sender, "why does lupus hurt so much?")[0] == 204
    platforms.recorder.wait_for(to_number(sender))
    first = LUPUS.related[0]
    assert platforms.twilio(sender, "1")[0] == 204
    reply = platforms.recorder.wait_for(to_number(sender), count=2)[1].form["Body"]
    assert reply.startswith(first.answer)
    assert KNOWLEDGE.disclaimer in reply
    assert LUPUS.answer not in reply


def test_twilio_red_flag_gets_the_emergency_message(platforms: Platforms):
    sender = new_whatsapp_sender()
    assert platforms.twilio(sender, "I have chest pain right now")[0] == 204
    [sent] = platforms.recorder.wait_for(to_number(sender))
    chest = next(flag for flag in KNOWLEDGE.red_flags if flag.id == "chest_pain")
    assert sent.form["Body"].startswith(KNOWLEDGE.levels["emergency"])
    assert chest.advice in sent.form["Body"]
    assert sent.form["Body"].endswith(KNOWLEDGE.disclaimer)


@pytest.mark.parametrize("signature", [None, "", "bm90IGEgc2lnbmF0dXJl", "other-key"])
def test_twilio_request_without_a_valid_signature_is_refused_and_sends_nothing(platforms: Platforms, signature: Optional[str]):
    sender = new_whatsapp_sender()
    status, _ = platforms.twilio(sender, "hello", signature=signature)
    assert status == 403
    # a signed message afterwards is answered once: the refused one made no call
    assert platforms.twilio(sender, "hello")[0] == 204
    platforms.recorder.wait_for(to_number(sender))
    assert len([c for c in platforms.recorder.snapshot() if to_number(sender)(c)]) == 1


# --- Slack ------------------------------------------------------------------------------------------------------


def test_slack_direct_message_gets_the_answer_with_buttons(platforms: Platforms):
    channel = "D07" + secrets.token_hex(4).upper()
    assert platforms.slack(slack_event("U07ANA", channel, "why does lupus hurt so much?")) == (200, "")
    [sent] = platforms.recorder.wait_for(to_slack_channel(channel))
    assert sent.headers["Authorization"] == f"Bearer {platforms.env['SLACK_TOKEN']}"
    lupus = LUPUS
    text, actions = sent.json["blocks"]
    assert text["text"]["text"].startswith(lupus.answer)
    assert text["text"]["text"].endswith(KNOWLEDGE.disclaimer)
    assert [button["value"] for button in actions["elements"]] == [t.payload for t in lupus.related]


def test_slack_menu_of_more_than_five_topics_is_numbered_and_a_number_picks_one(platforms: Platforms):
    channel = "D07" + secrets.token_hex(4).upper()
    menu = menu_topics(KNOWLEDGE)
    assert len(menu) > 5  # Rasa's Slack output would drop all the buttons
    assert platforms.slack(slack_event("U07BEN", channel, "hello"))[0] == 200
    [greeting] = platforms.recorder.wait_for(to_slack_channel(channel))
    assert "blocks" not in greeting.json
    assert greeting.json["text"].startswith(KNOWLEDGE.messages["greeting"])
    assert greeting.json["text"].endswith("\n".join(f"{n}. {t.title}" for n, t in enumerate(menu, 1)))
    assert platforms.slack(slack_event("U07BEN", channel, "2"))[0] == 200
    answer = platforms.recorder.wait_for(to_slack_channel(channel), count=2)[1]
    assert answer.json["text"].startswith(menu[1].answer)


def test_slack_request_without_a_valid_signature_is_refused(platforms: Platforms):
    channel = "D07" + secrets.token_hex(4).upper()
    status, _ = platforms.slack(slack_event("U07EVE", channel, "hello"), signed=False)
    assert status == 400
    time.sleep(2)
    assert not [c for c in platforms.recorder.snapshot() if to_slack_channel(channel)(c)]


# --- Facebook Messenger -----------------------------------------------------------------------------------------


def test_messenger_webhook_verification_echoes_the_challenge(platforms: Platforms):
    query = urllib.parse.urlencode(
        {"hub.mode": "subscribe", "hub.verify_token": platforms.env["FACEBOOK_VERIFY"], "hub.challenge": "1158201444"}
    )
    with urllib.request.urlopen(f"{platforms.url('facebook')}?{query}", timeout=10) as response:
        assert response.read().decode() == "1158201444"


def test_messenger_answer_has_numbered_options_and_quick_replies_that_work(platforms: Platforms):
    psid = str(6_000_000_000_000_000 + secrets.randbelow(10**15))
    assert platforms.facebook(messenger_event(psid, "why does lupus hurt so much?")) == (200, "success")
    [sent] = platforms.recorder.wait_for(to_psid(psid))
    assert sent.query["access_token"] == platforms.env["FACEBOOK_PAGE_ACCESS_TOKEN"]
    message = sent.json["message"]
    lupus = LUPUS
    related = lupus.related
    assert message["text"].startswith(lupus.answer)
    assert f"{KNOWLEDGE.disclaimer}\n\nReply with a number:\n1. {related[0].title}" in message["text"]
    assert message["quick_replies"] == [
        {"content_type": "text", "title": str(n), "payload": t.payload} for n, t in enumerate(related, 1)
    ]
    # tapping quick reply 2 sends its payload; typing "1" works too
    assert platforms.facebook(messenger_event(psid, "2", quick_reply=related[1].payload)) == (200, "success")
    assert platforms.facebook(messenger_event(psid, "1"))[0] == 200
    _, second, third = platforms.recorder.wait_for(to_psid(psid), count=3)
    assert second.json["message"]["text"].startswith(related[1].answer)
    assert third.json["message"]["text"].startswith(typed(KNOWLEDGE, related[1].payload).related[0].answer)


def test_messenger_request_with_a_wrong_signature_is_ignored(platforms: Platforms):
    psid = str(6_000_000_000_000_000 + secrets.randbelow(10**15))
    assert platforms.facebook(messenger_event(psid, "hello"), signed=False)[0] == 403
    assert not [c for c in platforms.recorder.snapshot() if c.is_messenger_send and c.json["recipient"]["id"] == psid]
