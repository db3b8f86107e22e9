"""No message text and no raw sender id in any log record, Rasa's and Sanic's own included.

Rasa 3.6 writes message text and conversation ids into some of its records:
``rest.message.received.timeout`` (the text), ``LockError: Could not acquire lock
for conversation_id '...'``, ``Circuit breaker tripped ... for sender '...'``,
``Failed to parse arguments in line '...'``. :class:`Redactor`, a filter on every
log handler, rewrites each record before it is written:

* while a turn runs, the channels' guard names its text and sender
  (:func:`turn_context`); any record of that turn has them replaced by
  ``[message]`` and the sender's pseudonym;
* whatever the context, the quoted ids and texts of Rasa's known formats are replaced too;
* tracebacks are formatted and rewritten the same way.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from contextvars import ContextVar
from typing import Callable, Iterator, List, Optional, Pattern, Tuple

from server.privacy import pseudonym

MESSAGE = "[message]"
_turn: ContextVar[Optional[Tuple[Tuple[str, ...], str]]] = ContextVar("turn", default=None)
# Rasa's own formats: (pattern, what the quoted part becomes)
_KNOWN: List[Tuple[Pattern[str], Callable[[str], str]]] = [
    (re.compile(r"(conversation[_ ]id '|conversation ID '|for sender '|sender_id '|sender '|sender_id=')([^']*)(')"),
     pseudonym),
    (re.compile(r"(in line ')(.*)(')", re.DOTALL), lambda _text: MESSAGE),
    (re.compile(r'("(?:text|parse_data_text|user_text|message)": ?")((?:[^"\\]|\\.)*)(")'), lambda _text: MESSAGE),
    (re.compile(r"(text=')((?:[^'\\]|\\.)*)(')"), lambda _text: MESSAGE),
]


@contextlib.contextmanager
def turn_context(sender_id: str, *texts: Optional[str]) -> Iterator[None]:
    """While the block runs, records written in this task (and the tasks it starts) hide ``texts`` and ``sender_id``."""
    token = _turn.set((tuple(text for text in texts if text), sender_id))
    try:
        yield
    finally:
        _turn.reset(token)


def redact(line: str) -> str:
    """``line`` without the current turn's text and sender, and without the ids and texts of Rasa's formats."""
    turn = _turn.get()
    if turn is not None:
        texts, sender = turn
        for text in texts:
            for form in {text, json.dumps(text)[1:-1], repr(text)[1:-1]} if len(text.strip()) > 1 else ():
                line = line.replace(form, MESSAGE)
        for form in {sender, json.dumps(sender)[1:-1]} if sender else ():
            line = line.replace(form, pseudonym(sender))
    for pattern, replace in _KNOWN:
        line = pattern.sub(lambda m, replace=replace: m.group(1) + replace(m.group(2)) + m.group(3), line)
    return line


class Redactor(logging.Filter):
    """A handler filter that rewrites each record with :func:`redact` (message and traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: keep only the format
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


TEXT_KEYS = ("text", "user_text", "parse_data_text", "response_text", "parse_data_entities", "slot_values",
             "prediction_events", "tracker_latest_message", "prefilled_slots", "utter_action")
SENDER_KEYS = ("sender_id", "conversation_id", "sender")


def structlog_processor(_logger: object, _name: str, event: dict) -> dict:
    """A structlog processor: message texts out, sender ids as pseudonyms (Rasa's structured records)."""
    for key in TEXT_KEYS:
        if key in event:
            event[key] = MESSAGE
    for key in SENDER_KEYS:
        if isinstance(event.get(key), str):
            event[key] = pseudonym(event[key])
    return event


def _install_structlog() -> None:
    """Put :func:`structlog_processor` first in structlog's processors (the list Rasa configured, in place)."""
    import structlog

    processors = structlog.get_config()["processors"]
    if structlog_processor not in processors:
        processors.insert(0, structlog_processor)


def install(redactor: Optional[Redactor] = None) -> Redactor:
    """Put one :class:`Redactor` on every handler of every logger known now (again: no duplicate)."""
    redactor = redactor or _shared
    _install_structlog()
    loggers = [logging.getLogger(), *(logger for logger in logging.Logger.manager.loggerDict.values()
                                      if isinstance(logger, logging.Logger))]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, Redactor) for f in handler.filters):
                handler.addFilter(redactor)
    asyncio_logger = logging.getLogger("asyncio")
    if _shutdown_noise not in asyncio_logger.filters:
        asyncio_logger.addFilter(_shutdown_noise)
    logging.captureWarnings(True)  # Rasa's warnings (they can quote a message) go through the handlers too
    return redactor


class ShutdownNoise(logging.Filter):
    """Drop asyncio's "Task was destroyed but it is pending!" for engine.io's ping task: an open widget
    connection at Ctrl-C leaves one behind (python-engineio 4), harmless, and alarming in a newcomer's terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Task was destroyed but it is pending!") and "engineio" in message)


_shared = Redactor()
_shutdown_noise = ShutdownNoise()
