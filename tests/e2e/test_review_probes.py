"""Issue 17: every probe message of the clinical review, through the whole assistant over REST.

The same probes as ``tests/unit/test_review_probes.py`` (the rules and the actions alone), here sent to
both servers started as ``make run`` starts them: the NLU, the router's hand-off, the policies and the
actions together. Help comes first at the expected level or opening; a mention gets its answer first.
Where the rules find nothing, the classifier may still add its unsure line ("could be an emergency: if it
is happening now, call 115"; it may add an alarm, never remove one): no emergency or urgent line, no crisis
text, is the whole assistant's bar for those probes ("I'm 25 and I have a headache at my temples").
"""

from __future__ import annotations

import uuid

import pytest

from assistant import replies as r
from assistant.knowledge import load_knowledge
from tests.unit.test_review_probes import IDS, PROBES, _first_lines, _flag

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()


@pytest.mark.parametrize("text, expected, group", PROBES, ids=IDS)
def test_a_probe_through_the_whole_assistant(servers, text, expected, group):
    replies = servers.send(f"probe-{uuid.uuid4().hex}", text)
    assert replies, text
    first_reply = replies[0]["text"]
    first = first_reply.split(r.PARAGRAPH)[0]
    alarms = (KNOWLEDGE.levels["emergency"], *(f.opening for f in KNOWLEDGE.red_flags if f.opening))
    if expected in ("mention", "none", "not_emergency"):
        assert first not in alarms and first != KNOWLEDGE.levels["urgent"], first_reply
        if expected == "mention":
            assert not first_reply.startswith(r.safety_openings(KNOWLEDGE)), first_reply
        if expected == "mention":
            assert 0 < first_reply.find(_flag(KNOWLEDGE, group).if_now), first_reply
        return
    assert first in _first_lines(KNOWLEDGE, expected, group), first_reply
    assert KNOWLEDGE.emergency.emergency_number in first_reply
    if expected == "overdose_crisis":
        assert first_reply.split(r.PARAGRAPH)[1] == _flag(KNOWLEDGE, "suicide").opening
    if expected in ("crisis", "check"):
        assert KNOWLEDGE.emergency.crisis_line in first
    assert first_reply.endswith(KNOWLEDGE.disclaimer)
