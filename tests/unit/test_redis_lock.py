"""stores/redis_lock.py against a real Redis: tickets stay unique under contention, unlike Rasa 3.6's store.

A throw-away redis-server on a free localhost port (tests/e2e/local_stores.py). Every store below is its
own client, as on separate Rasa servers. Rasa's own ``RedisLockStore`` runs the same load to show the
race the new store removes (RasaHQ/rasa#9213).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import threading
import time
import uuid
from typing import Any, Callable, Dict, Iterator, List, Type

import pytest
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, LockStore, RedisLockStore
from rasa.core.utils import _lock_store_is_multi_worker_compatible
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from assistant.paths import ROOT
from stores.redis_lock import KEY_GRACE_MS, AtomicRedisLockStore
from tests.e2e.local_stores import LocalRedis, redis_server_bin

LOCK_DB = 1
WORKERS = 8  # threads or processes issuing tickets for one conversation at once
TICKETS_EACH = 50


@pytest.fixture(scope="module")
def redis_server() -> Iterator[LocalRedis]:
    if redis_server_bin() is None:
        message = "no redis-server (Debian package redis-server)"
        if os.geteuid() == 0:
            pytest.fail(f"{message}: run scripts/install-system.sh (make test does)")
        pytest.skip(f"{message}; not root, so not installed: sudo apt-get install -y redis-server")
    server = LocalRedis()
    try:
        yield server.start()
    finally:
        server.stop()


def connect(redis_server: LocalRedis, store_class: Type[RedisLockStore] = AtomicRedisLockStore, **kwargs: Any) -> RedisLockStore:
    """A new store with its own connections, as one Rasa server has."""
    return store_class(host=redis_server.host, port=redis_server.port, password=redis_server.password, db=LOCK_DB, **kwargs)


def conversation() -> str:
    return f"conversation-{uuid.uuid4().hex}"


def issue_in_threads(make_store: Callable[[], RedisLockStore], conversation_id: str) -> List[List[int]]:
    """WORKERS threads, each with its own store, issue TICKETS_EACH tickets at once; each thread's numbers in order."""
    barrier = threading.Barrier(WORKERS)
    results: List[List[int]] = [[] for _ in range(WORKERS)]

    def work(index: int) -> None:
        store = make_store()
        barrier.wait(timeout=10)
        for _ in range(TICKETS_EACH):
            results[index].append(store.issue_ticket(conversation_id, 60))

    threads = [threading.Thread(target=work, args=(index,)) for index in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(len(numbers) for numbers in results) == WORKERS * TICKETS_EACH, "a thread did not finish"
    return results


def _issue_in_process(address: Dict[str, Any], conversation_id: str, barrier: Any, out: Any) -> None:
    store = AtomicRedisLockStore(**address)
    barrier.wait(timeout=10)
    out.put([store.issue_ticket(conversation_id, 60) for _ in range(TICKETS_EACH)])


def assert_unique_and_increasing(results: List[List[int]]) -> None:
    for numbers in results:
        assert numbers == sorted(set(numbers)), "a worker's own tickets are not increasing"
    assert sorted(n for numbers in results for n in numbers) == list(range(WORKERS * TICKETS_EACH))


def test_tickets_issued_at_once_from_threads_are_unique_and_increasing(redis_server) -> None:
    conversation_id = conversation()
    store = connect(redis_server)
    assert_unique_and_increasing(issue_in_threads(lambda: connect(redis_server), conversation_id))
    lock = store.get_lock(conversation_id)
    assert lock is not None and [t.number for t in lock.tickets] == list(range(WORKERS * TICKETS_EACH))


def test_tickets_issued_at_once_from_processes_are_unique_and_increasing(redis_server) -> None:
    context = multiprocessing.get_context("fork")  # the store's module is already imported: no second Rasa import
    conversation_id = conversation()
    address = dict(host=redis_server.host, port=redis_server.port, password=redis_server.password, db=LOCK_DB)
    barrier, out = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=_issue_in_process, args=(address, conversation_id, barrier, out)) for _ in range(WORKERS)]
    for process in processes:
        process.start()
    try:
        results = [out.get(timeout=30) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
    assert all(process.exitcode == 0 for process in processes)
    assert_unique_and_increasing(results)


def test_rasa_redis_lock_store_gives_duplicate_tickets_under_the_same_load(redis_server) -> None:
    """The same load on Rasa 3.6's store: read-modify-write from several clients, tickets are given twice or lost."""
    conversation_id = conversation()
    results = issue_in_threads(lambda: connect(redis_server, RedisLockStore), conversation_id)
    issued = [n for numbers in results for n in numbers]
    duplicates = len(issued) - len(set(issued))
    stored = connect(redis_server).get_lock(conversation_id)
    lost = len(issued) - (len(stored.tickets) if stored else 0)
    print(f"\nRasa's RedisLockStore: {duplicates} of {len(issued)} tickets issued twice, {lost} missing from the lock")
    assert duplicates > 0 and lost > 0


def test_rasa_redis_lock_store_race_step_by_step(redis_server) -> None:
    """Why: two clients both read the lock before either writes it, so both take ticket 0.

    Rasa's store is paused after its read to force that order; the new store has no such step to pause in.
    """
    barrier = threading.Barrier(2)

    class PausedAfterRead(RedisLockStore):
        def get_lock(self, conversation_id: str) -> Any:
            lock = super().get_lock(conversation_id)
            barrier.wait(timeout=10)
            return lock

    conversation_id, tickets = conversation(), []

    def issue() -> None:
        tickets.append(connect(redis_server, PausedAfterRead).issue_ticket(conversation_id))

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    assert tickets == [0, 0]
    lock = connect(redis_server).get_lock(conversation_id)
    assert lock is not None and [t.number for t in lock.tickets] == [0], "one ticket overwrote the other"


LOCK_LIFETIME = 3  # s; a ticket lost by Rasa's store frees its waiters when the other tickets expire
GIVE_UP_AFTER = 15  # s; a worker still waiting then counts as stuck


def hold_lock_in_turn(make_store: Callable[[], LockStore], conversation_id: str, workers: int, rounds: int) -> Dict[str, Any]:
    """``workers`` threads each take the conversation's lock ``rounds`` times via Rasa's ``LockStore.lock()``.

    Counts how many held it at the same moment, the LockErrors and the workers stuck waiting; all stop at the
    first such failure (to keep the demonstration on Rasa's store short).
    """
    state: Dict[str, Any] = {"inside": 0, "most_inside": 0, "done": 0, "errors": [], "stuck": 0}
    guard, barrier, failed = threading.Lock(), threading.Barrier(workers), threading.Event()

    async def turns(store: LockStore) -> None:
        for _ in range(rounds):
            if failed.is_set():
                return
            try:
                async with store.lock(conversation_id, lock_lifetime=LOCK_LIFETIME, wait_time_in_seconds=0.002):
                    with guard:
                        state["inside"] += 1
                        state["most_inside"] = max(state["most_inside"], state["inside"])
                        if state["inside"] > 1:
                            failed.set()
                    await asyncio.sleep(0.002)  # handling the message
                    with guard:
                        state["inside"] -= 1
                        state["done"] += 1
            except LockError as error:
                state["errors"].append(error)
                failed.set()

    def work() -> None:
        store = make_store()
        barrier.wait(timeout=10)
        try:
            asyncio.run(asyncio.wait_for(turns(store), GIVE_UP_AFTER))
        except asyncio.TimeoutError:
            with guard:
                state["stuck"] += 1

    threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=GIVE_UP_AFTER + 15)
    state["finished"] = not any(thread.is_alive() for thread in threads)
    return state


def test_lock_is_held_by_one_client_at_a_time(redis_server) -> None:
    """Rasa's own lock() loop (issue, wait, clean up) on the new store: never two holders, nothing fails, nothing left."""
    conversation_id = conversation()
    state = hold_lock_in_turn(lambda: connect(redis_server), conversation_id, workers=6, rounds=25)
    assert state["finished"] and not state["errors"] and not state["stuck"], state
    assert state["done"] == 6 * 25
    assert state["most_inside"] == 1
    assert redis_server.client(LOCK_DB).exists(f"lock:{conversation_id}") == 0


def test_rasa_lock_is_held_by_two_clients_at_once_under_the_same_load(redis_server) -> None:
    conversation_id = conversation()
    state = hold_lock_in_turn(lambda: connect(redis_server, RedisLockStore), conversation_id, workers=6, rounds=25)
    print(f"\nRasa's RedisLockStore: {state['most_inside']} holders at once, {len(state['errors'])} LockErrors, "
          f"{state['stuck']} workers stuck, {state['done']} turns done before the first failure")
    assert state["most_inside"] > 1 or state["errors"] or state["stuck"]


def test_value_is_byte_for_byte_rasas_and_both_stores_read_each_others_locks(redis_server) -> None:
    store, rasa_store = connect(redis_server), connect(redis_server, RedisLockStore)
    conversation_id = f'{conversation()}/"\u00e4"'  # a quote and a non-ASCII letter, escaped as json.dumps does
    assert [store.issue_ticket(conversation_id) for _ in range(3)] == [0, 1, 2]
    raw = redis_server.client(LOCK_DB).get(f"lock:{conversation_id}")
    lock = rasa_store.get_lock(conversation_id)
    assert isinstance(lock, TicketLock) and raw == lock.dumps().encode()
    assert lock.conversation_id == conversation_id and [t.number for t in lock.tickets] == [0, 1, 2]

    assert rasa_store.issue_ticket(conversation_id) == 3  # Rasa's store carries on a lock written by the new one
    assert store.issue_ticket(conversation_id) == 4  # and the other way round
    store.cleanup(conversation_id, 0)
    assert [t.number for t in rasa_store.get_lock(conversation_id).tickets] == [1, 2, 3, 4]


def test_expired_tickets_are_dropped_but_their_numbers_not_reused(redis_server) -> None:
    store, keys = connect(redis_server), redis_server.client(LOCK_DB)
    conversation_id = conversation()
    assert store.issue_ticket(conversation_id, lock_lifetime=0.05) == 0  # e.g. a server that crashed holding it
    time.sleep(0.1)
    assert store.issue_ticket(conversation_id, lock_lifetime=60) == 1
    lock = store.get_lock(conversation_id)
    assert [t.number for t in lock.tickets] == [1] and not lock.is_locked(1)
    assert 59_000 < keys.pttl(f"lock:{conversation_id}") <= 60_000 + KEY_GRACE_MS
    store.cleanup(conversation_id, 0)  # the crashed server's ticket, if it comes back: removes nothing else
    assert [t.number for t in store.get_lock(conversation_id).tickets] == [1]


def test_lock_key_expires_in_redis_after_its_last_ticket(redis_server) -> None:
    store, keys = connect(redis_server), redis_server.client(LOCK_DB)
    conversation_id = conversation()
    store.issue_ticket(conversation_id, lock_lifetime=0.2)
    key = f"lock:{conversation_id}"
    assert 0 < keys.pttl(key) <= 200 + 1 + KEY_GRACE_MS  # + 1: rounded up to the next ms
    time.sleep(0.3)
    store.update_lock(conversation_id)  # Rasa's waiting loop: drops the expired ticket, keeps an empty lock a moment
    assert list(store.get_lock(conversation_id).tickets) == []
    assert 0 < keys.pttl(key) <= KEY_GRACE_MS
    deadline = time.monotonic() + KEY_GRACE_MS / 1000 + 2
    while keys.exists(key) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not keys.exists(key)


def test_finish_serving_update_and_cleanup_keep_rasas_semantics(redis_server) -> None:
    store = connect(redis_server)
    conversation_id = conversation()
    store.update_lock(conversation_id)  # no lock: nothing happens
    store.finish_serving(conversation_id, 0)
    store.cleanup(conversation_id, 0)
    assert store.get_lock(conversation_id) is None

    first, second = store.issue_ticket(conversation_id), store.issue_ticket(conversation_id)
    assert store.get_lock(conversation_id).now_serving == first and store.is_someone_waiting(conversation_id)
    store.cleanup(conversation_id, first)  # someone waits: the lock stays, the next ticket is served
    lock = store.get_lock(conversation_id)
    assert [t.number for t in lock.tickets] == [second] and not lock.is_locked(second)
    store.finish_serving(conversation_id, second)  # finish_serving alone keeps the (empty) lock, as Rasa's does
    assert store.get_lock(conversation_id) is not None and not store.is_someone_waiting(conversation_id)
    third = store.issue_ticket(conversation_id)
    store.cleanup(conversation_id, third)
    assert store.get_lock(conversation_id) is None


async def test_lock_context_manager_serves_in_ticket_order(redis_server) -> None:
    store, other_server = connect(redis_server), connect(redis_server)
    conversation_id, order = conversation(), []

    async def handle(lock_store: LockStore, name: str, work: float) -> None:
        async with lock_store.lock(conversation_id, wait_time_in_seconds=0.01):
            order.append(f"{name} starts")
            await asyncio.sleep(work)
            order.append(f"{name} ends")

    first = asyncio.create_task(handle(store, "first", 0.2))
    await asyncio.sleep(0.05)
    await asyncio.gather(first, handle(other_server, "second", 0))
    assert order == ["first starts", "first ends", "second starts", "second ends"]
    assert store.get_lock(conversation_id) is None


def test_created_from_the_production_endpoints_file(redis_server, monkeypatch) -> None:
    """Rasa builds the store from deploy/endpoints.production.yml: same arguments as ``type: redis``."""
    for name, value in {"LOCK_STORE_REDIS_HOST": redis_server.host, "LOCK_STORE_REDIS_PORT": str(redis_server.port),
                        "LOCK_STORE_REDIS_PASSWORD": redis_server.password, "ACTION_ENDPOINT_URL": "http://127.0.0.1:1/webhook",
                        "TRACKER_DB_HOST": "127.0.0.1", "TRACKER_DB_PORT": "1", "TRACKER_DB_NAME": "rasa",
                        "TRACKER_DB_USER": "rasa", "TRACKER_DB_PASSWORD": ""}.items():
        monkeypatch.setenv(name, value)
    config = read_endpoint_config(str(ROOT / "deploy" / "endpoints.production.yml"), "lock_store")
    assert config is not None and config.type == "stores.redis_lock.AtomicRedisLockStore"
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore) and _lock_store_is_multi_worker_compatible(store)
    conversation_id = conversation()
    store.issue_ticket(conversation_id)
    assert redis_server.client(LOCK_DB).exists(f"lock:{conversation_id}")  # database 1, with the password

    prefixed = LockStore.create(EndpointConfig(type="stores.redis_lock.AtomicRedisLockStore", url=redis_server.host,
                                               port=redis_server.port, password=redis_server.password, db=2, key_prefix="bot1"))
    prefixed.issue_ticket(conversation_id)
    assert redis_server.client(2).exists(f"bot1:lock:{conversation_id}")


def test_redis_down_is_a_lock_error(redis_server) -> None:
    """As with Rasa's store, a failure to issue a ticket is a LockError (Rasa's channels then apologise)."""
    from evaluation.servers import free_port

    store = AtomicRedisLockStore(host="127.0.0.1", port=free_port(), socket_timeout=2)
    with pytest.raises(LockError):
        store.issue_ticket(conversation())


def test_value_written_matches_json_of_rasas_ticket_lock(redis_server) -> None:
    """The stored JSON holds the conversation id and the ticket, which expires ``lock_lifetime`` seconds from now."""
    store = connect(redis_server)
    conversation_id = conversation()
    before = time.time()
    store.issue_ticket(conversation_id, lock_lifetime=30)
    value = json.loads(redis_server.client(LOCK_DB).get(f"lock:{conversation_id}"))
    ticket = json.loads(value["tickets"][0])
    assert value["conversation_id"] == conversation_id and ticket["number"] == 0
    assert before + 30 <= ticket["expires"] <= time.time() + 30
