"""Messaging platforms without a Rasa server: numbered options, the credentials filter, the connectors' output."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Dict, List

import pytest
from aiogram.bot.api import TELEGRAM_PRODUCTION
from aiogram.types import Update
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.shared.utils.io import read_config_file
from twilio.http.async_http_client import AsyncTwilioHttpClient

from assistant.knowledge import Knowledge
from assistant.paths import DOCS_DIR
from assistant.replies import render, topic_reply
from assistant.topics import menu_topics
from channels.choices import NumberedChoices
from channels.facebook import NumberedMessengerBot
from channels.numbered import choice_number, chosen_payload, numbered_text, offered_buttons, split_text
from channels.slack import NumberedSlackBot
from channels.telegram import GuardedTelegramInput, KeyboardTelegramOutput
from channels.twilio import MAX_BODY, GuardedTwilioInput, NumberedTwilioOutput
from tools import credentials as creds

BUTTONS = [
    {"title": "Joint pain", "payload": '/ask_pain_type{"pain_type":"joint"}'},
    {"title": "Nerve pain", "payload": '/ask_pain_type{"pain_type":"nerve"}'},
    {"title": "Why it can be hard to diagnose", "payload": "/ask_diagnosis_difficulty"},
]


# --- numbered options (channels/numbered.py) --------------------------------------------------------------------


def test_numbered_text_lists_the_titles_under_the_text_without_payloads():
    assert numbered_text("Lupus answer.\nDisclaimer.", BUTTONS) == (
        "Lupus answer.\nDisclaimer.\n\nReply with a number:\n1. Joint pain\n2. Nerve pain\n3. Why it can be hard to diagnose"
    )
    assert numbered_text("Just text.", []) == "Just text."
    assert numbered_text("", BUTTONS[:1]) == "Reply with a number:\n1. Joint pain"


@pytest.mark.parametrize("text, number", [("2", 2), (" 2 ", 2), ("2.", 2), ("2)", 2), ("#3", 3), ("10", 10)])
def test_a_reply_made_of_a_number_is_a_choice(text: str, number: int):
    assert choice_number(text) == number


@pytest.mark.parametrize("text", ["", "two", "2 please", "option 2", "1.5", "123", "-1", "/ask_stress"])
def test_anything_else_is_not_a_choice(text: str):
    assert choice_number(text) is None


def test_chosen_payload_maps_numbers_in_range_only():
    assert chosen_payload("1", BUTTONS) == BUTTONS[0]["payload"]
    assert chosen_payload(" 3. ", BUTTONS) == BUTTONS[2]["payload"]
    assert chosen_payload("0", BUTTONS) is None
    assert chosen_payload("4", BUTTONS) is None
    assert chosen_payload("1", []) is None
    assert chosen_payload("stress", BUTTONS) is None


def _bot(text: str, buttons: List[Dict[str, str]], timestamp: float = 1000.0) -> Dict[str, Any]:
    return {"event": "bot", "text": text, "timestamp": timestamp, "data": {"buttons": buttons}}


def test_offered_buttons_are_those_of_the_latest_bot_message_since_the_user_spoke():
    user = {"event": "user", "text": "lupus?", "timestamp": 999.0}
    older = _bot("menu", [{"title": "Old", "payload": "/greet"}])
    assert offered_buttons([older, user, _bot("answer", BUTTONS)], now=1001) == BUTTONS
    # a later message without buttons in the same turn keeps the options of the one before
    assert offered_buttons([user, _bot("answer", BUTTONS), _bot("more text", [])], now=1001) == BUTTONS
    # options offered before the user's last message are stale
    assert offered_buttons([older, user, _bot("no buttons", [])], now=1001) == []
    assert offered_buttons([], now=1001) == []


def test_offered_buttons_expire_with_the_session():
    events = [_bot("answer", BUTTONS, timestamp=1000.0)]
    assert offered_buttons(events, now=1000 + 3599, max_age_seconds=3600) == BUTTONS
    assert offered_buttons(events, now=1000 + 3601, max_age_seconds=3600) == []
    assert offered_buttons(events, now=1000 + 10**6, max_age_seconds=0) == BUTTONS  # 0: sessions never expire


def test_split_text_keeps_short_texts_whole_and_cuts_long_ones_at_line_breaks():
    assert split_text("short", 1600) == ["short"]
    lines = [f"line {n} " + "x" * 50 for n in range(100)]
    parts = split_text("\n".join(lines), 1600)
    assert len(parts) > 1
    assert all(len(part) <= 1600 for part in parts)
    assert "\n".join(parts).split("\n") == lines  # nothing lost, every cut at a line break
    assert split_text("y" * 3500, 1600) == ["y" * 1600, "y" * 1600, "y" * 300]


# --- numbered replies from the conversation store (channels/choices.py) -----------------------------------------


class _Ctx:
    def __init__(self, agent: Any) -> None:
        self.agent = agent


class _App:
    def __init__(self, agent: Any) -> None:
        self.ctx = _Ctx(agent)


class _Agent:
    def __init__(self, store: Any, expiration_minutes: float = 60) -> None:
        self.tracker_store = store
        self.domain = Domain.from_dict({"session_config": {"session_expiration_time": expiration_minutes}})


async def _store_with(sender: str, *events: Any) -> InMemoryTrackerStore:
    store = InMemoryTrackerStore(Domain.empty())
    await store.save(DialogueStateTracker.from_events(sender, list(events)))
    return store


async def test_a_number_becomes_the_payload_offered_in_the_stored_conversation():
    now = time.time()
    store = await _store_with(
        "whatsapp:+15551234567",
        ActionExecuted("action_listen", timestamp=now - 5),
        UserUttered("why does lupus hurt?", timestamp=now - 4),
        BotUttered("Lupus answer", data={"buttons": BUTTONS}, timestamp=now - 3),
        ActionExecuted("action_listen", timestamp=now - 2),
    )
    choices = NumberedChoices()
    choices.app = _App(_Agent(store))  # type: ignore[assignment]
    assert await choices.resolve("whatsapp:+15551234567", "2") == BUTTONS[1]["payload"]
    assert await choices.resolve("whatsapp:+15551234567", "4") == "4"
    assert await choices.resolve("whatsapp:+15551234567", "does stress matter?") == "does stress matter?"
    assert await choices.resolve("someone-else", "2") == "2"


async def test_options_older_than_the_session_are_not_used():
    long_ago = time.time() - 2 * 3600
    store = await _store_with("s", BotUttered("Lupus answer", data={"buttons": BUTTONS}, timestamp=long_ago))
    choices = NumberedChoices()
    choices.app = _App(_Agent(store, expiration_minutes=60))  # type: ignore[assignment]
    assert await choices.resolve("s", "1") == "1"


async def test_a_failing_store_leaves_the_text_to_nlu():
    class BrokenStore:
        async def retrieve(self, sender_id: str) -> None:
            raise ConnectionError("database down")

    choices = NumberedChoices()
    choices.app = _App(_Agent(BrokenStore()))  # type: ignore[assignment]
    assert await choices.resolve("s", "1") == "1"
    assert await NumberedChoices().resolve("s", "1") == "1"  # server not started yet: no app


# --- the connectors' output, with the platform clients replaced by recorders ------------------------------------


async def test_twilio_sends_one_message_with_numbered_options(knowledge: Knowledge):
    client = AsyncTwilioHttpClient(pool_connections=False)
    output = NumberedTwilioOutput("AC" + "0" * 32, "f" * 32, "whatsapp:+15557654321", client)
    sent: List[Dict[str, Any]] = []

    async def record(message_data: Dict[str, Any]) -> None:
        sent.append(dict(message_data))

    output._send_message = record  # type: ignore[method-assign]
    reply = topic_reply(knowledge, knowledge.topic("lupus"))
    await output.send_response("whatsapp:+15551234567", {"text": render(knowledge, reply), "buttons": list(reply.buttons)})
    assert len(sent) == 1
    assert sent[0]["to"] == "whatsapp:+15551234567"
    assert sent[0]["from_"] == "whatsapp:+15557654321"
    assert sent[0]["body"] == numbered_text(render(knowledge, reply), reply.buttons)
    sent.clear()
    await output.send_text_message("+15551234567", "z" * (MAX_BODY + 10))
    assert [len(m["body"]) for m in sent] == [MAX_BODY, 10]


def test_twilio_needs_the_public_webhook_url():
    settings = {"account_sid": "AC" + "0" * 32, "auth_token": "f" * 32, "twilio_number": "+15557654321"}
    with pytest.raises(RasaException, match="webhook_url"):
        GuardedTwilioInput.from_credentials(settings)
    channel = GuardedTwilioInput.from_credentials({**settings, "webhook_url": "https://example.org/webhooks/twilio/webhook"})
    assert channel.name() == "twilio"


class _SlackClient:
    def __init__(self) -> None:
        self.posts: List[Dict[str, Any]] = []

    async def chat_postMessage(self, **kwargs: Any) -> None:  # noqa: N802 (Slack's name)
        self.posts.append(kwargs)


async def test_slack_shows_up_to_five_buttons_and_numbers_longer_menus(knowledge: Knowledge):
    bot = NumberedSlackBot("xoxb-test", None)
    bot.client = _SlackClient()  # type: ignore[assignment]
    await bot.send_text_with_buttons("D01", "Lupus answer", BUTTONS)
    assert [e["value"] for e in bot.client.posts[0]["blocks"][1]["elements"]] == [b["payload"] for b in BUTTONS]
    menu = [{"title": t.title, "payload": t.payload} for t in menu_topics(knowledge)]
    assert len(menu) > 5
    await bot.send_text_with_buttons("D01", "Hello", menu)
    assert bot.client.posts[1]["text"] == numbered_text("Hello", menu)
    assert "blocks" not in bot.client.posts[1]


class _MessengerClient:
    def __init__(self) -> None:
        self.sent: List[Dict[str, Any]] = []

    def send(self, payload: Dict[str, Any], recipient_id: str, messaging_type: str = "RESPONSE") -> None:
        self.sent.append({"recipient": recipient_id, **payload})


async def test_messenger_numbers_the_options_and_adds_number_quick_replies(knowledge: Knowledge):
    client = _MessengerClient()
    bot = NumberedMessengerBot(client)  # type: ignore[arg-type]
    text = render(knowledge, topic_reply(knowledge, knowledge.topic("pain_mechanisms")))
    assert len(text) > 640  # too long for Messenger's button template
    await bot.send_text_with_buttons("psid-1", text, BUTTONS)
    assert client.sent == [{
        "recipient": "psid-1",
        "text": numbered_text(text, BUTTONS),
        "quick_replies": [{"content_type": "text", "title": str(n), "payload": b["payload"]} for n, b in enumerate(BUTTONS, 1)],
    }]


async def test_telegram_keyboard_is_vertical_and_too_long_payloads_become_numbers():
    output = KeyboardTelegramOutput("123456789:AAtest-token", TELEGRAM_PRODUCTION)
    calls: List[Dict[str, Any]] = []

    async def record(chat_id: Any, text: str, **kwargs: Any) -> None:
        calls.append({"chat_id": chat_id, "text": text, **kwargs})

    output.send_message = record  # type: ignore[method-assign]
    await output.send_text_with_buttons("42", "Lupus answer", BUTTONS)
    rows = calls[0]["reply_markup"].inline_keyboard
    assert [[button.callback_data for button in row] for row in rows] == [[b["payload"]] for b in BUTTONS]
    long_payload = [{"title": "Too long", "payload": "/ask_disease" + "x" * 60}]
    await output.send_text_with_buttons("42", "Text", long_payload)
    assert calls[1] == {"chat_id": "42", "text": numbered_text("Text", long_payload)}


@pytest.mark.parametrize(
    "message, text",
    [
        ({"text": "/start"}, "/greet"),
        ({"text": "/start@autoimmune_pain_bot"}, "/greet"),
        ({"text": "/help"}, "/ask_capabilities"),
        ({"text": "why does lupus hurt so much?"}, "why does lupus hurt so much?"),
        ({"sticker": {"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1, "is_animated": False}}, None),
    ],
)
def test_telegram_update_text(message: Dict[str, Any], text: Any):
    update = Update(update_id=1, message={"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, **message})
    assert GuardedTelegramInput("1:a", "bot", "https://x").message_text(update) == text


def test_telegram_needs_token_name_and_url_and_makes_no_network_call():
    with pytest.raises(RasaException, match="webhook_url"):
        GuardedTelegramInput.from_credentials({"access_token": "123:abc", "verify": "bot"})
    channel = GuardedTelegramInput.from_credentials(
        {"access_token": "123:abc", "verify": "bot", "webhook_url": "https://x/webhooks/telegram/webhook",
         "api_server": "http://127.0.0.1:9"}
    )
    assert channel.server.api_url("123:abc", "sendMessage") == "http://127.0.0.1:9/bot123:abc/sendMessage"
    assert channel.secret_token is None


# --- the credentials filter (tools/credentials.py) --------------------------------------------------------------

SOURCE = """\
channels.rest.GuardedRestInput:

channels.socketio.GuardedSocketIOInput:
  session_persistence: true

channels.telegram.GuardedTelegramInput:
  access_token: ${TG_TOKEN}
  verify: ${TG_NAME}
  secret_token: ${TG_SECRET}   # optional
channels.twilio.GuardedTwilioInput:
  account_sid: ${TW_SID}
  auth_token: ${TW_TOKEN}
"""


def test_only_the_web_channels_when_no_platform_is_configured():
    selection = creds.select(SOURCE, {})
    assert list(selection.credentials) == ["channels.rest.GuardedRestInput", "channels.socketio.GuardedSocketIOInput"]
    assert [(c.name, c.on) for c in selection.connectors] == [("telegram", False), ("twilio", False)]
    assert creds.report(selection) == (["messaging connectors on: none; off: telegram, twilio"], [])


def test_a_connector_is_on_when_its_required_variables_are_set_and_optional_keys_are_dropped_when_unset():
    selection = creds.select(SOURCE, {"TG_TOKEN": "123:abc", "TG_NAME": "bot"})
    assert selection.credentials["channels.telegram.GuardedTelegramInput"] == {
        "access_token": "${TG_TOKEN}", "verify": "${TG_NAME}"
    }
    with_secret = creds.select(SOURCE, {"TG_TOKEN": "123:abc", "TG_NAME": "bot", "TG_SECRET": "s3"})
    assert with_secret.credentials["channels.telegram.GuardedTelegramInput"]["secret_token"] == "${TG_SECRET}"
    [telegram, _] = with_secret.connectors
    assert (telegram.required, telegram.optional) == (("TG_TOKEN", "TG_NAME"), ("TG_SECRET",))


def test_a_partly_configured_connector_is_off_with_a_warning_naming_the_missing_variables():
    selection = creds.select(SOURCE, {"TW_SID": "AC1", "TW_TOKEN": "  ", "TG_SECRET": "s3"})
    assert "channels.twilio.GuardedTwilioInput" not in selection.credentials  # a blank value is not set
    info, warnings = creds.report(selection)
    assert info == ["messaging connectors on: none; off: telegram, twilio"]
    assert warnings == [
        "warning: telegram is OFF: TG_TOKEN, TG_NAME not set (it needs TG_TOKEN, TG_NAME)",
        "warning: twilio is OFF: TW_TOKEN not set (it needs TW_SID, TW_TOKEN)",
    ]


def test_the_written_file_keeps_placeholders_and_rasa_fills_them_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    env = {"TW_SID": "AC-secret-sid", "TW_TOKEN": "secret-token-value"}
    out = tmp_path / "var" / "credentials.yml"
    source = tmp_path / "credentials.yml"
    source.write_text(SOURCE)
    assert creds.main([str(out), "--source", str(source)], env=env) == 0
    written = out.read_text()
    assert "${TW_TOKEN}" in written and "secret-token-value" not in written and "AC-secret-sid" not in written
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = read_config_file(str(out))
    assert config["channels.twilio.GuardedTwilioInput"] == {"account_sid": "AC-secret-sid", "auth_token": "secret-token-value"}
    assert "channels.telegram.GuardedTelegramInput" not in config
    assert config["channels.socketio.GuardedSocketIOInput"] == {"session_persistence": True}


def test_main_prints_the_connectors_and_warns_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    source = tmp_path / "credentials.yml"
    source.write_text(SOURCE)
    assert creds.main([str(tmp_path / "out.yml"), "--source", str(source)], env={"TG_TOKEN": "1:a", "TG_NAME": "b"}) == 0
    out, err = capsys.readouterr()
    assert out == "messaging connectors on: telegram; off: twilio\n"
    assert err == ""
    assert creds.main([str(tmp_path / "out.yml"), "--source", str(tmp_path / "missing.yml")], env={}) == 1


def test_the_projects_credentials_file_needs_exactly_the_documented_variables():
    text = creds.DEFAULT_SOURCE.read_text(encoding="utf-8")
    connectors = {c.name: c for c in creds.select(text, {}).connectors}
    assert {name: (c.required, c.optional) for name, c in connectors.items()} == {
        "telegram": (("TELEGRAM_ACCESS_TOKEN", "TELEGRAM_VERIFY", "TELEGRAM_WEBHOOK_URL"),
                     ("TELEGRAM_SECRET_TOKEN", "TELEGRAM_API_SERVER")),
        "twilio": (("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER", "TWILIO_WEBHOOK_URL"), ()),
        "slack": (("SLACK_TOKEN", "SLACK_SIGNING_SECRET"), ("SLACK_CHANNEL",)),
        "facebook": (("FACEBOOK_VERIFY", "FACEBOOK_SECRET", "FACEBOOK_PAGE_ACCESS_TOKEN"), ()),
    }
    docs = (DOCS_DIR / "messaging.md").read_text(encoding="utf-8")
    for connector in connectors.values():
        for name in connector.required + connector.optional:
            assert f"`{name}`" in docs
