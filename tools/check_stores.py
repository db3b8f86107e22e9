"""Check that the tracker store and the lock store of an endpoints file answer.

``.venv/bin/python -m tools.check_stores [ENDPOINTS]`` (default
``deploy/endpoints.production.yml``) reads the file the way Rasa 3.6 does,
``${VAR}`` values filled from the environment, then connects to the
PostgreSQL tracker store and the Redis lock store with a 5 s timeout each.

Why: Rasa 3.6 does not stop when a store is unreachable at start. Without
PostgreSQL it starts anyway and treats every message as the first of a new
conversation, keeping nothing (with ``login_db`` set it retries every 5 s
forever instead); without Redis every message fails. Run this first to fail
fast with a message that names the store (docs/scaling.md).

Exit status: 0 both answer (or are not PostgreSQL/Redis), 1 a store is
unreachable, 2 the file cannot be read or a variable is missing.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence
from urllib.parse import urlsplit

from assistant.paths import ROOT

DEFAULT_ENDPOINTS = ROOT / "deploy" / "endpoints.production.yml"
TIMEOUT_SECONDS = 5
# lock_store.type values (lower case) that are a Redis lock store: Rasa's, and ours (stores/redis_lock.py)
REDIS_LOCK_STORE_TYPES = {"redis", "stores.redis_lock.atomicredislockstore"}


class StoreUnreachable(Exception):
    """A store did not answer; the message names it."""


def read_endpoints(path: Path) -> Dict[str, Any]:
    """The endpoints file as Rasa reads it: unquoted ``${VAR}`` values replaced from the environment."""
    from rasa.shared.utils.io import read_config_file  # Rasa's own YAML reader, so the same substitution

    config = read_config_file(str(path)) or {}
    unreplaced = sorted(f"{section}.{key}" for section, values in config.items() if isinstance(values, dict)
                        for key, value in values.items() if isinstance(value, str) and "${" in value)
    if unreplaced:
        raise ValueError(f"not replaced from the environment: {', '.join(unreplaced)} "
                         "(Rasa 3.6 only replaces ${VAR} when the value is not in quotes)")
    return config


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def check_postgres(store: Dict[str, Any], timeout: int = TIMEOUT_SECONDS) -> str:
    """Connect to the SQL tracker store and run ``SELECT 1``; return a one-line description."""
    import psycopg2

    host = str(store.get("url") or "localhost")
    port: Optional[int] = int(store["port"]) if store.get("port") not in (None, "") else None
    database = store.get("login_db") or store.get("db") or "rasa.db"
    user, password = store.get("username"), store.get("password")
    if "://" in host:  # a full database URL, as Rasa allows
        from sqlalchemy.engine import make_url

        url = make_url(host)
        host, port, database, user, password = url.host or "localhost", url.port, url.database, url.username, url.password
    else:
        parsed = urlsplit(f"scheme://{host}")
        host, port = parsed.hostname or host, parsed.port or port
    where = f"PostgreSQL at {host}:{port or 5432}, database '{database}', user '{user}'"
    try:
        connection = psycopg2.connect(host=host, port=port or 5432, dbname=database, user=user, password=password or None,
                                      connect_timeout=timeout, **dict(store.get("query") or {}))
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            connection.close()
    except psycopg2.Error as error:
        raise StoreUnreachable(f"cannot connect to the tracker store ({where}): {_first_line(error)}") from error
    return f"tracker store: {where} answers"


def check_redis(store: Dict[str, Any], timeout: int = TIMEOUT_SECONDS) -> str:
    """PING the Redis lock store; return a one-line description."""
    import redis

    host, port, db = str(store.get("url") or "localhost"), int(store.get("port") or 6379), int(store.get("db") or 1)
    where = f"Redis at {host}:{port}, db {db}"
    client = redis.Redis(host=host, port=port, db=db, username=store.get("username") or None,
                         password=store.get("password") or None, ssl=bool(store.get("use_ssl")),
                         socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        client.ping()
    except redis.RedisError as error:
        raise StoreUnreachable(f"cannot connect to the lock store ({where}): {_first_line(error)}") from error
    finally:
        client.close()
    return f"lock store: {where} answers"


def check(config: Dict[str, Any]) -> List[str]:
    """Check every PostgreSQL and Redis store in ``config`` at once; raise :class:`StoreUnreachable` naming all that fail."""
    checks = []
    tracker = config.get("tracker_store") or {}
    if str(tracker.get("type", "")).lower() == "sql" and str(tracker.get("dialect", "")).startswith("postgres"):
        checks.append((check_postgres, tracker))
    lock = config.get("lock_store") or {}
    if str(lock.get("type", "")).lower() in REDIS_LOCK_STORE_TYPES:
        checks.append((check_redis, lock))
    answers, failures = [], []
    with ThreadPoolExecutor(max_workers=2) as pool:  # both at once: 5 s at most in all
        futures = [pool.submit(function, store) for function, store in checks]
    for future in futures:
        try:
            answers.append(future.result())
        except StoreUnreachable as error:
            failures.append(str(error))
    if failures:
        raise StoreUnreachable("\n".join(failures))
    return answers or ["no PostgreSQL tracker store or Redis lock store in this file: nothing to check"]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Check the stores of the endpoints file given on the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else DEFAULT_ENDPOINTS
    try:
        config = read_endpoints(path)
    except Exception as error:  # a missing file, bad YAML or an unset variable: all stop here
        print(f"error: cannot use {path}: {_first_line(error)}", file=sys.stderr)
        return 2
    try:
        answers = check(config)
    except StoreUnreachable as error:
        for line in str(error).splitlines():
            print(f"error: {line}", file=sys.stderr)
        print(f"       (timeout {TIMEOUT_SECONDS} s; Rasa 3.6 would start anyway and lose conversations or fail every message)",
              file=sys.stderr)
        return 1
    for line in answers:
        print(f"ok: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
