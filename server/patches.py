"""Bounded work and bounded time in the Rasa server (Rasa 3.6), put in place when its channels start.

* **The NLU's work.** Rasa's spaCy tokenizer keeps at most :data:`MAX_NLU_TOKENS` tokens of a
  message: the featurizers and DIET grow with the number of tokens, DIET's attention with its
  square. The entity and red-flag rules still read the whole text (they are linear).
* **The action call's time.** Rasa waits up to five minutes for the action server. A stopped but
  not dead action server (a frozen process, a full machine) then holds the conversation until
  Sanic cancels the request and the turn is lost. Here the call gives up after
  ``ACTION_TIMEOUT_SECONDS`` (default 5; our actions take milliseconds): Rasa logs the failure,
  stores the turn, and the channels' guard sends the apology.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional

from server.settings import env_number

MAX_NLU_TOKENS = 128  # the longest training or held-out message has far fewer
ACTION_TIMEOUT_ENV = "ACTION_TIMEOUT_SECONDS"
DEFAULT_ACTION_TIMEOUT = 5.0


def cap_nlu_tokens() -> bool:
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


def limit_action_calls(environ: Optional[Mapping[str, str]] = None) -> float:
    """Make Rasa give up on an action call after ``ACTION_TIMEOUT_SECONDS``; returns the limit."""
    import rasa.core.actions.action as rasa_action

    seconds = env_number(ACTION_TIMEOUT_ENV, DEFAULT_ACTION_TIMEOUT, "seconds", environ)
    rasa_action.DEFAULT_REQUEST_TIMEOUT = seconds  # read by RemoteAction.run at each call
    return seconds
