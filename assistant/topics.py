"""Choose the knowledge topic that answers an intent and its entities."""

from __future__ import annotations

from typing import Any, Iterable, List, Mapping, Optional, Tuple

from assistant.knowledge import Knowledge, Topic

EntityPair = Tuple[str, str]


def canonical_entities(knowledge: Knowledge, raw_entities: Iterable[Mapping[str, Any]]) -> List[EntityPair]:
    """Known ``(entity, canonical value)`` pairs from Rasa's entity dicts, without repeats.

    Values may already be canonical (spaCy ruler, button payloads) or be a
    synonym (typed by hand in a payload); anything else is dropped.
    """
    pairs: List[EntityPair] = []
    for raw in raw_entities or []:
        if not isinstance(raw, Mapping):
            continue
        name, value = raw.get("entity"), raw.get("value")
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        canonical = knowledge.canonical_value(name, value)
        if canonical is not None and (name, canonical) not in pairs:
            pairs.append((name, canonical))
    return pairs


def choose_topic(knowledge: Knowledge, intent: Optional[str], entities: Iterable[EntityPair]) -> Optional[Topic]:
    """The best topic for ``intent`` given the message's entities, or None.

    1. a topic of this intent that matches one of the entities (first entity wins);
    2. for the general "what / why" questions, a topic of any intent that
       matches an entity: "why does lupus hurt?" read as a pain-mechanism
       question still gets the lupus topic, which links to the mechanisms;
    3. the intent's general topic (the overview for pain types and diseases).

    Step 2 is for ``entity_specific_intents`` (knowledge/structure.yml): diagnosis,
    stress and treatment questions keep their own topic, a disease named in them
    does not change what is asked.
    """
    entities = list(entities)
    candidates = [topic for topic in knowledge.topics if topic.intent == intent]
    if not candidates:
        return None
    for pair in entities:
        for topic in candidates:
            if topic.entity == pair:
                return topic
    if intent in knowledge.structure.entity_specific_intents:
        for pair in entities:
            for topic in knowledge.topics:
                if topic.entity == pair:
                    return topic
    for topic in candidates:
        if topic.entity is None:
            return topic
    return None


def disease_topic(knowledge: Knowledge, entities: Iterable[EntityPair]) -> Optional[Topic]:
    """The topic of the first disease named in the message, if any."""
    for name, value in entities:
        if name == "disease":
            return choose_topic(knowledge, "ask_disease", [(name, value)])
    return None


def menu_topics(knowledge: Knowledge) -> List[Topic]:
    """The general topics offered in the menu, in file order (capabilities excluded)."""
    return [t for t in knowledge.topics if t.entity is None and t.intent != "ask_capabilities"]
