"""Unguessable, server-issued, expiring session ids for the socket.io channel.

Rasa's socket.io channel lets a client name any session id and then delivers
that session's replies to it. Here the server issues every id: its issue time
and 96 random bits, plus an HMAC, so a client cannot choose an id (such as
someone else's guessable one) and an id it did not get from this deployment is
replaced by a fresh one. An id older than ``SOCKETIO_SESSION_DAYS`` (default
30 days) is replaced too, so a leaked id stops working. The secret comes from
``SOCKETIO_SESSION_SECRET`` (set the same value on every Rasa server behind a
load balancer); without it, a random secret is kept in
``$VAR_DIR/socketio-session.key`` (mode 0600) so sessions survive a restart on one
machine.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from pathlib import Path
from typing import Mapping, Optional

from server.privacy import load_key, var_dir
from server.settings import env_number

SECRET_ENV = "SOCKETIO_SESSION_SECRET"
DAYS_ENV = "SOCKETIO_SESSION_DAYS"
DEFAULT_DAYS = 30.0
KEY_FILE_NAME = "socketio-session.key"
_HEX_CHARS = 32  # both halves of an id: issue time + random token (16 bytes), and the truncated HMAC
_TIME_HEX = 8  # the issue time, seconds since 1970, in the first 8 hex digits of the token
_CLOCK_SKEW_SECONDS = 300  # an id "issued" later than this in the future is not ours


def _is_hex(text: str) -> bool:
    """32 lowercase hexadecimal characters (ASCII only, so the comparison below cannot fail)."""
    return len(text) == _HEX_CHARS and all(c in "0123456789abcdef" for c in text)


def max_age_seconds(environ: Optional[Mapping[str, str]] = None) -> float:
    """How long an issued id stays valid: ``SOCKETIO_SESSION_DAYS`` (default 30) in seconds."""
    return env_number(DAYS_ENV, DEFAULT_DAYS, "days", environ) * 86400


class SessionSigner:
    """Issue and check session ids of the form ``<8 hex issue time><24 hex random>.<32 hex HMAC>``."""

    def __init__(self, secret: bytes, max_age: float = DEFAULT_DAYS * 86400) -> None:
        if len(secret) < 16:
            raise ValueError(f"the socket.io session secret must be at least 16 bytes ({SECRET_ENV})")
        self._secret = secret
        self.max_age = float(max_age)

    def _sign(self, token: str) -> str:
        return hmac.new(self._secret, token.encode(), hashlib.sha256).hexdigest()[:_HEX_CHARS]

    def issue(self, now: Optional[float] = None) -> str:
        """A new session id, issued at ``now`` (default: the current time)."""
        issued = int(time.time() if now is None else now)
        token = f"{issued:0{_TIME_HEX}x}"[-_TIME_HEX:] + secrets.token_hex((_HEX_CHARS - _TIME_HEX) // 2)
        return f"{token}.{self._sign(token)}"

    def is_valid(self, session_id: object, now: Optional[float] = None) -> bool:
        """Whether ``session_id`` was issued with this secret and has not expired."""
        if not isinstance(session_id, str) or session_id.count(".") != 1:
            return False
        token, signature = session_id.split(".")
        if not _is_hex(token) or not _is_hex(signature):
            return False
        if not hmac.compare_digest(signature, self._sign(token)):
            return False
        age = (time.time() if now is None else now) - int(token[:_TIME_HEX], 16)
        return -_CLOCK_SKEW_SECONDS <= age <= self.max_age

    def confirm(self, requested: object, now: Optional[float] = None) -> str:
        """``requested`` if this server issued it and it is still valid, else a new id."""
        return requested if self.is_valid(requested, now) else self.issue(now)  # type: ignore[return-value]


def load_secret(key_file: Optional[Path] = None, environ: Optional[dict] = None) -> bytes:
    """The secret from the environment, else from ``key_file`` (default ``$VAR_DIR/socketio-session.key``,
    made 0600 on first use)."""
    return load_key(SECRET_ENV, key_file if key_file is not None else var_dir(environ) / KEY_FILE_NAME, environ)
