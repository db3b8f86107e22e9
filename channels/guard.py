"""Wrap Rasa's ``on_new_message``: every message checked and cleaned, every turn at least one reply.

A message over the size cap gets the ``message_too_long`` reply and never
reaches the NLU; the others are cleaned of odd characters first
(:mod:`channels.inputs`). Log lines name the sender by its pseudonym
(:func:`channels.privacy.pseudonym`), never by its id.
"""

from __future__ import annotations

import functools
import logging
from contextvars import ContextVar
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from assistant.clinic import clinic_contact
from assistant.knowledge import get_knowledge
from assistant.replies import render, unavailable_reply
from channels.inputs import clean_text, is_too_long, too_long_text
from channels.privacy import pseudonym

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


@functools.cache
def unavailable_text() -> str:
    """The apology sent when a turn produced no reply (knowledge text, contact, disclaimer)."""
    return render(get_knowledge(), unavailable_reply(get_knowledge(), clinic_contact()))


# Messages sent in the current turn. A context variable, not a counter on the channel: one output
# channel object may serve several conversations at once (each turn runs in its own asyncio task).
_sent_this_turn: ContextVar[Optional[List[int]]] = ContextVar("sent_this_turn", default=None)


def _count_sends(channel: OutputChannel) -> None:
    """Make ``channel.send_response`` count into the current turn's counter (once per channel object)."""
    if getattr(channel, "_guard_counts_sends", False):
        return
    original = channel.send_response

    async def counting(recipient_id: Text, response: Dict[Text, Any]) -> None:
        counter = _sent_this_turn.get()
        if counter is not None:
            counter[0] += 1
        await original(recipient_id, response)

    channel.send_response = counting  # type: ignore[method-assign]
    channel._guard_counts_sends = True  # type: ignore[attr-defined]


def guard(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that refuses over-long messages, cleans the text, and sends the apology on silence."""

    async def guarded(message: UserMessage) -> None:
        channel = message.output_channel
        if message.text is not None:
            if is_too_long(message.text):
                logger.info("a message of %d characters from %s was too long", len(message.text), pseudonym(message.sender_id))
                await channel.send_text_message(message.sender_id, too_long_text())
                return
            message.text = clean_text(message.text)
        _count_sends(channel)
        counter = [0]
        token = _sent_this_turn.set(counter)
        try:
            await on_new_message(message)
        except Exception:  # the user still gets an answer; the cause goes to the log, never the text
            logger.exception("handling a message failed (sender %s)", pseudonym(message.sender_id))
        finally:
            _sent_this_turn.reset(token)
        if counter[0] == 0:
            logger.warning(
                "no reply for sender %s: sending the 'action_unavailable' apology", pseudonym(message.sender_id)
            )
            await channel.send_text_message(message.sender_id, unavailable_text())

    return guarded
