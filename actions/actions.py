"""The Rasa SDK actions: thin classes over the knowledge, topic and reply modules."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant import replies as r
from assistant.clinic import clinic_contact
from assistant.knowledge import Knowledge, get_knowledge
from assistant.safety import assess
from assistant.topics import EntityPair, canonical_entities, choose_topic, disease_topic, menu_topics


def _latest_intent(tracker: Tracker) -> Optional[str]:
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name") if isinstance(intent, dict) else None
    return name if isinstance(name, str) else None


def _latest_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text")
    return text if isinstance(text, str) else ""


def _entities(knowledge: Knowledge, tracker: Tracker) -> List[EntityPair]:
    return canonical_entities(knowledge, tracker.latest_message.get("entities") or [])


class KnowledgeAction(Action, ABC):
    """Base of every answering action.

    It reads the latest message with the red-flag rules first, whatever the
    classifier said: a group happening now gets the safety reply instead of
    any answer; a group only mentioned ("can lupus cause chest pain?") gets
    the answer followed by its "if you have it now" line. The replies go
    through :func:`assistant.replies.send_replies`, which adds the disclaimer.
    """

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        """Answer the latest message."""
        knowledge = get_knowledge()
        assessment = assess(_latest_text(tracker), knowledge)
        if assessment.now:
            replies = [r.safety_reply(knowledge, assessment.now)]
        else:
            replies = self.replies(tracker, knowledge)
            if replies and assessment.mentioned:
                replies[0] = r.with_safety_notes(replies[0], assessment.mentioned)
        r.send_replies(dispatcher, knowledge, replies)
        return []

    @abstractmethod
    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        """The replies of this action when no red flag is present."""


class ActionGreet(KnowledgeAction):
    """Say hello, say what the assistant is for, and offer the menu."""

    def name(self) -> str:
        return "action_greet"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        return [r.menu_reply(knowledge.messages["greeting"], menu_topics(knowledge), health=True)]


class ActionAnswerTopic(KnowledgeAction):
    """Answer a question from the knowledge file, with follow-up buttons."""

    def name(self) -> str:
        return "action_answer_topic"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        topic = choose_topic(knowledge, _latest_intent(tracker), _entities(knowledge, tracker))
        if topic is None:
            return [r.menu_reply(knowledge.messages["fallback"], menu_topics(knowledge), health=False)]
        return [r.topic_reply(knowledge, topic)]


class ActionCapabilities(KnowledgeAction):
    """What the assistant can and cannot do, and the topic menu."""

    def name(self) -> str:
        return "action_capabilities"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        topic = choose_topic(knowledge, "ask_capabilities", [])
        text = knowledge.messages["capabilities_intro"]
        if topic is not None:
            text = r.paragraphs(r.topic_text(topic), text)
        return [r.menu_reply(text, menu_topics(knowledge), health=True)]


class ActionRefuseDiagnosis(KnowledgeAction):
    """Never diagnose: refuse kindly, give the general topic if one fits."""

    def name(self) -> str:
        return "action_refuse_diagnosis"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        entities = _entities(knowledge, tracker)
        topic = disease_topic(knowledge, entities)
        condition = None
        if topic is not None and topic.entity is not None:
            condition = knowledge.entity_label(*topic.entity)
        return [r.diagnosis_refusal(knowledge, condition, topic)]


class ActionRefuseMedication(KnowledgeAction):
    """Never name a drug or a dose: refuse kindly and point to a doctor."""

    def name(self) -> str:
        return "action_refuse_medication"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        return [r.medication_refusal(knowledge)]


class ActionEmergency(KnowledgeAction):
    """The classifier heard an emergency the rules did not: say it may be one, with the number."""

    def name(self) -> str:
        return "action_emergency"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        return [r.safety_reply(knowledge, [])]


class ActionContactClinic(KnowledgeAction):
    """The clinic's contact details from the environment."""

    def name(self) -> str:
        return "action_contact_clinic"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        return [r.contact_reply(knowledge, clinic_contact())]


class ActionOutOfScope(KnowledgeAction):
    """Say what the assistant can help with and offer the menu."""

    def name(self) -> str:
        return "action_out_of_scope"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        return [r.menu_reply(knowledge.messages["out_of_scope"], menu_topics(knowledge), health=False)]


class ActionFallback(KnowledgeAction):
    """The assistant did not understand: say so and offer the menu."""

    def name(self) -> str:
        return "action_fallback"

    def replies(self, tracker: Tracker, knowledge: Knowledge) -> List[r.Reply]:
        return [r.menu_reply(knowledge.messages["fallback"], menu_topics(knowledge), health=False)]
