"""Remember the ids of recent platform messages, so that a replayed or retried one is answered once.

Twilio (``MessageSid``), Slack (``event_id`` / ``client_msg_id``) and Messenger
(``mid``) give every message an id. :class:`RecentIds` keeps the ids seen in
the last ``max_age`` seconds, at most ``max_size`` of them (the oldest go
first). In memory, per server process: after a restart, beyond the window, or
on another server behind a load balancer a replay is answered again
(docs/messaging.md).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Callable, Optional

DEFAULT_MAX_SIZE = 50_000
DEFAULT_MAX_AGE_SECONDS = 24 * 3600.0


class RecentIds:
    """A bounded, expiring set of message ids."""

    def __init__(
        self,
        max_size: int = DEFAULT_MAX_SIZE,
        max_age: float = DEFAULT_MAX_AGE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_size = max_size
        self.max_age = max_age
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def _expire(self, now: float) -> None:
        while self._seen:
            oldest, seen_at = next(iter(self._seen.items()))
            if now - seen_at <= self.max_age:
                break
            del self._seen[oldest]

    def seen(self, message_id: Optional[str]) -> bool:
        """True when ``message_id`` came before within the window; else remember it and return False.

        A message without an id is never a replay (there is nothing to compare).
        """
        if not message_id:
            return False
        now = self._clock()
        self._expire(now)
        if message_id in self._seen:
            return True
        self._seen[message_id] = now
        while len(self._seen) > self.max_size:
            self._seen.popitem(last=False)
        return False
