"""The no-silence guard around Rasa's message handler."""

from __future__ import annotations

import asyncio

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.guard import guard, unavailable_text


async def test_a_silent_turn_gets_the_apology_and_an_answered_one_does_not() -> None:
    channel = CollectingOutputChannel()

    async def answers(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "an answer"})

    async def silent(message: UserMessage) -> None:
        return None

    await guard(answers)(UserMessage("hi", channel, "a"))
    await guard(silent)(UserMessage("hi", channel, "b"))
    assert [(m["recipient_id"], m["text"]) for m in channel.messages] == [("a", "an answer"), ("b", unavailable_text())]
    assert "doctor" in unavailable_text().lower() or "emergency" in unavailable_text().lower()


async def test_concurrent_turns_sharing_one_channel_are_counted_apart() -> None:
    channel = CollectingOutputChannel()  # e.g. a connector that keeps one output channel for every chat

    async def slow_answer(message: UserMessage) -> None:
        await asyncio.sleep(0.05)
        await message.output_channel.send_response(message.sender_id, {"text": "an answer"})

    async def silent_while_the_other_answers(message: UserMessage) -> None:
        await asyncio.sleep(0.1)

    await asyncio.gather(
        guard(slow_answer)(UserMessage("hi", channel, "answered")),
        guard(silent_while_the_other_answers)(UserMessage("hi", channel, "silent")),
    )
    by_sender = {m["recipient_id"]: m["text"] for m in channel.messages}
    assert by_sender == {"answered": "an answer", "silent": unavailable_text()}


async def test_an_exception_in_the_handler_becomes_the_apology() -> None:
    channel = CollectingOutputChannel()

    async def broken(message: UserMessage) -> None:
        raise RuntimeError("tracker store down")

    await guard(broken)(UserMessage("hi", channel, "c"))
    assert [m["text"] for m in channel.messages] == [unavailable_text()]
