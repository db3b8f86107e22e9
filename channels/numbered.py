"""Buttons as numbered options, for platforms that cannot show buttons (SMS, WhatsApp).

Pure functions, no I/O: :func:`numbered_text` writes the options under the
text, :func:`offered_buttons` finds the buttons the bot offered last in a
conversation's events, and :func:`chosen_payload` turns a reply such as
``"2"`` into the payload of the second of them.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Sequence

from assistant.normalise import mostly_arabic_script

Button = Dict[str, Any]
PROMPT = "Reply with a number:"
PERSIAN_PROMPT = "شمارهٔ گزینه را بفرستید:"  # a reply in Persian script gets its prompt in Persian
_CHOICE_RE = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)]?\s*$")


def numbered_text(text: str, buttons: Sequence[Mapping[str, Any]], prompt: Optional[str] = None) -> str:
    """``text`` followed by the buttons' titles as a numbered list (the payloads stay hidden).

    The prompt is in the language of the text's script unless ``prompt`` is given.
    """
    if prompt is None:
        prompt = PERSIAN_PROMPT if mostly_arabic_script(text) else PROMPT
    titles = [str(button.get("title") or "").strip() for button in buttons]
    options = [f"{number}. {title}" for number, title in enumerate(titles, 1) if title]
    if not options:
        return text
    return "\n".join([text.rstrip(), "", prompt, *options]) if text.strip() else "\n".join([prompt, *options])


def choice_number(text: str) -> Optional[int]:
    """The number in a reply made only of a number (``"2"``, ``" 2. "``, ``"#2"``), else None."""
    match = _CHOICE_RE.match(text or "")
    return int(match.group(1)) if match else None


def offered_buttons(events: Sequence[Mapping[str, Any]], now: float, max_age_seconds: float = 0) -> List[Button]:
    """The buttons of the bot's latest message with buttons since the user last spoke.

    ``events`` are Rasa events as dictionaries, oldest first. Buttons older than
    ``max_age_seconds`` (when it is above 0) have expired with the session.
    """
    for event in reversed(events):
        kind = event.get("event")
        if kind == "user":
            return []
        if kind != "bot":
            continue
        buttons = [b for b in (event.get("data") or {}).get("buttons") or [] if isinstance(b, Mapping) and b.get("payload")]
        if not buttons:
            continue
        if max_age_seconds > 0 and now - float(event.get("timestamp") or 0) > max_age_seconds:
            return []
        return [dict(button) for button in buttons]
    return []


def chosen_payload(text: str, buttons: Sequence[Mapping[str, Any]]) -> Optional[str]:
    """The payload of the button whose number ``text`` is, or None (then the text goes to NLU)."""
    number = choice_number(text)
    if number is None or not 1 <= number <= len(buttons):
        return None
    return str(buttons[number - 1]["payload"])


def split_text(text: str, limit: int) -> List[str]:
    """``text`` cut into parts of at most ``limit`` characters, at line breaks where possible."""
    parts: List[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts
