"""Turn a numbered reply ("2") into the payload of the button the bot offered.

The offered buttons are read from the conversation store (the bot's last
messages in the tracker), so a reply still works after a restart and when
several Rasa servers share the store. Anything that is not a number of an
offered button goes to NLU unchanged.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import UserUttered
from sanic import Blueprint, Sanic

from channels.guard import OnNewMessage
from channels.numbered import choice_number, chosen_payload, offered_buttons

logger = logging.getLogger(__name__)


class NumberedChoices:
    """Resolves numbered replies against the tracker store of the running Rasa app."""

    def __init__(self) -> None:
        self.app: Optional[Sanic] = None

    def attach(self, blueprint: Blueprint) -> None:
        """Remember the Sanic app (its ``ctx.agent`` holds the tracker store) when the server starts."""

        @blueprint.listener("before_server_start")
        async def remember_app(app: Sanic, _loop: Any) -> None:
            self.app = app

    async def _recent_events(self, sender_id: Text) -> List[Dict[Text, Any]]:
        """The conversation's events since (and including) the user's last message, as dictionaries."""
        agent = getattr(self.app.ctx, "agent", None) if self.app is not None else None
        if agent is None or agent.tracker_store is None:
            return []
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is None:
            return []
        recent = []
        for event in reversed(tracker.events):
            recent.append(event.as_dict())
            if isinstance(event, UserUttered):
                break
        recent.reverse()
        return recent

    def _max_age_seconds(self) -> float:
        """Offered buttons expire with the conversation session (domain ``session_config``)."""
        agent = getattr(self.app.ctx, "agent", None) if self.app is not None else None
        domain = getattr(agent, "domain", None)
        minutes = domain.session_config.session_expiration_time if domain is not None else 0
        return float(minutes) * 60

    async def resolve(self, sender_id: Text, text: Text) -> Text:
        """The payload chosen by ``text``, or ``text`` itself."""
        if choice_number(text) is None:
            return text
        try:
            buttons = offered_buttons(await self._recent_events(sender_id), time.time(), self._max_age_seconds())
        except Exception:  # the store is down: the number goes to NLU, the turn goes on
            logger.exception("could not read the offered options of a conversation")
            return text
        return chosen_payload(text, buttons) or text

    def wrap(self, on_new_message: OnNewMessage) -> OnNewMessage:
        """``on_new_message`` that first turns a numbered reply into the chosen payload."""

        async def resolving(message: UserMessage) -> None:
            if message.text is not None:
                message.text = await self.resolve(message.sender_id, message.text)
            await on_new_message(message)

        return resolving
