"""No message text and no raw sender id in log records (issue 20, item 4), without servers."""

from __future__ import annotations

import logging

from server.logs import MESSAGE, Redactor, ShutdownNoise, redact, structlog_processor, turn_context
from server.privacy import pseudonym


def test_a_turns_text_and_sender_are_hidden_in_any_record_written_during_it() -> None:
    with turn_context("rest:alice-42", "my secret question", "my secret question (cleaned)"):
        line = redact("parsed 'my secret question' for rest:alice-42")
    assert "secret" not in line and "alice" not in line
    assert MESSAGE in line and pseudonym("rest:alice-42") in line


def test_rasas_own_formats_are_rewritten_outside_a_turn() -> None:
    for line in ("LockError: Could not acquire lock for conversation_id 'rest:bob'.",
                 "Circuit breaker tripped. Stopped predicting more actions for sender 'rest:bob'.",
                 "Failed to parse arguments in line '/ask_disease{\"disease\": bob'.",
                 '{"text": "bob has lupus", "event": "rest.message.received.timeout"}'):
        assert "bob" not in redact(line), line


def test_the_filter_rewrites_messages_and_tracebacks() -> None:
    try:
        raise ValueError("could not read 'carol-secret'")
    except ValueError as error:
        info = (type(error), error, None)
        record = logging.LogRecord("rasa", logging.ERROR, __file__, 1, "failed for %s", ("rest:carol",), info)
    with turn_context("rest:carol", "carol-secret"):
        assert Redactor().filter(record)
    assert "carol" not in record.getMessage() and "carol" not in (record.exc_text or "")


def test_structured_records_lose_texts_and_ids() -> None:
    event = structlog_processor(None, "error", {"event": "x", "text": "dave's pain", "sender_id": "rest:dave"})
    assert event["text"] == MESSAGE and event["sender_id"] == pseudonym("rest:dave")


def test_engineios_leftover_ping_task_at_shutdown_is_not_shown() -> None:
    pending = "Task was destroyed but it is pending!\n"
    noise = logging.LogRecord("asyncio", logging.ERROR, __file__, 1,
                              pending + "task: <Task coro=<AsyncSocket._send_ping() at engineio/async_socket.py>>", (), None)
    other = logging.LogRecord("asyncio", logging.ERROR, __file__, 1, pending + "task: <mine>", (), None)
    assert not ShutdownNoise().filter(noise) and ShutdownNoise().filter(other)
