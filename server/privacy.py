"""Identifiers out of the logs, and the project's files private to its user.

* :func:`pseudonym` turns a sender id (a socket.io session id, a phone number,
  a chat id) into a keyed hash for log lines: the same sender gives the same
  pseudonym, so a log can still be followed, but the id cannot be read back or
  guessed from it without the key. The key comes from ``LOG_HASH_KEY``, else a
  random key kept in ``$VAR_DIR/log-hash.key`` (mode 0600), made on first use.
* :func:`var_dir` is where this instance keeps its files: ``VAR_DIR``, else ``var/``
  in the project. Two instances on one checkout with their own ``VAR_DIR`` share no key.
* :func:`load_key` reads such a key from the environment or a private key file.
* :func:`private_dir`, :func:`create_private_file`, :func:`wider_than_private`
  and :func:`warn_if_wider` keep ``var/`` at 0700 and its files at 0600.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import os
import secrets
import stat
import time
from pathlib import Path
from typing import Iterable, List, Mapping, Optional

from assistant.paths import VAR_DIR

logger = logging.getLogger(__name__)

VAR_DIR_ENV = "VAR_DIR"
LOG_KEY_ENV = "LOG_HASH_KEY"
LOG_KEY_FILE_NAME = "log-hash.key"
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
_MIN_KEY_BYTES = 16


def var_dir(environ: Optional[Mapping[str, str]] = None) -> Path:
    """This instance's folder for conversations, keys and generated settings: ``VAR_DIR``, else ``var/``."""
    value = (environ if environ is not None else os.environ).get(VAR_DIR_ENV, "")
    return Path(value) if value.strip() else VAR_DIR


def private_dir(path: Path) -> Path:
    """``path`` as a directory, made 0700 when it is new (an existing one is left as it is)."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    return path


def create_private_file(path: Path) -> bool:
    """Make ``path`` empty with mode 0600 unless it exists; True when it was made here."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def wider_than_private(path: Path) -> bool:
    """Whether ``path`` exists and its group or other users may read, write or enter it."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return False
    return bool(mode & 0o077)


def warn_if_wider(paths: Iterable[Path]) -> List[Path]:
    """Log a warning for each of ``paths`` that other local users can reach; returns them."""
    wide = [path for path in paths if wider_than_private(path)]
    for path in wide:
        mode = stat.S_IMODE(path.stat().st_mode)
        private = PRIVATE_DIR_MODE if path.is_dir() else PRIVATE_FILE_MODE
        logger.warning(
            "%s has mode %03o: other local users can read it; run `chmod %03o %s`", path, mode, private, path
        )
    return wide


def make_private(paths: Iterable[Path]) -> None:
    """Take the group's and other users' permissions away from each existing file of ``paths``."""
    for path in paths:
        if wider_than_private(path):
            path.chmod(stat.S_IMODE(path.stat().st_mode) & 0o700)


def _read_key(key_file: Path, env_name: str) -> bytes:
    """The key in ``key_file``; a short one (another process still writing it) is read again once."""
    for _ in range(2):
        secret = key_file.read_bytes().strip()
        if len(secret) >= _MIN_KEY_BYTES:
            return secret
        time.sleep(0.2)
    raise ValueError(f"{key_file} holds no usable key (empty or too short): delete it, or set {env_name}")


def load_key(env_name: str, key_file: Path, environ: Optional[Mapping[str, str]] = None) -> bytes:
    """The key from the environment variable ``env_name``, else from ``key_file`` (made 0600 on first use)."""
    value = (environ if environ is not None else os.environ).get(env_name, "")
    if value:
        return value.encode()
    if key_file.exists():
        warn_if_wider([key_file.parent, key_file])
        return _read_key(key_file, env_name)
    private_dir(key_file.parent)
    secret = secrets.token_hex(32).encode()
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:  # another server process made it first
        return _read_key(key_file, env_name)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secret)
    return secret


@functools.lru_cache(maxsize=1)
def _log_key() -> bytes:
    return load_key(LOG_KEY_ENV, var_dir() / LOG_KEY_FILE_NAME)


def pseudonym(identifier: object, key: Optional[bytes] = None) -> str:
    """A keyed hash of ``identifier`` for log lines (``id-`` and 12 hex digits); never the id itself."""
    digest = hmac.new(key if key is not None else _log_key(), str(identifier).encode("utf-8", "replace"), hashlib.sha256)
    return f"id-{digest.hexdigest()[:12]}"
