"""Throw-away PostgreSQL and Redis servers on localhost for tests.

Both run from the Debian binaries (``scripts/install-system.sh``), listen on
127.0.0.1 only, keep their files in a temporary directory and are stopped,
bounded in time, by :meth:`stop`. PostgreSQL refuses to run as root, so as
root it runs as the ``postgres`` user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import psycopg2
import redis

from evaluation.servers import free_port

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def postgres_bin() -> Optional[Path]:
    """The newest Debian PostgreSQL bin directory with ``initdb`` and ``postgres``, if any."""
    candidates = [Path(p) for p in sorted(Path("/").glob(PG_BIN_GLOB.lstrip("/")), key=lambda p: int(p.parent.name))]
    found = [p for p in candidates if (p / "initdb").exists() and (p / "postgres").exists()]
    return found[-1] if found else None


def redis_server_bin() -> Optional[Path]:
    """``redis-server`` on the PATH or in /usr/bin, if any."""
    found = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    return Path(found) if found else None


def missing_binaries() -> List[str]:
    """Debian packages whose server binaries are missing."""
    missing = []
    if postgres_bin() is None:
        missing.append("postgresql")
    if redis_server_bin() is None:
        missing.append("redis-server")
    return missing


def _wait(ready: Callable[[], bool], process: subprocess.Popen, timeout: float, name: str, log: Path) -> None:
    """Poll ``ready`` until it returns True; fail with the log if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        if ready():
            return
        time.sleep(0.2)
    raise TimeoutError(f"{name} did not come up in {timeout}s:\n{log.read_text()[-3000:]}")


def _terminate(process: Optional[subprocess.Popen], signals: List[signal.Signals], timeout: float) -> None:
    """Send each signal in turn, waiting ``timeout`` seconds after each, then SIGKILL."""
    if process is None:
        return
    for sig in signals:
        if process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            pass
    if process.poll() is None:
        process.kill()
        process.wait(timeout=5)


@dataclass
class LocalPostgres:
    """A PostgreSQL server with one database and one password-protected user."""

    user: str = "rasa"
    password: str = "rasa-test-password"
    database: str = "rasa"
    port: int = field(default_factory=free_port)
    host: str = "127.0.0.1"
    directory: Optional[Path] = None
    process: Optional[subprocess.Popen] = None

    def _as_postgres(self) -> Dict[str, Any]:
        """Popen arguments that drop root to the ``postgres`` user (nothing when not root)."""
        if os.geteuid() != 0:
            return {}
        entry = pwd.getpwnam("postgres")
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def start(self, timeout: float = 30) -> LocalPostgres:
        """initdb in a temporary directory, start the server, create the database."""
        bin_dir = postgres_bin()
        if bin_dir is None:
            raise FileNotFoundError(f"no PostgreSQL server in {PG_BIN_GLOB}")
        self.directory = Path(tempfile.mkdtemp(prefix="rasa-test-pg-"))
        data, log = self.directory / "data", self.directory / "postgres.log"
        password_file = self.directory / "password"
        password_file.write_text(self.password + "\n")
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            for path in (self.directory, password_file):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        env = dict(os.environ, LC_ALL="C")
        subprocess.run(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", self.user, f"--pwfile={password_file}",
             "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            check=True, timeout=60, env=env, capture_output=True, **self._as_postgres(),
        )
        self.process = subprocess.Popen(
            [str(bin_dir / "postgres"), "-D", str(data), "-h", self.host, "-p", str(self.port), "-k", str(self.directory),
             # a test database: no disk flushes (the tests check concurrency, not durability)
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, **self._as_postgres(),
        )
        _wait(self._accepts, self.process, timeout, "PostgreSQL", log)
        connection = self.connect("postgres")
        try:
            connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.database}"')
        finally:
            connection.close()
        return self

    def connect(self, database: Optional[str] = None) -> Any:
        """A psycopg2 connection to ``database`` (default: the test database)."""
        return psycopg2.connect(host=self.host, port=self.port, user=self.user, password=self.password,
                                dbname=database or self.database, connect_timeout=5)

    def _accepts(self) -> bool:
        try:
            self.connect("postgres").close()
            return True
        except psycopg2.OperationalError:
            return False

    def query(self, sql: str, *args: Any) -> List[tuple]:
        """Run one query on the test database and return all rows."""
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, args)
                return cursor.fetchall()
        finally:
            connection.close()

    def stop(self) -> None:
        """Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL; remove the files."""
        _terminate(self.process, [signal.SIGINT, signal.SIGQUIT], timeout=10)
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)


@dataclass
class LocalRedis:
    """A password-protected Redis server with no persistence."""

    password: str = "rasa-test-redis-password"
    port: int = field(default_factory=free_port)
    host: str = "127.0.0.1"
    directory: Optional[Path] = None
    process: Optional[subprocess.Popen] = None

    def start(self, timeout: float = 15) -> LocalRedis:
        """Start redis-server in a temporary directory and wait for PING."""
        binary = redis_server_bin()
        if binary is None:
            raise FileNotFoundError("no redis-server")
        self.directory = Path(tempfile.mkdtemp(prefix="rasa-test-redis-"))
        log = self.directory / "redis.log"
        self.process = subprocess.Popen(
            [str(binary), "--port", str(self.port), "--bind", self.host, "--save", "", "--appendonly", "no",
             "--dir", str(self.directory), "--requirepass", self.password, "--daemonize", "no"],
            stdout=log.open("w"), stderr=subprocess.STDOUT,
        )
        _wait(self._pings, self.process, timeout, "Redis", log)
        return self

    def client(self, db: int = 0) -> redis.Redis:
        """A client for database ``db``."""
        return redis.Redis(host=self.host, port=self.port, db=db, password=self.password,
                           socket_connect_timeout=5, socket_timeout=5)

    def _pings(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.RedisError:
            return False

    def command_calls(self) -> Dict[str, int]:
        """How many times each command ran since the start, e.g. ``{"set": 12, "get": 40}``."""
        stats = self.client().info("commandstats")
        return {name.removeprefix("cmdstat_"): int(value["calls"]) for name, value in stats.items()}

    def stop(self) -> None:
        """SIGTERM, then SIGKILL; remove the files."""
        _terminate(self.process, [signal.SIGTERM], timeout=10)
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
