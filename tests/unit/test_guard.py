"""The no-silence guard around Rasa's message handler."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from assistant.knowledge import get_knowledge
from assistant.normalise import normalise
from channels.guard import TurnLimits, guard, unavailable_text, unread_reply


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


# --- issue 20, item 3: no silent replies, no lost turns ----------------------------------------------------------


def _answering(handled: list, delay: float = 0.01):
    async def answer(message: UserMessage) -> None:
        await asyncio.sleep(delay)
        handled.append(message.text)
        await message.output_channel.send_response(message.sender_id, {"text": f"answer to {message.text}"})

    return answer


async def test_a_burst_from_one_sender_is_answered_in_order_or_refused_at_once_never_silent() -> None:
    channel, handled = CollectingOutputChannel(), []
    limits = TurnLimits(turn_seconds=5, waiting_messages=5, messages_per_minute=1000)
    handle = guard(_answering(handled), limits)
    await asyncio.gather(*(handle(UserMessage(f"m{i}", channel, "burst")) for i in range(80)))
    texts = [m["text"] for m in channel.messages]
    assert len(texts) == 80  # one reply each
    assert handled == [f"m{i}" for i in range(5)]  # in order, one at a time
    assert texts.count(unread_reply("still_answering")) == 75
    assert "115" in unread_reply("still_answering")


async def test_turns_of_one_sender_never_overlap_and_other_senders_do_not_wait() -> None:
    channel, running, overlaps = CollectingOutputChannel(), set(), []

    async def answer(message: UserMessage) -> None:
        if message.sender_id in running:
            overlaps.append(message.text)
        running.add(message.sender_id)
        await asyncio.sleep(0.02)
        running.discard(message.sender_id)
        await message.output_channel.send_response(message.sender_id, {"text": "ok"})

    handle = guard(answer, TurnLimits(turn_seconds=5, waiting_messages=10, messages_per_minute=1000))
    await asyncio.gather(*(handle(UserMessage(f"m{i}", channel, f"s{i % 2}")) for i in range(8)))
    assert not overlaps and len(channel.messages) == 8


async def test_past_the_rate_limit_a_sender_gets_a_clear_reply_and_others_are_unaffected() -> None:
    channel, handled = CollectingOutputChannel(), []
    handle = guard(_answering(handled, 0), TurnLimits(turn_seconds=5, waiting_messages=5, messages_per_minute=3))
    for i in range(5):
        await handle(UserMessage(f"m{i}", channel, "flood"))
    await handle(UserMessage("other", channel, "calm"))
    assert handled == ["m0", "m1", "m2", "other"]
    assert [m["text"] for m in channel.messages][3:5] == [unread_reply("too_many_messages")] * 2


async def test_a_slow_turn_gets_the_apology_in_time_and_still_finishes() -> None:
    channel, handled = CollectingOutputChannel(), []
    handle = guard(_answering(handled, 0.5), TurnLimits(turn_seconds=0.1, waiting_messages=5, messages_per_minute=100))
    started = asyncio.get_running_loop().time()
    await handle(UserMessage("slow", channel, "s"))
    assert asyncio.get_running_loop().time() - started < 0.4
    assert [m["text"] for m in channel.messages] == [unavailable_text()]
    assert "115" in unavailable_text()
    await asyncio.sleep(0.6)
    assert handled == ["slow"]  # the turn went on: Rasa stores it


async def test_a_cancelled_request_leaves_the_turn_running() -> None:
    channel, handled = CollectingOutputChannel(), []
    handle = guard(_answering(handled, 0.2), TurnLimits(turn_seconds=5, waiting_messages=5, messages_per_minute=100))
    request = asyncio.ensure_future(handle(UserMessage("asked", channel, "gone")))
    await asyncio.sleep(0.05)
    request.cancel()  # Sanic's response time-out, or the client went away
    try:
        await request
    except asyncio.CancelledError:
        pass
    await asyncio.sleep(0.3)
    assert handled == ["asked"]


def test_the_limits_come_from_the_environment_with_clear_errors() -> None:
    limits = TurnLimits.from_env({"TURN_TIMEOUT_SECONDS": "7.5", "MAX_WAITING_MESSAGES": "2", "MAX_MESSAGES_PER_MINUTE": "9"})
    assert limits == TurnLimits(7.5, 2, 9)
    assert TurnLimits.from_env({}) == TurnLimits()
    for bad in ({"TURN_TIMEOUT_SECONDS": "soon"}, {"MAX_WAITING_MESSAGES": "0"}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            TurnLimits.from_env(bad)


PERSIAN = ["همه قرص هایم را با هم خوردم", "درد قفسه سینه دارم", "MS دارم، ارثیه؟", "آیا لوپوس درمان دارد؟"]


@pytest.mark.parametrize("text", PERSIAN)
async def test_a_persian_message_goes_to_the_nlu_folded_to_one_spelling(text: str) -> None:
    channel, handled = CollectingOutputChannel(), []
    await guard(_answering(handled))(UserMessage(text, channel, "fa"))
    await guard(_answering(handled))(UserMessage(text.replace(" ها", "\u200cها").replace("ی", "ي"), channel, "fa2"))
    assert handled == [normalise(text)] * 2  # both spellings reach the NLU and the rules as one
    assert "\u200c" not in handled[0] and "ي" not in handled[0]


async def test_the_guards_own_replies_follow_the_script_of_the_message() -> None:
    persian, english = get_knowledge("fa"), get_knowledge("en")
    assert unread_reply("still_answering", "fa").startswith(persian.messages["still_answering"])
    assert unread_reply("still_answering", "en").startswith(english.messages["still_answering"])
    assert persian.messages["still_answering"] != english.messages["still_answering"]
    assert "115" in unread_reply("still_answering", "fa") and "115" in unavailable_text("fa")
    channel = CollectingOutputChannel()
    await guard(_answering([]))(UserMessage("ب" * 5000, channel, "long"))
    assert channel.messages[0]["text"] == unread_reply("message_too_long", "fa")


@pytest.mark.parametrize("text", ["is lupus hereditary?", "what is Behçet's disease (بهجت)?", "115"])
async def test_english_with_a_persian_word_is_read_as_english(text: str) -> None:
    channel, handled = CollectingOutputChannel(), []
    await guard(_answering(handled))(UserMessage(text, channel, "en"))
    assert handled == [text]
