"""What every channel does with a message before it reaches the NLU: size cap, cleaning, bounded work.

* **Size cap.** A message may have at most ``MAX_MESSAGE_CHARS`` characters
  (default 2,000), counted after decoding. The REST channel answers a longer
  one with HTTP 413; the other channels reply with the knowledge file's
  ``message_too_long`` text (:func:`channels.guard.guard`). Sanic's request
  size limit (``REQUEST_MAX_SIZE``) and socket.io's buffer are set to match, so
  a much larger body is refused before it is read.
* **Cleaning.** Lone surrogates, NUL and other control characters (line breaks
  and tabs stay) are removed: they only break the NLU and the log. Phones'
  curly apostrophes become straight ones, so "can’t breathe" reads as
  "can't breathe" to the rules.
* **Bounded NLU work.** The NLU sees at most :data:`MAX_NLU_TOKENS` tokens of a
  message (the featurizers and DIET grow with the number of tokens, DIET's
  attention with its square). The entity and red-flag rules still read the
  whole text: spaCy's rules are linear and a red flag late in a long message is
  still seen.

Pure functions, plus :func:`attach` / :func:`install` which the channels call
when the server starts (nothing changes at import).
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any, List, Mapping, Optional

from sanic import Blueprint, Sanic

MAX_CHARS_ENV = "MAX_MESSAGE_CHARS"
DEFAULT_MAX_CHARS = 2000
MAX_NLU_TOKENS = 128  # the longest training or held-out message has far fewer
# Request bodies: a character may take 12 bytes in the body (a JSON "\ud83d\ude00" pair is 2 characters
# in 12 bytes, a url-encoded 4-byte UTF-8 character 12 bytes), plus room for the platforms' envelopes.
BYTES_PER_CHAR = 12
ENVELOPE_BYTES = 64 * 1024
_ODD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def max_message_chars(environ: Optional[Mapping[str, str]] = None) -> int:
    """The cap in characters: ``MAX_MESSAGE_CHARS`` (default 2,000)."""
    raw = (environ if environ is not None else os.environ).get(MAX_CHARS_ENV, "")
    try:
        value = int(raw) if raw.strip() else DEFAULT_MAX_CHARS
    except ValueError:
        raise ValueError(f"{MAX_CHARS_ENV} must be a whole number of characters, not {raw!r}") from None
    if value < 1:
        raise ValueError(f"{MAX_CHARS_ENV} must be at least 1")
    return value


def request_max_bytes(max_chars: int) -> int:
    """The request body size that fits a message of ``max_chars`` characters in any channel's encoding."""
    return max_chars * BYTES_PER_CHAR + ENVELOPE_BYTES


def is_too_long(text: str, max_chars: Optional[int] = None) -> bool:
    """Whether ``text`` has more characters than the cap."""
    return len(text) > (max_chars if max_chars is not None else max_message_chars())

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})

def clean_text(text: str) -> str:
    """``text`` without lone surrogates, NUL and other control characters (line breaks and tabs stay),
    with typographic apostrophes straightened."""
    return _ODD_CHARACTERS.sub("", text).translate(_APOSTROPHES)


@functools.lru_cache(maxsize=1)
def too_long_text() -> str:
    """The reply to a message over the cap, from the knowledge file (no health information, no disclaimer)."""
    from assistant.knowledge import get_knowledge

    return get_knowledge().messages["message_too_long"].replace("{max_chars}", str(max_message_chars()))


def configure(app: Sanic) -> None:
    """Set Sanic's request size limit to match the cap."""
    app.config.REQUEST_MAX_SIZE = request_max_bytes(max_message_chars())


def attach(blueprint: Blueprint) -> None:
    """Configure the app and bound the NLU's work when the server starts (the channels call this)."""

    @blueprint.listener("before_server_start")
    async def limit(app: Sanic, _loop: Any) -> None:
        configure(app)
        install()


def install() -> bool:
    """Make Rasa's spaCy tokenizer keep at most :data:`MAX_NLU_TOKENS` tokens (once)."""
    from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer

    if getattr(SpacyTokenizer.tokenize, "_capped", False):
        return False
    rasa_tokenize = SpacyTokenizer.tokenize

    def capped(self: SpacyTokenizer, message: Any, attribute: str) -> List[Any]:
        return rasa_tokenize(self, message, attribute)[:MAX_NLU_TOKENS]

    capped._capped = True  # type: ignore[attr-defined]
    SpacyTokenizer.tokenize = capped  # type: ignore[method-assign]
    return True
