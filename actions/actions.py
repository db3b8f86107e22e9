"""The Rasa SDK actions: thin classes over the knowledge, topic and reply modules."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant import replies as r
from assistant.clinic import knowledge_contact
from assistant.knowledge import Knowledge, Topic, get_knowledge
from assistant.language import LANGUAGE_KEY, handed_on_language
from assistant.nlp import get_pipeline
from assistant.retrieval import (
    Choice,
    EntryFinder,
    Question,
    answers_beside_a_medicine,
    get_finder,
    treatment_beside_a_medicine,
)
from assistant.safety import SURE_EMERGENCY, Assessment, alarm_disagrees, alarm_heard, assess_doc, handed_on
from assistant.topics import EntityPair, canonical_entities, choose_topic, disease_topic, menu_topics

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _latest_intent(tracker: Tracker) -> Optional[str]:
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name") if isinstance(intent, dict) else None
    return name if isinstance(name, str) else None


def _latest_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text")
    return text if isinstance(text, str) else ""


def _language(tracker: Tracker) -> Optional[str]:
    """The language to answer in: the NLU's tag of the latest message, a payload's ``language``
    (the Persian page greets with ``/greet{"language":"fa"}``), else the conversation's (a button payload)."""
    tagged = handed_on_language(tracker.latest_message)
    if tagged is not None:
        return tagged
    given = next((e.get("value") for e in tracker.latest_message.get("entities") or []
                  if isinstance(e, dict) and e.get("entity") == LANGUAGE_KEY), None)
    if isinstance(given, str):
        return given
    slot = tracker.get_slot("language")
    return slot if isinstance(slot, str) else None


def _entities(knowledge: Knowledge, tracker: Tracker) -> List[EntityPair]:
    return canonical_entities(knowledge, tracker.latest_message.get("entities") or [])


def _finder(knowledge: Knowledge) -> EntryFinder:
    return get_finder(knowledge, get_pipeline())


def _answerable(knowledge: Knowledge, text: str) -> bool:
    """Whether the entries may answer ``text``: not empty, not a button payload."""
    return bool(knowledge.entries) and bool(text.strip()) and not text.startswith("/")


def _choice(tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> Optional[Choice]:
    """The entry for the question read, with the conversation's subject and last entry; None without a question
    (a button payload: :func:`_read`)."""
    if question is None:
        return None
    subject, last = tracker.get_slot("subject"), tracker.get_slot("last_entry")
    return _finder(knowledge).choose(question, subject if isinstance(subject, str) else None,
                                     last if isinstance(last, str) else None)


def _read(knowledge: Knowledge, doc: Doc) -> Optional[Question]:
    """The latest message as retrieval reads it, once per action run; None when the entries may not answer it."""
    return _finder(knowledge).read_doc(doc) if _answerable(knowledge, doc.text) else None


def _entry_replies(knowledge: Knowledge, choice: Optional[Choice]) -> Optional[List[r.Reply]]:
    """The entry's answer, the clinic's contact details, the reply for an everyday ailment not ours ("toothache"),
    or the honest "I don't have information about ..."; else None."""
    if choice is None:
        return None
    if choice.for_the_clinic:
        return [r.contact_reply(knowledge, knowledge_contact(knowledge))]
    if choice.other_ailment:
        return [r.menu_reply(knowledge.messages["other_ailment"], menu_topics(knowledge), health=False)]
    if choice.entry is not None:
        return [r.entry_reply(knowledge, choice.entry, choice.subject)]
    if choice.unknown is not None:
        return [r.not_covered_reply(knowledge, choice.unknown, choice.nearest, choice.subject)]
    return None


def _slot_events(
    tracker: Tracker, knowledge: Knowledge, replies: List[r.Reply], question: Optional[Question]
) -> List[Dict[str, Any]]:
    """Remember the language, and the subject and entry of the last reply that had them, for follow-up questions.

    A reply without a subject keeps the one the message names: "my husband has had Behçet's for ten years"
    gets no answer of its own, but "is it contagious?" next is about Behçet's.
    """
    events: List[Dict[str, Any]] = []
    if tracker.get_slot("language") != knowledge.language:
        events.append(SlotSet("language", knowledge.language))
    subject = next((reply.subject for reply in reversed(replies) if reply.subject), None)
    if subject is None and question is not None and question.subjects:
        subject = question.subjects[0]
    entry = next((reply.entry for reply in reversed(replies) if reply.entry), None)
    if subject:
        events.append(SlotSet("subject", subject))
    if entry:
        events.append(SlotSet("last_entry", entry))
    return events


def _answer_after_the_safety_reply(knowledge: Knowledge, question: Optional[Question], assessment: Assessment) -> List[r.Reply]:
    """After the "see a doctor today" reply, the entry that answers the question, if one does ("which MS symptoms
    need a same-day check?", "his joints are warm and puffy: is that autoimmune joint pain?"); likewise after the
    gentle crisis check, alone in the reply (``answer_after``: "I've no strength left, does joint pain tire you
    out?"); never after another emergency, whose reply stands alone. Chosen from the message alone: "on methotrexate
    with a fever since yesterday, how common are infections?" after a question on fibromyalgia is not about
    fibromyalgia."""
    finder = _finder(knowledge)
    gentle = all(flag.answer_after for flag in assessment.now)
    if not (assessment.level == "urgent" or gentle) or question is None:
        return []
    if not finder.asks(question):
        return []  # "I'm on CinnoRA and have had a fever since last night" tells: the group's advice is the answer
    choice = finder.choose(question)  # the message alone: a report now is not a follow-up of the last subject
    return [r.entry_reply(knowledge, choice.entry, choice.subject)] if choice.entry and choice.confident else []


def _entry_or_menu(
    tracker: Tracker, knowledge: Knowledge, question: Optional[Question], message: str, topic: Optional[Topic] = None
) -> List[r.Reply]:
    """The entry that answers the question, else ``topic``'s answer, else ``message`` with the topic menu."""
    answered = _entry_replies(knowledge, _choice(tracker, knowledge, question))
    if answered is not None:
        return answered
    if topic is not None:
        return [r.topic_reply(knowledge, topic)]
    return [r.menu_reply(knowledge.messages[message], menu_topics(knowledge), health=False)]


class KnowledgeAction(Action, ABC):
    """Base of every answering action.

    It parses the latest message once, and retrieval reads it once (the :class:`Question` handed to
    :meth:`replies`). The red-flag rules' reading comes first, whatever
    the classifier said (the NLU's router hands it on; a message that skipped the NLU
    is read here, from that parse): a group happening now gets the safety reply instead of
    any answer (after an urgent group's reply or the gentle crisis check, the answer if there is one:
    :func:`_answer_after_the_safety_reply`); a group
    only mentioned ("can lupus cause chest pain?") gets the answer followed by its "if you have it now" line. The
    replies go through :func:`assistant.replies.send_replies`, which adds the disclaimer.

    When the rules found nothing happening now but the alarm model's second reading
    (``assistant.safety.alarm_heard``) did, the "could be an emergency" line, with the
    number, comes before the action's replies, whatever they are: an answer, small talk, a
    refusal or the fallback never go out alone.
    """

    alarms_itself = False  # True for an action whose replies already open with that line

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        """Answer the latest message, in its language."""
        language = _language(tracker)
        knowledge = get_knowledge(language)
        nlp = get_pipeline()
        doc = nlp(_latest_text(tracker))  # the one parse of this message here
        question = _read(knowledge, doc)  # and retrieval's one reading of it
        assessment = handed_on(tracker.latest_message, knowledge)
        if assessment is None:  # skipped the NLU: a button payload, bin/ask
            assessment = assess_doc(doc, knowledge, nlp, language) if doc.text.strip() else Assessment()
        if assessment.now:
            answer = _answer_after_the_safety_reply(knowledge, question, assessment)
            replies = [r.safety_reply(knowledge, assessment.now), *answer]
        else:
            replies = self.replies(tracker, knowledge, question)
            if replies and assessment.mentioned:
                replies[0] = r.with_safety_notes(replies[0], assessment.mentioned)
            if alarm_heard(tracker.latest_message) and not self.alarms_itself:
                replies = [r.safety_reply(knowledge, []), *replies]  # the second reading heard an emergency
        r.send_replies(dispatcher, knowledge, replies)
        return _slot_events(tracker, knowledge, replies, question)

    @abstractmethod
    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        """The replies of this action when no red flag is present (``question``: the latest message as retrieval
        reads it; None for a button payload or when there are no entries)."""


class ActionGreet(KnowledgeAction):
    """Say hello, say what the assistant is for, and offer the menu."""

    def name(self) -> str:
        return "action_greet"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        return [r.menu_reply(knowledge.messages["greeting"], menu_topics(knowledge), health=True)]


class ActionAnswerTopic(KnowledgeAction):
    """Answer a question from the knowledge file, with follow-up buttons."""

    def name(self) -> str:
        return "action_answer_topic"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        topic = choose_topic(knowledge, _latest_intent(tracker), _entities(knowledge, tracker))
        return _entry_or_menu(tracker, knowledge, question, "fallback", topic)


def _follow_up(tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> Optional[List[r.Reply]]:
    """In a conversation about a subject, a question the classifier took for "what can you do?" or "who are you?"
    that names no "you" and that an entry answers, surely or after a follow-up opener ("what about for teens" after
    fibromyalgia's exercise, list ``follow_up_openers``): that answer. None otherwise."""
    subject, finder = tracker.get_slot("subject"), _finder(knowledge)
    if question is None or not isinstance(subject, str) or finder.has(question, "to_the_assistant"):
        return None
    choice = _choice(tracker, knowledge, question)
    if choice is None or choice.entry is None:
        return None
    if not (choice.confident or finder.opens_with(question, "follow_up_openers")):
        return None
    return [r.entry_reply(knowledge, choice.entry, choice.subject)]


def _condition_told(tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> Optional[List[r.Reply]]:
    """A statement that names a condition, taken for "yes", "how are you?" or "who are you?" («پسرم ... دکتر گفت شاید بهجت
    باشه», «بابام GCA گرفته»): the condition's overview and its topics, never "Good." or the assistant's own
    introduction. None when the message speaks to the assistant or names no condition."""
    if question is None or _finder(knowledge).has(question, "to_the_assistant"):
        return None
    topic = disease_topic(knowledge, _entities(knowledge, tracker))
    return [r.topic_reply(knowledge, topic)] if topic is not None else None


class ActionCapabilities(KnowledgeAction):
    """What the assistant can and cannot do, and the topic menu (a follow-up taken for it: its answer)."""

    def name(self) -> str:
        return "action_capabilities"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        answered = _follow_up(tracker, knowledge, question)
        if answered is not None:
            return answered
        topic = choose_topic(knowledge, "ask_capabilities", [])
        text = knowledge.messages["capabilities_intro"]
        if topic is not None:
            text = r.paragraphs(r.topic_text(topic), text)
        return [r.menu_reply(text, menu_topics(knowledge), health=True, sources=topic.source if topic else ())]


class ActionRefuseDiagnosis(KnowledgeAction):
    """Never diagnose: refuse kindly, give the general topic if one fits."""

    def name(self) -> str:
        return "action_refuse_diagnosis"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        entities = _entities(knowledge, tracker)
        topic = disease_topic(knowledge, entities)
        if question is not None and not _finder(knowledge).asks_for_a_diagnosis(question):
            # "if I have lupus, can I ...", "my mother has fibromyalgia ...": a question, not a request to be diagnosed
            answered = _entry_replies(knowledge, _choice(tracker, knowledge, question))
            if answered is not None:
                return answered
            if topic is not None:
                return [r.topic_reply(knowledge, topic)]
        condition = None
        if topic is not None and topic.entity is not None:
            condition = knowledge.entity_name(*topic.entity)
        return [r.diagnosis_refusal(knowledge, condition, topic)]


class ActionRefuseMedication(KnowledgeAction):
    """Never name a drug or a dose: refuse kindly and point to a doctor."""

    def name(self) -> str:
        return "action_refuse_medication"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        finder = _finder(knowledge)
        if question is not None:
            # "which doctor should I see?" names no medicine, "is herbal medicine safe?" no prescription,
            # "on a biologic, which vaccines can I have?" asks about vaccines: answer them
            asks_a_medicine = finder.has(question, "medicine_request") and not finder.has(question, "remedy_not_prescribed")
            choice = _choice(tracker, knowledge, question)
            if choice is not None and choice.entry is not None and (not asks_a_medicine or answers_beside_a_medicine(choice)):
                return [r.entry_reply(knowledge, choice.entry, choice.subject)]
            if choice is not None and not finder.has(question, "dose_request"):
                # "is pregnancy safe with Behçet's on my medicine?", "what does hydroxychloroquine do for lupus?":
                # the refusal, then the general answer (no drug, no dose)
                beside = choice.entry if choice.confident else treatment_beside_a_medicine(knowledge, choice, question)
                if beside is not None:
                    return [r.medication_refusal(knowledge, offer=False), r.entry_reply(knowledge, beside, choice.subject)]
        return [r.medication_refusal(knowledge)]


class ActionEmergency(KnowledgeAction):
    """The classifier heard an emergency the rules did not: say it may be one, with the number."""

    alarms_itself = True

    def name(self) -> str:
        return "action_emergency"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        """The "could be an emergency" line, then the answer if the question has one ("RA and pregnancy??").

        When the classifier was unsure (below :data:`~assistant.safety.SURE_EMERGENCY`), or the alarm
        model's second reading is clearly against it (:func:`~assistant.safety.alarm_disagrees`), and the
        question has an answer, the answer comes first and the emergency line, with the number, right after.
        """
        choice = _choice(tracker, knowledge, question)
        answer = [r.entry_reply(knowledge, choice.entry, choice.subject)] if choice and choice.entry else []
        parse = tracker.latest_message
        intent = parse.get("intent") or {}
        confidence = intent.get("confidence") if isinstance(intent, dict) else None
        unsure = not alarm_heard(parse) and (
            (isinstance(confidence, (int, float)) and confidence < SURE_EMERGENCY) or alarm_disagrees(parse))
        if answer and unsure:
            return [*answer, r.safety_reply(knowledge, [])]
        return [r.safety_reply(knowledge, []), *answer]


class ActionContactClinic(KnowledgeAction):
    """The clinic's contact details from the environment."""

    def name(self) -> str:
        return "action_contact_clinic"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        """The contact details; a question for the entries that asks nothing of the clinic gets its answer ("and
        can I go to the sauna?" after MS: "go to" is no appointment)."""
        choice = _choice(tracker, knowledge, question)
        if choice is not None and choice.entry is not None and not choice.for_the_clinic:
            return [r.entry_reply(knowledge, choice.entry, choice.subject)]
        return [r.contact_reply(knowledge, knowledge_contact(knowledge))]


class ActionOutOfScope(KnowledgeAction):
    """Say what the assistant can help with and offer the menu."""

    def name(self) -> str:
        return "action_out_of_scope"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        """The entries answer only a message of ours: one naming a subject, in a conversation about one, or with our words.

        "who won the world cup?" or "how do I get pregnant faster?" in a new conversation stays out of scope;
        "how long do these usually last?" after fibromyalgia is a follow-up; "toothache, what do I do?" is told who to ask.
        """
        if question is not None:
            finder = _finder(knowledge)
            subject = tracker.get_slot("subject")
            if finder.is_ours(question, subject if isinstance(subject, str) else None) or finder.has(question, "other_ailments"):
                answered = _entry_replies(knowledge, _choice(tracker, knowledge, question))
                if answered is not None:
                    return answered
        return [r.menu_reply(knowledge.messages["out_of_scope"], menu_topics(knowledge), health=False)]


class ActionFallback(KnowledgeAction):
    """The assistant did not understand: say so and offer the menu."""

    def name(self) -> str:
        return "action_fallback"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        return _entry_or_menu(tracker, knowledge, question, "fallback")


class ActionSmallTalk(KnowledgeAction):
    """Goodbye, thanks, yes, no, "who are you?", "how are you?": the knowledge's text for the intent.

    Frustration ("you're useless") gets an apology, the topics and the clinic's contact.
    """

    MESSAGES = {"goodbye": "goodbye", "thank": "you_are_welcome", "affirm": "affirm", "deny": "deny",
                "bot_challenge": "bot_challenge", "how_are_you": "how_are_you"}
    # intents a statement that names a condition is taken for ("my son may have Behçet's" is no "yes"); not "no"
    # ("no, I don't have lupus" wants no lupus overview: review 19)
    STATEMENT_INTENTS = frozenset({"affirm", "bot_challenge", "how_are_you"})

    def name(self) -> str:
        return "action_small_talk"

    def replies(self, tracker: Tracker, knowledge: Knowledge, question: Optional[Question]) -> List[r.Reply]:
        intent = _latest_intent(tracker) or ""
        if intent == "bot_challenge":
            answered = _follow_up(tracker, knowledge, question)  # "who does it?" after Sjögren's diagnosis
            if answered is not None:
                return answered
        if intent == "complain":
            return [r.complaint_reply(knowledge, menu_topics(knowledge), knowledge_contact(knowledge))]
        if intent in self.STATEMENT_INTENTS:
            told = _condition_told(tracker, knowledge, question)
            if told is not None:
                return told
        return [r.Reply(text=knowledge.messages[self.MESSAGES.get(intent, "affirm")], health=False)]
