"""Ask the assistant one question from the terminal, without starting any server.

``bin/ask "why is diagnosis so hard?"`` loads the trained model, lets its NLU
and dialogue policies pick the action exactly as the Rasa server would, runs
that action in-process, and prints the reply (buttons as numbered options).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from assistant.paths import MODEL as DEFAULT_MODEL


def format_message(message: Dict[str, Any]) -> str:
    """A bot message as plain text; buttons become numbered options."""
    lines = [message.get("text") or ""]
    for number, button in enumerate(message.get("buttons") or [], 1):
        lines.append(f"  {number}. {button['title']}")
    return "\n".join(line for line in lines if line)


class Asker:
    """The trained model loaded once; :meth:`ask` answers one question in a new conversation."""

    def __init__(self, model: Path = DEFAULT_MODEL) -> None:
        from rasa.core.agent import Agent
        from rasa.utils.common import configure_logging_and_warnings
        from rasa.utils.log_utils import configure_structlog

        configure_logging_and_warnings(logging.WARNING)
        configure_structlog(logging.WARNING)  # never print the question back into logs
        self.agent = Agent.load(str(model))

    async def answer(self, question: str) -> List[Dict[str, Any]]:
        """The bot's messages for ``question`` in a new conversation."""
        messages, _ = await self.answer_turn(question, {})
        return messages

    async def answer_turn(
        self, question: str, slots: Dict[str, Any]
    ) -> Tuple[List[Dict[str, Any]], Dict[str, Any]]:
        """The bot's messages for ``question`` with the conversation's ``slots``, and the slots after it.

        The model's NLU and policies pick the action as the Rasa server would; the action runs in-process.
        """
        from rasa.shared.core.events import ActionExecuted, UserUttered
        from rasa.shared.core.trackers import DialogueStateTracker
        from rasa_sdk import Tracker
        from rasa_sdk.executor import CollectingDispatcher

        from actions.actions import KnowledgeAction
        from channels.inputs import clean_text

        question = clean_text(question)  # as every channel does before the NLU
        agent = self.agent
        parse = await agent.parse_message(question)
        tracker = DialogueStateTracker.from_events(
            "ask", [ActionExecuted("action_listen"), UserUttered(question, parse["intent"], parse["entities"], parse)],
            slots=agent.domain.slots,
        )
        prediction = agent.processor._predict_next_with_tracker(tracker)
        action = agent.domain.action_names_or_texts[prediction.max_confidence_index]
        actions = {cls().name(): cls for cls in KnowledgeAction.__subclasses__()}
        if action not in actions:
            return [{"text": f"(the bot would run '{action}')"}], dict(slots)
        dispatcher = CollectingDispatcher()
        sdk_tracker = Tracker("ask", dict(slots), parse, [], False, None, {}, "action_listen")
        events = actions[action]().run(dispatcher, sdk_tracker, {})
        after = dict(slots)
        after.update({event["name"]: event["value"] for event in events if event.get("event") == "slot"})
        return dispatcher.messages, after

    def ask(self, question: str) -> List[Dict[str, Any]]:
        """:meth:`answer`, for callers without an event loop."""
        return asyncio.run(self.answer(question))

    def turn(self, question: str, slots: Dict[str, Any]) -> Tuple[List[Dict[str, Any]], Dict[str, Any]]:
        """:meth:`answer_turn`, for callers without an event loop."""
        return asyncio.run(self.answer_turn(question, slots))


async def ask(question: str, model: Path = DEFAULT_MODEL) -> List[Dict[str, Any]]:
    """The bot's messages for ``question`` in a new conversation."""
    return await Asker(model).answer(question)


def silence_library_warnings() -> None:
    """No deprecation chatter from Rasa's libraries on the front desk's screen (this command only).

    Rasa re-installs its own warning filters while it loads, so filters alone do not hold:
    warnings are not shown at all in this process.
    """
    warnings.simplefilter("ignore")
    warnings.showwarning = lambda *args, **kwargs: None


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: the question as arguments."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    silence_library_warnings()
    args = list(sys.argv[1:] if argv is None else argv)
    question = " ".join(args).strip()
    if not question:
        print('usage: bin/ask "your question"', file=sys.stderr)
        return 2
    if not DEFAULT_MODEL.exists():
        print(f"no trained model at {DEFAULT_MODEL}: run `make train` first", file=sys.stderr)
        return 1
    print("Loading the assistant's model (about 15 seconds)...", file=sys.stderr, flush=True)
    for message in asyncio.run(ask(question)):
        print(format_message(message))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
