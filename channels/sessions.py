"""Unguessable, server-issued session ids for the socket.io channel.

Rasa's socket.io channel lets a client name any session id and then delivers
that session's replies to it. Here the server issues every id: 128 random bits
plus an HMAC, so a client cannot choose an id (such as someone else's
guessable one) and an id it did not get from this deployment is replaced by a
fresh one. The secret comes from ``SOCKETIO_SESSION_SECRET`` (set the same
value on every Rasa server behind a load balancer); without it, a random
secret is kept in ``var/socketio-session.key`` (mode 0600) so sessions survive
a restart on one machine.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path
from typing import Optional

SECRET_ENV = "SOCKETIO_SESSION_SECRET"
DEFAULT_KEY_FILE = Path(__file__).resolve().parents[1] / "var" / "socketio-session.key"
_HEX_CHARS = 32  # both halves of an id: the random token (16 bytes) and the truncated HMAC


def _is_hex(text: str) -> bool:
    """32 lowercase hexadecimal characters (ASCII only, so the comparison below cannot fail)."""
    return len(text) == _HEX_CHARS and all(c in "0123456789abcdef" for c in text)


class SessionSigner:
    """Issue and check session ids of the form ``<32 hex>.<32 hex HMAC>``."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError(f"the socket.io session secret must be at least 16 bytes ({SECRET_ENV})")
        self._secret = secret

    def _sign(self, token: str) -> str:
        return hmac.new(self._secret, token.encode(), hashlib.sha256).hexdigest()[:_HEX_CHARS]

    def issue(self) -> str:
        """A new session id."""
        token = secrets.token_hex(_HEX_CHARS // 2)
        return f"{token}.{self._sign(token)}"

    def is_valid(self, session_id: object) -> bool:
        """Whether ``session_id`` was issued with this secret."""
        if not isinstance(session_id, str) or session_id.count(".") != 1:
            return False
        token, signature = session_id.split(".")
        if not _is_hex(token) or not _is_hex(signature):
            return False
        return hmac.compare_digest(signature, self._sign(token))

    def confirm(self, requested: object) -> str:
        """``requested`` if this server issued it, else a new id."""
        return requested if self.is_valid(requested) else self.issue()  # type: ignore[return-value]


def _read_key(key_file: Path) -> bytes:
    """The key in ``key_file``; a short one (another process still writing it) is read again once."""
    for _ in range(2):
        secret = key_file.read_bytes().strip()
        if len(secret) >= 16:
            return secret
        time.sleep(0.2)
    raise ValueError(f"{key_file} holds no usable key (empty or too short): delete it, or set {SECRET_ENV}")


def load_secret(key_file: Path = DEFAULT_KEY_FILE, environ: Optional[dict] = None) -> bytes:
    """The secret from the environment, else from ``key_file`` (made on first use)."""
    value = (environ if environ is not None else os.environ).get(SECRET_ENV, "")
    if value:
        return value.encode()
    if key_file.exists():
        return _read_key(key_file)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32).encode()
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another server process made it first
        return _read_key(key_file)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secret)
    return secret
