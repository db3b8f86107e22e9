"""Choosing the topic from intent and entities."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.knowledge import get_knowledge
from assistant.topics import canonical_entities, choose_topic

TOPIC_INTENTS = get_knowledge().structure.topic_intents


@pytest.mark.parametrize(
    "intent, entities, topic_id",
    [
        ("ask_disease", [("disease", "lupus")], "lupus"),
        ("ask_disease", [], "diseases_overview"),
        ("ask_pain_type", [], "pain_types"),
        ("ask_pain_type", [("pain_type", "spinal")], "spinal_pain"),
        ("ask_pain_type", [("disease", "multiple_sclerosis")], "multiple_sclerosis"),
        ("ask_disease", [("pain_type", "joint")], "joint_pain"),
        ("ask_disease", [("pain_type", "joint"), ("disease", "lupus")], "lupus"),
        ("ask_stress", [("disease", "lupus")], "stress"),
        ("ask_treatment", [("disease", "lupus")], "treatment"),
        ("ask_pain_mechanism", [("disease", "lupus")], "lupus"),
        ("ask_what_is_autoimmune", [("disease", "vasculitis")], "vasculitis"),
        ("ask_pain_mechanism", [("pain_type", "nerve")], "nerve_pain"),
        ("ask_treatment", [], "treatment"),
        ("ask_diagnosis_difficulty", [], "diagnosis_difficulty"),
        ("ask_what_is_autoimmune", [], "what_is_autoimmune"),
        ("ask_pain_mechanism", [], "pain_mechanisms"),
        ("ask_capabilities", [], "capabilities"),
    ],
)
def test_choose_topic(knowledge, intent, entities, topic_id):
    assert choose_topic(knowledge, intent, entities).id == topic_id


def test_intents_without_topics_choose_none(knowledge):
    assert choose_topic(knowledge, "greet", []) is None
    assert choose_topic(knowledge, None, [("disease", "lupus")]) is None


def test_every_topic_is_reachable_through_its_payload_route(knowledge):
    for topic in knowledge.topics:
        entities = [topic.entity] if topic.entity else []
        assert choose_topic(knowledge, topic.intent, entities) == topic


def test_canonical_entities_maps_synonyms_and_drops_unknowns(knowledge):
    raw = [
        {"entity": "disease", "value": "SLE"},
        {"entity": "disease", "value": "lupus"},
        {"entity": "pain_type", "value": "Pins and  Needles"},
        {"entity": "disease", "value": "gout"},
        {"entity": "colour", "value": "red"},
        {"entity": "disease", "value": 3},
        "not a dict",
    ]
    assert canonical_entities(knowledge, raw) == [("disease", "lupus"), ("pain_type", "nerve")]


odd_values = st.one_of(st.none(), st.integers(), st.text(max_size=30), st.lists(st.text(max_size=5), max_size=2))


@settings(max_examples=300, deadline=None)
@given(
    intent=st.one_of(st.none(), st.sampled_from(TOPIC_INTENTS), st.text(max_size=20)),
    raw=st.lists(st.dictionaries(st.sampled_from(["entity", "value", "start"]), odd_values), max_size=4),
)
def test_odd_input_never_raises(knowledge, intent, raw):
    pairs = canonical_entities(knowledge, raw)
    topic = choose_topic(knowledge, intent, pairs)
    assert topic is None or topic.intent == intent or topic.entity in pairs
