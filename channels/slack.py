"""Slack (``/webhooks/slack/webhook``).

Rasa's connector checks ``X-Slack-Signature`` with the signing secret (and
refuses to start without one). It shows at most 5 buttons and silently drops
all of them when there are more (the topic menu has more); here those replies
carry the options numbered in the text, and typing a number picks one
(:mod:`channels.choices`). An event seen before (same ``event_id``, or the
same ``client_msg_id``) within the replay window is not answered again
(:mod:`channels.replays`). A turn without a reply gets the apology
(:func:`channels.guard.guard`).
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request

from channels import inputs
from channels.choices import NumberedChoices
from channels.guard import OnNewMessage, guard
from channels.numbered import numbered_text
from channels.replays import RecentIds

logger = logging.getLogger(__name__)

MAX_BUTTONS = 5  # what Rasa's Slack output shows as buttons


def event_ids(request: Request) -> List[str]:
    """The ids a Slack event is known by: ``event_id`` and the message's ``client_msg_id`` (JSON events only)."""
    if request.headers.get("content-type") != "application/json":
        return []
    try:
        body = request.json
    except Exception:  # Rasa's handler answers malformed bodies itself
        return []
    if not isinstance(body, dict):
        return []
    event = body.get("event") if isinstance(body.get("event"), dict) else {}
    found = [("event", body.get("event_id")), ("message", event.get("client_msg_id"))]
    return [f"{kind}:{value}" for kind, value in found if isinstance(value, str) and value]


class NumberedSlackBot(SlackBot):
    """Slack output: more than 5 buttons become numbered options in one message."""

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        """Buttons when Slack shows them all, else one message with numbered options."""
        if len(buttons) <= MAX_BUTTONS:
            await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)
            return
        await self._post_message(
            channel=self.slack_channel or recipient_id, as_user=True, text=numbered_text(text, buttons), type="mrkdwn"
        )


class GuardedSlackInput(SlackInput):
    """Rasa's Slack input with numbered options and the no-silence guard."""

    @classmethod
    def name(cls) -> Text:
        """Keep the URL ``/webhooks/slack/webhook``."""
        return "slack"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = NumberedChoices()
        self.recent = RecentIds()

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> NumberedSlackBot:
        """The numbered output for the Slack channel (or direct message) of the message."""
        return NumberedSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Text,
        sender_id: Optional[Text],
        metadata: Optional[Dict],
    ) -> Any:
        """Rasa's handling of a signed user message, unless its event was seen before."""
        ids = event_ids(request)
        replayed = [self.recent.seen(key) for key in ids]  # remember every id, even when one was already known
        if any(replayed):
            logger.info("slack: an event already received was sent again: not answered twice")
            return response.text("")
        return await super().process_message(request, on_new_message, text, sender_id, metadata)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's blueprint around the guarded, number-resolving handler."""
        slack_webhook = super().blueprint(guard(self.choices.wrap(on_new_message)))
        self.choices.attach(slack_webhook)
        inputs.attach(slack_webhook)
        return slack_webhook
