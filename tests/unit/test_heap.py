"""server.heap: after start, a full garbage collection walks only what messages create."""

from __future__ import annotations

import gc

from server import heap


def test_objects_alive_at_start_are_left_out_of_later_collections():
    kept = [{"n": i} for i in range(50_000)]  # a server's loaded objects, in small
    try:
        frozen = heap.freeze_loaded_objects()
        assert frozen >= len(kept) and gc.get_freeze_count() == frozen
        assert not any(gc.is_tracked(k) and k in gc.get_objects(generation=2) for k in kept[:3])
    finally:
        gc.unfreeze()


async def test_the_rasa_servers_channels_freeze_once_the_server_has_started():
    from sanic import Blueprint

    from channels.inputs import attach

    blueprint = Blueprint("probe")
    attach(blueprint)
    after = [f.listener for f in blueprint._future_listeners if f.event == "after_server_start"]
    assert len(after) == 1  # after Rasa's before_server_start listener has loaded the model
    try:
        await after[0](None, None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
