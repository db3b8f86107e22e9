"""Two Rasa servers share one PostgreSQL tracker store and one Redis lock store.

Runs deploy/endpoints.production.yml itself, its ``${VAR}`` values set to a
throw-away PostgreSQL and Redis on localhost (tests/e2e/local_stores.py), with
two assistants started by ``scripts/run.sh`` as ``ENDPOINTS=... make run``
starts them on two machines (each with its action server). Then reads the conversations straight
from PostgreSQL. Also tests tools/check_stores.py against the same stores.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

from assistant.paths import PYTHON, ROOT
from evaluation.servers import Assistant, free_port, server_env
from tests.e2e.local_stores import LocalPostgres, LocalRedis, missing_binaries

pytestmark = pytest.mark.servers

PRODUCTION_ENDPOINTS = ROOT / "deploy" / "endpoints.production.yml"
RASA_START_TIMEOUT = 240  # two assistants load the model at once on two cores: about 60 s
LOCK_KEY_PREFIX = "lock:"  # rasa.core.lock_store.DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX
LOCK_DB = 1  # lock_store.db in deploy/endpoints.production.yml
SEND_TIMEOUT = 15  # a reply takes about 0.1 s, 1.1 s when it waits for a lock

CONVERSATION = [
    "hello",
    "why does lupus hurt so much?",
    "does stress make it worse?",
    "what kinds of pain are there?",
    "my back is stiff in the morning",
    "what is fibromyalgia?",
    "how much ibuprofen can I take?",
    "thanks, bye",
]
SECOND_CONVERSATION = ["hi there", "what is an autoimmune disease?", "how is the pain treated?", "thank you"]


def require_binaries() -> None:
    """Skip without the Debian server binaries, unless root (then scripts/install-system.sh should have run)."""
    missing = missing_binaries()
    if not missing:
        return
    message = f"missing Debian packages {', '.join(missing)} (PostgreSQL and Redis servers)"
    if os.geteuid() == 0:
        pytest.fail(f"{message}: run scripts/install-system.sh (make test does)")
    pytest.skip(f"{message}; not root, so not installed: sudo apt-get install -y {' '.join(missing)}")


@pytest.fixture(scope="module")
def postgres() -> Iterator[LocalPostgres]:
    require_binaries()
    server = LocalPostgres()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="module")
def redis_server() -> Iterator[LocalRedis]:
    require_binaries()
    server = LocalRedis()
    try:
        yield server.start()
    finally:
        server.stop()


def store_env(postgres: LocalPostgres, redis_server: LocalRedis, action_port: int) -> Dict[str, str]:
    """Every variable deploy/endpoints.production.yml reads."""
    return {
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "TRACKER_DB_HOST": postgres.host,
        "TRACKER_DB_PORT": str(postgres.port),
        "TRACKER_DB_NAME": postgres.database,
        "TRACKER_DB_USER": postgres.user,
        "TRACKER_DB_PASSWORD": postgres.password,
        "LOCK_STORE_REDIS_HOST": redis_server.host,
        "LOCK_STORE_REDIS_PORT": str(redis_server.port),
        "LOCK_STORE_REDIS_PASSWORD": redis_server.password,
    }


@dataclass
class Cluster:
    """Two assistants (action server + Rasa server each), one PostgreSQL, one Redis."""

    first: Assistant
    second: Assistant
    postgres: LocalPostgres
    redis: LocalRedis


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, trained_model, postgres, redis_server) -> Iterator[Cluster]:
    root = tmp_path_factory.mktemp("shared-store")
    first, second = Assistant(root / "first"), Assistant(root / "second")
    for assistant in (first, second):
        assistant.env = {"ENDPOINTS": str(PRODUCTION_ENDPOINTS), **store_env(postgres, redis_server, assistant.action_port)}
    try:
        # Both at once, as behind a load balancer: they race to create the events table, and must both come up.
        first.start(wait=False)
        second.start(wait=False)
        first.wait_ready(RASA_START_TIMEOUT)
        second.wait_ready(RASA_START_TIMEOUT)
        yield Cluster(first, second, postgres, redis_server)
    finally:
        stoppers = [threading.Thread(target=assistant.stop) for assistant in (first, second)]  # both at once
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join(timeout=40)


def stored_events(postgres: LocalPostgres, sender: str) -> List[Tuple[str, Any, Any, Dict[str, Any], float, str]]:
    """(type_name, intent_name, action_name, data, timestamp, raw data) of every stored event of ``sender``, in id order."""
    rows = postgres.query(
        "SELECT type_name, intent_name, action_name, data, timestamp FROM events WHERE sender_id = %s ORDER BY id",
        f"rest:{sender}",  # the REST channel's namespace
    )
    return [(type_name, intent, action, json.loads(data), timestamp, data) for type_name, intent, action, data, timestamp in rows]


def stored_turns(postgres: LocalPostgres, sender: str) -> List[Tuple[str, List[str]]]:
    """Each stored user message with the bot messages stored after it, before the next user message."""
    turns: List[Tuple[str, List[str]]] = []
    for type_name, _, _, data, _, _ in stored_events(postgres, sender):
        if type_name == "user":
            turns.append((data["text"], []))
        elif type_name == "bot":
            assert turns, f"a bot message stored before any user message: {data}"
            turns[-1][1].append(data.get("text"))
    return turns


def reply_texts(replies: List[Dict[str, Any]]) -> List[str]:
    """The texts of a non-empty REST reply."""
    assert replies, "empty REST reply"
    assert all(reply.get("text") for reply in replies), replies
    return [reply["text"] for reply in replies]


def assert_stored_once_and_clean(postgres: LocalPostgres, sender: str) -> None:
    """One session, no event stored twice, event columns filled, timestamps in id order."""
    events = stored_events(postgres, sender)
    assert [e[0] for e in events].count("session_started") == 1, [e[0] for e in events]
    raw = [e[5] for e in events]
    assert len(set(raw)) == len(raw), "an event is stored twice"
    timestamps = [e[4] for e in events]
    assert timestamps == sorted(timestamps), "events stored out of time order"
    for type_name, intent, action, data, _, _ in events:
        if type_name == "user":
            assert intent == data["parse_data"]["intent"]["name"] and intent, data
        if type_name == "action":
            assert action == data["name"] and action, data


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_one_conversation_alternating_between_servers_with_another_sender_alongside(cluster: Cluster) -> None:
    servers = (cluster.first, cluster.second)
    sender, other = f"shared-{uuid.uuid4().hex}", f"alongside-{uuid.uuid4().hex}"
    lock_sets_before = cluster.redis.command_calls().get("set", 0)
    other_replies: List[List[str]] = []
    other_errors: List[BaseException] = []

    def other_conversation() -> None:
        try:
            for index, message in enumerate(SECOND_CONVERSATION):  # on the other server than the main sender's turn
                other_replies.append(reply_texts(servers[(index + 1) % 2].send(other, message, timeout=SEND_TIMEOUT)))
        except BaseException as error:  # reported by the main thread
            other_errors.append(error)

    alongside = threading.Thread(target=other_conversation, daemon=True)
    alongside.start()
    replies = [reply_texts(servers[i % 2].send(sender, message, timeout=SEND_TIMEOUT)) for i, message in enumerate(CONVERSATION)]
    alongside.join(timeout=60)
    assert not alongside.is_alive(), "the second sender's conversation did not finish in 60 s"
    assert not other_errors, other_errors

    # Every user message exactly once, in the order sent, each followed by the very reply it got, nothing in between.
    assert stored_turns(cluster.postgres, sender) == list(zip(CONVERSATION, replies))
    assert stored_turns(cluster.postgres, other) == list(zip(SECOND_CONVERSATION, other_replies))
    assert_stored_once_and_clean(cluster.postgres, sender)
    assert_stored_once_and_clean(cluster.postgres, other)

    # The Redis lock store was used (a ticket is saved per message) and no lock is left behind.
    assert cluster.redis.command_calls().get("set", 0) - lock_sets_before >= len(CONVERSATION) + len(SECOND_CONVERSATION)
    assert cluster.redis.client(LOCK_DB).keys(f"{LOCK_KEY_PREFIX}*") == []
    rasa = [rss_mb(assistant.server_pid("rasa_cli run")) for assistant in (cluster.first, cluster.second)]
    action = rss_mb(cluster.first.server_pid("actions.server"))
    print(f"\nRSS: Rasa {rasa[0]:.0f} MB and {rasa[1]:.0f} MB, action server {action:.0f} MB")


def test_a_message_for_a_sender_busy_on_the_other_server_waits_its_turn(cluster: Cluster) -> None:
    """While one server holds a sender's lock, that sender's next message on the other server waits for it.

    The second message is sent once the first one's lock is in Redis: messages that reach two servers
    within the same millisecond are NOT safe with Rasa 3.6's RedisLockStore (docs/scaling.md).
    """
    sender = f"waits-{uuid.uuid4().hex}"
    lock_key = f"{LOCK_KEY_PREFIX}rest:{sender}"  # the conversation id of a REST sender
    redis_locks = cluster.redis.client(LOCK_DB)
    expected: List[Tuple[str, List[str]]] = [("hello", reply_texts(cluster.first.send(sender, "hello", timeout=SEND_TIMEOUT)))]
    rounds = [
        (cluster.first, cluster.second, "why does lupus hurt so much?", "does stress make it worse?"),
        (cluster.second, cluster.first, "what is fibromyalgia?", "my back is stiff in the morning"),
    ]
    for holder, waiter, held_message, waiting_message in rounds:
        result: Dict[str, Any] = {}

        def hold(servers: Assistant = holder, message: str = held_message, out: Dict[str, Any] = result) -> None:
            try:
                out["replies"] = servers.send(sender, message, timeout=SEND_TIMEOUT)
            except BaseException as error:  # reported by the main thread
                out["error"] = error
            out["done"] = time.monotonic()

        thread = threading.Thread(target=hold, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not redis_locks.exists(lock_key) and thread.is_alive() and time.monotonic() < deadline:
            pass
        assert thread.is_alive() and redis_locks.exists(lock_key), "did not see the first message's lock in Redis"
        sent = time.monotonic()
        waiting_replies = reply_texts(waiter.send(sender, waiting_message, timeout=SEND_TIMEOUT))
        answered = time.monotonic()
        thread.join(timeout=30)
        assert "error" not in result, result
        assert result["done"] > sent, "the first message was answered before the second was sent: nothing overlapped"
        assert result["done"] < answered, "the waiting message was answered before the one holding the lock"
        expected += [(held_message, reply_texts(result["replies"])), (waiting_message, waiting_replies)]

    assert stored_turns(cluster.postgres, sender) == expected
    assert_stored_once_and_clean(cluster.postgres, sender)
    assert redis_locks.keys(f"{LOCK_KEY_PREFIX}*") == []


# Two messages for one sender at the same instant, one on each server: stores.redis_lock.AtomicRedisLockStore
# (deploy/endpoints.production.yml) makes one wait for the other. With Rasa 3.6's own RedisLockStore both ran
# at once and a turn was lost (measured by hand, docs/scaling.md).

SAME_INSTANT_PAIRS = [  # one pair per round, every message different
    ("hello", "what can you help me with?"),
    ("why does lupus hurt so much?", "does stress make it worse?"),
    ("what kinds of pain are there?", "what is fibromyalgia?"),
    ("my back is stiff in the morning", "how much ibuprofen can I take?"),
    ("what is lupus?", "why is diagnosis so hard?"),
    ("what is an autoimmune disease?", "how is the pain treated?"),
    ("my MRI is normal but it still hurts", "how is autoimmune pain treated"),
    ("are you a real person?", "how do I book an appointment"),
    ("do I have fibromyalgia?", "what does lupus do to joints?"),
    ("thank you", "bye"),
]
NEW_CONVERSATIONS = 5  # senders whose very first two messages arrive at once
LOCK_WAIT = 0.9  # s; Rasa's lock() re-checks a busy lock every second, so a message that waited took at least this

Turn = Tuple[str, List[str]]


def send_pair_at_once(cluster: Cluster, sender: str, pair: Tuple[str, str]) -> Tuple[List[Turn], bool]:
    """Send the pair's first message to the first server and its second to the second, released by one barrier.

    Returns each message with the reply its REST call got, and whether one of them waited for the lock.
    """
    servers = (cluster.first, cluster.second)
    barrier = threading.Barrier(len(servers))
    results: List[Dict[str, Any]] = [{} for _ in servers]

    def send(server: Assistant, message: str, out: Dict[str, Any]) -> None:
        try:
            barrier.wait(timeout=10)
            begun = time.monotonic()
            out["replies"] = reply_texts(server.send(sender, message, timeout=SEND_TIMEOUT))
            out["took"] = time.monotonic() - begun
        except BaseException as error:  # reported by the main thread
            out["error"] = error

    threads = [threading.Thread(target=send, args=args, daemon=True) for args in zip(servers, pair, results)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SEND_TIMEOUT + 15)
    assert all("replies" in out for out in results), results
    return [(message, out["replies"]) for message, out in zip(pair, results)], max(out["took"] for out in results) >= LOCK_WAIT


def wrong_rounds(postgres: LocalPostgres, sender: str, sent: List[List[Turn]]) -> Tuple[List[int], List[Turn]]:
    """The rounds whose two turns are not stored one after the other (either order) with the replies sent; all stored turns."""
    turns = stored_turns(postgres, sender)
    stored_by_round = [[turn for turn in turns if turn[0] in dict(round_sent)] for round_sent in sent]
    wrong = [index for index, (round_sent, stored) in enumerate(zip(sent, stored_by_round))
             if stored not in (round_sent, round_sent[::-1])]
    if not wrong:
        assert turns == [turn for stored in stored_by_round for turn in stored], "rounds out of order, or something else stored"
    return wrong, turns


def test_two_messages_at_the_same_instant_on_both_servers_are_each_stored_once(cluster: Cluster) -> None:
    """10 rounds in one conversation: one message to each server for the same sender, released together.

    Every turn stored exactly once, each user message followed by the very reply its REST call returned,
    the two of a round one after the other (either order), rounds in order, no lock left in Redis.
    """
    sender = f"same-instant-{uuid.uuid4().hex}"
    sent: List[List[Turn]] = []
    overlapped = 0
    started = time.monotonic()
    for pair in SAME_INSTANT_PAIRS:
        round_sent, waited = send_pair_at_once(cluster, sender, pair)
        sent.append(round_sent)
        overlapped += waited
    took = time.monotonic() - started

    wrong, turns = wrong_rounds(cluster.postgres, sender, sent)
    print(f"\nsame instant, one conversation: {len(wrong)} of {len(sent)} rounds lost or mixed a turn {wrong}; "
          f"{len(turns)} of {2 * len(sent)} user messages stored; a message waited for the lock in {overlapped} rounds; "
          f"{took:.1f} s")
    assert not wrong, [(sent[index], "stored:", [t for t in turns if t[0] in dict(sent[index])]) for index in wrong]
    assert_stored_once_and_clean(cluster.postgres, sender)
    assert cluster.redis.client(LOCK_DB).keys(f"{LOCK_KEY_PREFIX}*") == []
    # Only worth something if the two messages met: then one waited for the other's lock.
    assert overlapped >= len(SAME_INSTANT_PAIRS) // 2, f"only {overlapped} rounds overlapped"


def test_the_first_two_messages_of_a_conversation_at_the_same_instant_start_one_session(cluster: Cluster) -> None:
    """The worst case for Rasa's store: both servers find no lock and no conversation. One session, both turns."""
    senders = [f"same-instant-new-{index}-{uuid.uuid4().hex}" for index in range(NEW_CONVERSATIONS)]
    results = [send_pair_at_once(cluster, sender, pair) for sender, pair in zip(senders, SAME_INSTANT_PAIRS)]
    lost = [sender for sender, (round_sent, _) in zip(senders, results)
            if wrong_rounds(cluster.postgres, sender, [round_sent])[0]]
    sessions = [[e[0] for e in stored_events(cluster.postgres, sender)].count("session_started") for sender in senders]
    overlapped = sum(waited for _, waited in results)
    print(f"\nsame instant, new conversations: {len(lost)} of {len(senders)} lost or mixed a turn; sessions started {sessions}; "
          f"a message waited for the lock in {overlapped}")
    assert not lost, lost
    assert sessions == [1] * len(senders)
    for sender in senders:
        assert_stored_once_and_clean(cluster.postgres, sender)
    assert cluster.redis.client(LOCK_DB).keys(f"{LOCK_KEY_PREFIX}*") == []
    assert overlapped >= NEW_CONVERSATIONS // 2 + 1, f"only {overlapped} pairs overlapped"


# tools/check_stores.py: fail fast, naming the store, instead of Rasa's silent fallback.


def run_check(env: Dict[str, str], endpoints: Path = PRODUCTION_ENDPOINTS, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run ``python -m tools.check_stores`` with ``env`` added."""
    return subprocess.run([str(PYTHON), "-m", "tools.check_stores", str(endpoints)], env=server_env(**env), cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_check_stores_says_ok_when_both_answer(postgres, redis_server) -> None:
    result = run_check(store_env(postgres, redis_server, free_port()))
    assert result.returncode == 0, result.stderr
    assert f"tracker store: PostgreSQL at 127.0.0.1:{postgres.port}" in result.stdout
    assert f"lock store: Redis at 127.0.0.1:{redis_server.port}, db 1" in result.stdout


@pytest.mark.parametrize(
    "broken, names",
    [
        ({"TRACKER_DB_PORT": "closed"}, ["the tracker store (PostgreSQL"]),
        ({"LOCK_STORE_REDIS_PORT": "closed"}, ["the lock store (Redis"]),
        ({"TRACKER_DB_PASSWORD": "wrong", "LOCK_STORE_REDIS_PASSWORD": "wrong"}, ["the tracker store", "the lock store"]),
    ],
    ids=["postgres-down", "redis-down", "wrong-passwords"],
)
def test_check_stores_names_the_unreachable_store(postgres, redis_server, broken, names) -> None:
    env = store_env(postgres, redis_server, free_port())
    env.update({key: str(free_port()) if value == "closed" else value for key, value in broken.items()})
    result = run_check(env)
    assert result.returncode == 1, result
    for name in names:
        assert f"error: cannot connect to {name}" in result.stderr, result.stderr
    assert len([line for line in result.stderr.splitlines() if "cannot connect to" in line]) == len(names), result.stderr


def test_check_stores_gives_up_after_five_seconds_on_a_silent_server(postgres, redis_server) -> None:
    """A port that accepts connections but never answers: the check ends after its 5 s timeout, both stores at once."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = str(silent.getsockname()[1])
        env = dict(store_env(postgres, redis_server, free_port()), TRACKER_DB_PORT=port, LOCK_STORE_REDIS_PORT=port)
        started = time.monotonic()
        result = run_check(env)
        took = time.monotonic() - started
    assert result.returncode == 1, result
    assert "the tracker store" in result.stderr and "the lock store" in result.stderr, result.stderr
    assert 4.5 < took < 9, f"took {took:.1f} s"


def test_check_stores_stops_on_an_unset_variable_or_a_quoted_one(tmp_path, postgres, redis_server) -> None:
    env = store_env(postgres, redis_server, free_port())
    del env["LOCK_STORE_REDIS_PASSWORD"]
    missing = run_check(env)
    assert missing.returncode == 2 and "LOCK_STORE_REDIS_PASSWORD" in missing.stderr, missing

    quoted = tmp_path / "quoted.yml"
    quoted.write_text(PRODUCTION_ENDPOINTS.read_text().replace("${TRACKER_DB_HOST}", '"${TRACKER_DB_HOST}"'))
    result = run_check(store_env(postgres, redis_server, free_port()), endpoints=quoted)
    assert result.returncode == 2 and "tracker_store.url" in result.stderr and "quotes" in result.stderr, result


def test_production_endpoints_leave_no_variable_quoted() -> None:
    """Rasa 3.6 keeps a quoted "${VAR}" as literal text: every ${VAR} in the file must be unquoted."""
    settings = [line for line in PRODUCTION_ENDPOINTS.read_text().splitlines() if not line.lstrip().startswith("#")]
    variables = set(re.findall(r"\$\{(\w+)\}", "\n".join(settings)))
    assert variables == set(store_env(LocalPostgres(), LocalRedis(), 5055)), "the test must set every variable of the file"
    assert [line for line in settings if "\"${" in line or "'${" in line] == []
