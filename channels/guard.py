"""Wrap Rasa's ``on_new_message``: every message checked and cleaned, every turn answered in time.

* A message over the size cap gets the ``message_too_long`` reply and never reaches the NLU;
  the others are cleaned first (:mod:`channels.inputs`).
* **One turn at a time per conversation, a few waiting at most.** Messages of one conversation
  wait their turn here, in order, so Rasa's lock never polls; past ``MAX_WAITING_MESSAGES``
  waiting (default 5) a message gets ``still_answering`` at once, and past
  ``MAX_MESSAGES_PER_MINUTE`` (default 30) ``too_many_messages``: refused with a clear reply,
  never queued into a time-out. Neither is stored.
* **A reply in time.** A turn with no reply after ``TURN_TIMEOUT_SECONDS`` (default 20, under
  Sanic's response time-out and Rasa's lock lifetime) gets the apology; the turn itself goes on
  and is stored. A turn that ends with no reply (the action server down or frozen: its calls
  time out, :mod:`server.patches`) gets the apology too. A cancelled request (a closed
  connection) leaves the turn running; nothing slips past as ``[]``.
* Every reply sent without reading the message (too long, still answering, too many) ends with
  the ``emergency_line``: it may carry an emergency nobody has read. The apology ends with the
  disclaimer, which names the emergency number.
* **In the person's language.** The guard's own replies (too long, still answering, too many, the
  apology) are in the language of the message's script (:func:`assistant.language.message_language`):
  they are sent before the NLU tags it.
* Log lines name the sender by its pseudonym, and the turn's text and sender are hidden from
  every record written while it runs (:mod:`server.logs`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from contextvars import ContextVar
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import OutputChannel, UserMessage

from assistant.clinic import knowledge_contact
from assistant.knowledge import get_knowledge
from assistant.language import message_language
from assistant.replies import paragraphs, render, unavailable_reply
from channels.inputs import clean_text, is_too_long, too_long_text
from server.logs import turn_context
from server.privacy import pseudonym
from server.settings import TurnLimits

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class Conversations:
    """One channel's conversations in progress: each one's turn lock, how many wait, how many came this minute."""

    def __init__(self, limits: TurnLimits) -> None:
        self.limits = limits
        self._locks: Dict[str, asyncio.Lock] = {}
        self._waiting: Dict[str, int] = {}
        self._minutes: Dict[str, Tuple[int, int]] = {}

    def refusal(self, sender: str, now: float) -> Optional[str]:
        """The message key to refuse this message with (``still_answering``, ``too_many_messages``), or None:
        then the message has its place in the queue, and must take its :meth:`turn`."""
        minute = int(now // 60)
        if len(self._minutes) > 10_000:  # forget the senders of earlier minutes
            self._minutes = {s: seen for s, seen in self._minutes.items() if seen[0] == minute}
        seen_minute, count = self._minutes.get(sender, (minute, 0))
        count = count + 1 if seen_minute == minute else 1
        self._minutes[sender] = (minute, count)
        if count > self.limits.messages_per_minute:
            return "too_many_messages"
        if self._waiting.get(sender, 0) >= self.limits.waiting_messages:
            return "still_answering"
        self._waiting[sender] = self._waiting.get(sender, 0) + 1
        return None

    @contextlib.asynccontextmanager
    async def turn(self, sender: str) -> AsyncIterator[None]:
        """Wait for this conversation's earlier turns, in order, then hold its turn (its place was taken by :meth:`refusal`)."""
        lock = self._locks.setdefault(sender, asyncio.Lock())
        try:
            async with lock:
                yield
        finally:
            self._waiting[sender] -= 1
            if not self._waiting[sender]:
                del self._waiting[sender]
                del self._locks[sender]


@functools.cache
def unavailable_text(language: Optional[str] = None) -> str:
    """The apology sent when a turn produced no reply (knowledge text, contact, the disclaimer with the emergency number)."""
    knowledge = get_knowledge(language)
    return render(knowledge, unavailable_reply(knowledge, knowledge_contact(knowledge)))


def unread_reply(key: str, language: Optional[str] = None) -> str:
    """A reply sent without reading the message, in ``language`` (the first by default): its text and the emergency line."""
    knowledge = get_knowledge(language)
    text = too_long_text(language) if key == "message_too_long" else knowledge.messages[key]
    return paragraphs(text, knowledge.messages["emergency_line"])


# How much of a message over the cap is looked at for its script.
_SCRIPT_SAMPLE = 2000


def _language_of(text: Optional[str]) -> Optional[str]:
    """The language of a message's script (the guard answers before the NLU has read it)."""
    return message_language((text or "")[:_SCRIPT_SAMPLE], get_knowledge())


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


def _log_outcome(task: asyncio.Task) -> None:
    """Log a turn that failed after its request stopped waiting for it (never the text)."""
    if not task.cancelled() and task.exception() is not None:
        logger.error("a turn failed after its time limit", exc_info=task.exception())


async def _answer(on_new_message: OnNewMessage, message: UserMessage, conversations: Conversations) -> None:
    async with conversations.turn(message.sender_id):
        await on_new_message(message)


async def _answer_in_time(on_new_message: OnNewMessage, message: UserMessage, conversations: Conversations) -> None:
    """Run the turn; stop waiting for it after the time limit (it goes on, and is stored)."""
    task = asyncio.ensure_future(_answer(on_new_message, message, conversations))
    who = pseudonym(message.sender_id)
    try:
        await asyncio.wait_for(asyncio.shield(task), conversations.limits.turn_seconds)
    except asyncio.TimeoutError:
        logger.warning("no reply within %.0f s for sender %s: the apology now, the turn goes on",
                       conversations.limits.turn_seconds, who)
        task.add_done_callback(_log_outcome)
    except asyncio.CancelledError:  # the request went away (closed connection, Sanic's time-out)
        logger.warning("the request of sender %s was cancelled; the turn goes on and is stored", who)
        task.add_done_callback(_log_outcome)
        raise
    except Exception:  # the user still gets an answer; the cause goes to the log, never the text
        logger.exception("handling a message failed (sender %s)", who)


def _checked_text(message: UserMessage) -> Optional[str]:
    """The cleaned text, or None when the message is over the cap (before or after cleaning)."""
    text = message.text or ""
    if not is_too_long(text):
        text = clean_text(text)
    if is_too_long(text):  # before and after cleaning: NFKC can lengthen a text
        logger.info("a message of %d characters from %s was too long", len(text), pseudonym(message.sender_id))
        return None
    return text


def guard(on_new_message: OnNewMessage, limits: Optional[TurnLimits] = None) -> OnNewMessage:
    """``on_new_message`` that checks, cleans, queues, limits and times each message, and never stays silent."""
    conversations = Conversations(limits or TurnLimits.from_env())

    async def guarded(message: UserMessage) -> None:
        channel, sender = message.output_channel, message.sender_id
        raw = message.text
        text = _checked_text(message) if raw is not None else None
        with turn_context(sender, raw, text):
            language = _language_of(text if text is not None else raw)
            if raw is not None:
                if text is None:
                    await channel.send_text_message(sender, unread_reply("message_too_long", language))
                    return
                message.text = text
            refusal = conversations.refusal(sender, time.time())
            if refusal is not None:
                logger.info("sender %s: %s", pseudonym(sender), refusal)
                await channel.send_text_message(sender, unread_reply(refusal, language))
                return
            _count_sends(channel)
            counter = [0]
            token = _sent_this_turn.set(counter)
            try:
                await _answer_in_time(on_new_message, message, conversations)
            finally:
                _sent_this_turn.reset(token)
            if counter[0] == 0:
                logger.warning("no reply for sender %s: sending the 'action_unavailable' apology", pseudonym(sender))
                await channel.send_text_message(sender, unavailable_text(language))

    return guarded
