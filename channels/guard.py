"""Wrap Rasa's ``on_new_message`` so that every turn gets at least one reply."""

from __future__ import annotations

import functools
import logging
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import UserMessage

from actions.clinic import clinic_contact
from actions.knowledge import get_knowledge
from actions.replies import render, unavailable_reply

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


@functools.cache
def unavailable_text() -> str:
    """The apology sent when a turn produced no reply (knowledge text, contact, disclaimer)."""
    return render(get_knowledge(), unavailable_reply(get_knowledge(), clinic_contact()))


def guard(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that sends the apology when the bot said nothing."""

    async def guarded(message: UserMessage) -> None:
        channel = message.output_channel
        original = channel.send_response
        sent = 0

        async def counting(recipient_id: Text, response: Dict[Text, Any]) -> None:
            nonlocal sent
            sent += 1
            await original(recipient_id, response)

        channel.send_response = counting  # type: ignore[method-assign]
        try:
            await on_new_message(message)
        except Exception:  # the user still gets an answer; the cause goes to the log, never the text
            logger.exception("handling a message failed (sender %s)", message.sender_id)
        finally:
            channel.send_response = original  # type: ignore[method-assign]
        if sent == 0:
            logger.warning("no reply for sender %s: sending the 'action_unavailable' apology", message.sender_id)
            await channel.send_text_message(message.sender_id, unavailable_text())

    return guarded
