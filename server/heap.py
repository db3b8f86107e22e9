"""Keep Python's full garbage collections off the message path of a long-running server.

A loaded Rasa server holds about 730,000 objects that the garbage collector tracks (TensorFlow, the
model, the rule pipeline). A full collection walks all of them: 0.31 s, measured on 2026-12-06, landing
on whichever message happens to cross the collector's threshold (the 2,000-character test saw 0.54 s of
CPU where 0.12 s was the message's own). Those objects live as long as the server, so once the server
has loaded everything they are moved to the permanent generation (:func:`gc.freeze`), and later
collections walk only what messages create. Objects frozen are still freed by reference counting; only
reference cycles among them would stay, and startup objects do not die.
"""

from __future__ import annotations

import gc


def freeze_loaded_objects() -> int:
    """Collect once, then leave every object alive now out of future collections; how many were frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
