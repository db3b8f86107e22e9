"""What every channel does with a message before it reaches the NLU: size cap, cleaning, bounded work.

* **Size cap.** A message may have at most ``MAX_MESSAGE_CHARS`` characters
  (default 2,000), counted after decoding. The REST channel answers a longer
  one with HTTP 413; the other channels reply with the knowledge file's
  ``message_too_long`` text (:func:`channels.guard.guard`). Sanic's request
  size limit (``REQUEST_MAX_SIZE``) and socket.io's buffer are set to match, so
  a much larger body is refused before it is read.
* **Cleaning.** :func:`assistant.normalise.normalise`: control characters out,
  NFKC, every Unicode space a plain space, invisible format characters out
  (the Persian zero-width non-joiner stays inside Persian words), look-alike
  letters and curly apostrophes folded, so "can’t breathe" with a
  non-breaking space or a zero-width space reads as "can't breathe" to the
  rules. The cap is checked again after cleaning: NFKC can lengthen a text.
* **Bounded NLU work and time** are the server runtime's (:mod:`server.patches`),
  put in place by :func:`attach` when the server starts.

* **Typed commands.** A text that starts with ``/`` is Rasa's payload syntax. Our
  buttons and the widget send ``/greet`` and ``/<topic intent>{"entity": "value"}``;
  :func:`as_person_typed` keeps exactly those and turns anything else (``/restart``,
  ``/session_start``, ``/whatever``) into plain text, so a person cannot wipe the
  conversation or steer Rasa by typing, and Rasa never logs an unparsable payload.

Pure functions, plus :func:`attach` / :func:`install` which the channels call
when the server starts (nothing changes at import).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any, Mapping, Optional

from sanic import Blueprint, Sanic

import server
from assistant.knowledge import Structure, get_knowledge
from assistant.language import LANGUAGE_KEY
from assistant.normalise import normalise
from server import heap
from server.settings import TurnLimits, env_number

MAX_CHARS_ENV = "MAX_MESSAGE_CHARS"
DEFAULT_MAX_CHARS = 2000
# Request bodies: a character may take 12 bytes in the body (a JSON "\ud83d\ude00" pair is 2 characters
# in 12 bytes, a url-encoded 4-byte UTF-8 character 12 bytes), plus room for the platforms' envelopes.
BYTES_PER_CHAR = 12
ENVELOPE_BYTES = 64 * 1024
MIN_BODY_BYTES = 1_000_000


def max_message_chars(environ: Optional[Mapping[str, str]] = None) -> int:
    """The cap in characters: ``MAX_MESSAGE_CHARS`` (default 2,000)."""
    return env_number(MAX_CHARS_ENV, DEFAULT_MAX_CHARS, "characters", environ)


def request_max_bytes(max_chars: int) -> int:
    """The request body size that fits a message of ``max_chars`` characters in any channel's encoding, and at
    least :data:`MIN_BODY_BYTES`: a long paste in the widget is read and answered "too long", not dropped."""
    return max(max_chars * BYTES_PER_CHAR + ENVELOPE_BYTES, MIN_BODY_BYTES)


def is_too_long(text: str, max_chars: Optional[int] = None) -> bool:
    """Whether ``text`` has more characters than the cap."""
    return len(text) > (max_chars if max_chars is not None else max_message_chars())


_PAYLOAD = re.compile(r"^/([a-z_]+)(\{.*\})?$", re.DOTALL)


def is_button_payload(text: str, structure: Optional[Structure] = None) -> bool:
    """Whether ``text`` is a payload our buttons send: ``/intent`` or ``/intent{"entity": "value"}``.

    The intents are those the widget, buttons and Telegram's commands send: ``greet`` and the topic
    intents of ``structure`` (the knowledge's, by default). A payload may name the page's language
    (``/greet{"language":"fa"}``) with one of the knowledge's languages.
    """
    structure = structure or get_knowledge().structure
    match = _PAYLOAD.match(text)
    if not match or match.group(1) not in ("greet", *structure.topic_intents):
        return False
    if match.group(2) is None:
        return True
    try:
        entities = json.loads(match.group(2))
    except ValueError:
        return False
    languages = get_knowledge().languages
    return isinstance(entities, dict) and all(
        isinstance(value, str) and (key in structure.entity_names or (key == LANGUAGE_KEY and value in languages))
        for key, value in entities.items()
    )


def as_person_typed(text: str, structure: Optional[Structure] = None) -> str:
    """``text``, unless it starts with ``/`` and is not a button payload: then without the slashes."""
    if not text.lstrip().startswith("/") or is_button_payload(text.strip(), structure):
        return text
    plain = text.lstrip().lstrip("/").lstrip()
    return plain if plain else "?"


def clean_text(text: str, structure: Optional[Structure] = None) -> str:
    """``text`` normalised as the rules and the NLU read it, typed commands made plain text."""
    return as_person_typed(normalise(text), structure)


@functools.lru_cache(maxsize=1)
def too_long_text(language: Optional[str] = None) -> str:
    """The reply to a message over the cap, from the knowledge file (no health information, no disclaimer)."""
    from assistant.knowledge import get_knowledge

    return get_knowledge(language).messages["message_too_long"].replace("{max_chars}", str(max_message_chars()))


def configure(app: Sanic) -> None:
    """Set Sanic's request size limit to match the cap, and its response time-out above the guard's turn limit."""
    app.config.REQUEST_MAX_SIZE = request_max_bytes(max_message_chars())
    app.config.RESPONSE_TIMEOUT = max(app.config.RESPONSE_TIMEOUT, TurnLimits.from_env().turn_seconds + 30)


def attach(blueprint: Blueprint) -> None:
    """Configure the app and put the server runtime in place when the server starts (the channels call this)."""

    @blueprint.listener("before_server_start")
    async def limit(app: Sanic, _loop: Any) -> None:
        configure(app)
        server.install()

    @blueprint.listener("after_server_start")
    async def settle(_app: Sanic, _loop: Any) -> None:
        heap.freeze_loaded_objects()  # the model is loaded (before_server_start): no full collection walks it again
