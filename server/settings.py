"""Numbers from the environment, checked the same way everywhere, with errors that name the variable;
the guard's turn limits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional, Union, overload


@overload
def env_number(name: str, default: int, unit: str, environ: Optional[Mapping[str, str]] = None) -> int: ...
@overload
def env_number(name: str, default: float, unit: str, environ: Optional[Mapping[str, str]] = None) -> float: ...


def env_number(name: str, default: Union[int, float], unit: str,
               environ: Optional[Mapping[str, str]] = None) -> Union[int, float]:
    """The environment variable ``name`` as a number of ``unit``, else ``default``.

    A whole number (``default`` an int) must be at least 1; any other number more than 0.
    """
    raw = (environ if environ is not None else os.environ).get(name, "")
    whole = isinstance(default, int)
    try:
        value = (int(raw) if whole else float(raw)) if raw.strip() else default
    except ValueError:
        raise ValueError(f"{name} must be a {'whole ' if whole else ''}number of {unit}, not {raw!r}") from None
    if whole and value < 1:
        raise ValueError(f"{name} must be at least 1")
    if value <= 0:
        raise ValueError(f"{name} must be more than 0")
    return value


@dataclass(frozen=True)
class TurnLimits:
    """How long a turn may take before the apology, and how many messages a conversation may queue."""

    turn_seconds: float = 20.0
    waiting_messages: int = 5
    messages_per_minute: int = 30

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> TurnLimits:
        """``TURN_TIMEOUT_SECONDS``, ``MAX_WAITING_MESSAGES``, ``MAX_MESSAGES_PER_MINUTE``, else the defaults."""
        return cls(
            turn_seconds=env_number("TURN_TIMEOUT_SECONDS", cls.turn_seconds, "seconds", environ),
            waiting_messages=env_number("MAX_WAITING_MESSAGES", cls.waiting_messages, "messages", environ),
            messages_per_minute=env_number("MAX_MESSAGES_PER_MINUTE", cls.messages_per_minute, "messages", environ),
        )
