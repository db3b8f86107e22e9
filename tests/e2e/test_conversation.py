"""End to end: both servers on localhost, a conversation over the REST webhook."""

from __future__ import annotations

import uuid

import pytest

from assistant.knowledge import load_knowledge
from tests.e2e.expect import typed

pytestmark = pytest.mark.servers
KNOWLEDGE = load_knowledge()
DISCLAIMER = KNOWLEDGE.disclaimer


def texts(replies):
    return [r.get("text", "") for r in replies]


def only_text(replies):
    assert len(replies) == 1, replies
    return replies[0]["text"]


def test_a_newcomers_conversation(servers):
    sender = f"e2e-{uuid.uuid4().hex}"
    greeting = only_text(servers.send(sender, "hello"))
    assert greeting.startswith(KNOWLEDGE.messages["greeting"]) and greeting.endswith(DISCLAIMER)

    expected = typed(KNOWLEDGE, "why does lupus hurt so much?", "lupus")
    lupus = servers.send(sender, "why does lupus hurt so much?")
    assert only_text(lupus).startswith(expected.answer)
    assert lupus[0]["text"].endswith(DISCLAIMER)
    assert [b["payload"] for b in lupus[0]["buttons"]] == [r.payload for r in expected.related]

    follow_up = servers.send(sender, lupus[0]["buttons"][0]["payload"])
    assert only_text(follow_up).startswith(expected.related[0].answer)

    spinal = typed(KNOWLEDGE, "my back is stiff in the morning", "spinal")
    assert only_text(servers.send(sender, "my back is stiff in the morning")).startswith(spinal.answer)
    stress = typed(KNOWLEDGE, "does stress make it worse?", after="spinal")
    assert only_text(servers.send(sender, "does stress make it worse?")).startswith(stress.answer)

    refusal = only_text(servers.send(sender, "how much ibuprofen can I take?"))
    assert refusal.startswith(KNOWLEDGE.messages["medication_refusal"]) and refusal.endswith(DISCLAIMER)

    emergency = only_text(servers.send(sender, "I have chest pain right now"))
    assert emergency.startswith(KNOWLEDGE.levels["emergency"]) and emergency.endswith(DISCLAIMER)

    assert texts(servers.send(sender, "thanks, bye")) != []


def test_mixed_message_gets_emergency_help_not_the_topic(servers):
    sender = f"e2e-{uuid.uuid4().hex}"
    reply = only_text(servers.send(sender, "what does lupus do to joints? also I have crushing chest pain right now"))
    assert reply.startswith(KNOWLEDGE.levels["emergency"])
    assert KNOWLEDGE.topic("lupus").answer not in reply
    assert reply.endswith(DISCLAIMER)


def test_every_topic_through_its_button_payload(servers):
    sender = f"e2e-{uuid.uuid4().hex}"
    for topic in KNOWLEDGE.topics:
        reply = only_text(servers.send(sender, topic.payload))
        assert reply.startswith(topic.answer), topic.id
        assert reply.endswith(DISCLAIMER), topic.id


def test_logs_do_not_contain_what_people_wrote(servers):
    marker = f"private-{uuid.uuid4().hex}"
    servers.send(f"e2e-{uuid.uuid4().hex}", f"my knees hurt and my neighbour {marker} knows it")
    servers.send(f"e2e-{uuid.uuid4().hex}", f"{marker} <script>")
    assert marker not in servers.output()  # everything the script and its three servers print
