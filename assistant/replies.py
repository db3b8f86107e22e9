"""Compose the assistant's replies and send them.

:func:`send_replies` is the one place that talks to the dispatcher, and the
one place that adds the doctor disclaimer: every :class:`Reply` marked
``health=True`` gets it, so no action can forget it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from rasa_sdk.executor import CollectingDispatcher

from assistant.clinic import ClinicContact
from assistant.knowledge import Entry, Knowledge, RedFlag, Topic

Button = Dict[str, str]
# Paragraphs are joined by a single line break: Rasa's REST and messaging
# channels cut a text at every blank line into separate messages, and the
# disclaimer must stay in the same message as the information it qualifies.
PARAGRAPH = "\n"


def paragraphs(*parts: str) -> str:
    """Join non-empty parts as paragraphs of one message."""
    return PARAGRAPH.join(part for part in parts if part)


@dataclass(frozen=True)
class Reply:
    """One chat message before sending.

    ``health`` is True when the text carries health information; such a
    message always ends with the disclaimer.
    """

    text: str
    health: bool
    buttons: Sequence[Button] = field(default_factory=tuple)
    subject: Optional[str] = None  # the conversation's subject after this reply (not shown)
    entry: Optional[str] = None  # the entry this reply answers with (not shown)
    sources: Tuple[str, ...] = ()  # the ids of the sources its information comes from (the source line)


def topic_button(topic: Topic) -> Button:
    """A quick-reply button that asks for ``topic``."""
    return {"title": topic.title, "payload": topic.payload}


def topic_text(topic: Topic) -> str:
    """The answer of a topic with its bullet points and, where it matters, when to get help urgently."""
    return paragraphs(topic.answer, *(f"• {bullet}" for bullet in topic.bullets), topic.warning)


def related_buttons(knowledge: Knowledge, topic: Topic) -> List[Button]:
    """Follow-up buttons for the topics related to ``topic``."""
    return [topic_button(knowledge.topic(related)) for related in topic.related]


def topic_reply(knowledge: Knowledge, topic: Topic) -> Reply:
    """The reply that answers a topic, with follow-up buttons; a disease's or pain type's topic keeps it as the subject."""
    return Reply(text=topic_text(topic), health=True, buttons=related_buttons(knowledge, topic),
                 subject=_topic_subject(topic), sources=topic.source)


def _topic_subject(topic: Topic) -> Optional[str]:
    """The disease or pain type a topic is about (the conversation's subject after it), if any."""
    return topic.entity[1] if topic.entity is not None else None


def entry_button(entry: Entry) -> Button:
    """A quick-reply button that asks the entry's question in words (it goes through the NLU like a typed one)."""
    return {"title": entry.title, "payload": entry.title}


def entry_reply(knowledge: Knowledge, entry: Entry, subject: Optional[str] = None) -> Reply:
    """The answer of an entry, with its related questions as buttons."""
    buttons = [entry_button(knowledge.entry(related)) for related in entry.related if knowledge.has_entry(related)]
    return Reply(text=entry.answer, health=True, buttons=buttons, subject=subject or entry.subject, entry=entry.id,
                 sources=entry.source)


def not_covered_reply(knowledge: Knowledge, thing: str, nearest: Sequence[Entry], subject: Optional[str] = None) -> Reply:
    """ "I don't have information about gout": the nearest entries as buttons, and the see-a-doctor line."""
    text = knowledge.messages["not_covered"].replace("{thing}", thing)
    return Reply(text=text, health=True, buttons=[entry_button(e) for e in nearest], subject=subject)


def menu_reply(text: str, topics: Iterable[Topic], health: bool, sources: Tuple[str, ...] = ()) -> Reply:
    """A text followed by one button per topic."""
    return Reply(text=text, health=health, buttons=[topic_button(t) for t in topics], sources=sources)


def complaint_reply(knowledge: Knowledge, topics: Iterable[Topic], contact: ClinicContact) -> Reply:
    """ "You're useless": an apology and an offer, the topics as buttons and the clinic's contact when it is set."""
    contact_text = contact_reply(knowledge, contact).text if contact.configured else ""
    return menu_reply(paragraphs(knowledge.messages["complain"], contact_text), topics, health=False)


def safety_reply(knowledge: Knowledge, flags: Sequence[RedFlag]) -> Reply:
    """Help first: the level (emergency now, or a doctor today) with the number, then each group's advice.

    ``flags`` are the groups happening now; without any (the classifier alone
    heard an emergency) the reply says it may be one and names the number. A group
    with its own ``opening`` (the crisis texts) replies with it instead of the level's
    line; beside a group without one (a deliberate overdose, a deep cut) the level's
    line comes first and the crisis text right after: 115 and the crisis line together.
    """
    levels = {flag.level for flag in flags}
    level = "emergency" if "emergency" in levels else ("urgent" if levels else "unclear")
    shown = [flag for flag in flags if flag.level == level] if level != "unclear" else []
    opening = next((flag.opening for flag in shown if flag.opening), "")
    first = knowledge.levels[level] if not opening or any(not flag.opening for flag in shown) else ""
    advice = dict.fromkeys(flag.advice for flag in shown)
    return Reply(text=paragraphs(first, opening, *advice), health=True)


def safety_openings(knowledge: Knowledge) -> Tuple[str, ...]:
    """Every text a safety reply can open with: the levels' lines and the groups' own openings."""
    return (*knowledge.levels.values(), *(flag.opening for flag in knowledge.red_flags if flag.opening))


def with_safety_notes(reply: Reply, flags: Sequence[RedFlag]) -> Reply:
    """An answer followed by one line per red flag that was only mentioned ("If you have chest pain now, call 115.")."""
    if not flags:
        return reply
    return replace(reply, text=paragraphs(reply.text, *(flag.if_now for flag in flags)), health=True)


def diagnosis_refusal(knowledge: Knowledge, condition: Optional[str], topic: Optional[Topic]) -> Reply:
    """A kind refusal to diagnose, with the general topic when one fits."""
    text = knowledge.messages["diagnosis_refusal"].replace("{condition}", condition or knowledge.messages["a_condition"])
    if topic is None:
        return Reply(text=text, health=True, buttons=_buttons(knowledge, ("diagnosis_difficulty", "diseases_overview")))
    return Reply(text=paragraphs(text, topic_text(topic)), health=True, buttons=related_buttons(knowledge, topic),
                 subject=_topic_subject(topic), sources=topic.source)


def medication_refusal(knowledge: Knowledge, offer: bool = True) -> Reply:
    """A refusal to name drugs or doses, pointing to the treatment approach (``offer``: with its button)."""
    buttons = _buttons(knowledge, ("treatment",)) if offer else ()
    return Reply(text=knowledge.messages["medication_refusal"], health=True, buttons=buttons)


def contact_reply(knowledge: Knowledge, contact: ClinicContact) -> Reply:
    """The clinic's contact details, or a pointer to the family doctor when none is set."""
    if not contact.configured:
        return Reply(text=knowledge.messages["contact_unconfigured"], health=False)
    text = knowledge.messages["contact"].replace("{name}", contact.name)
    labels = {key: knowledge.messages[f"contact_{key}"] for key in contact.details}
    return Reply(text=text.replace("{details}", "\n".join(contact.lines(labels))), health=False)


def unavailable_reply(knowledge: Knowledge, contact: ClinicContact) -> Reply:
    """The apology when the assistant cannot answer, with the clinic contact."""
    contact_text = contact_reply(knowledge, contact).text
    return Reply(text=paragraphs(knowledge.messages["action_unavailable"], contact_text), health=True)


def _buttons(knowledge: Knowledge, topic_ids: Iterable[str]) -> List[Button]:
    """Buttons for those of ``topic_ids`` that the knowledge file has."""
    return [topic_button(knowledge.topic(t)) for t in topic_ids if knowledge.has_topic(t)]


def render(knowledge: Knowledge, reply: Reply) -> str:
    """The final text of a reply: the source line and the disclaimer are added here and only here."""
    if reply.health:
        return paragraphs(reply.text, source_line(knowledge, reply.sources), knowledge.disclaimer)
    return reply.text


def source_line(knowledge: Knowledge, source_ids: Iterable[str]) -> str:
    """ "Source: the clinic's article; US National Library of Medicine (MedlinePlus)": each publisher once."""
    names = list(dict.fromkeys(knowledge.source_names[s] for s in source_ids))
    if not names:
        return ""
    return knowledge.messages["source_line"].replace("{sources}", f"{knowledge.messages['list_separator']} ".join(names))


def send_replies(dispatcher: CollectingDispatcher, knowledge: Knowledge, replies: Iterable[Reply]) -> None:
    """Send each reply through the dispatcher, with the disclaimer where due."""
    for reply in replies:
        if reply.buttons:
            dispatcher.utter_message(text=render(knowledge, reply), buttons=list(reply.buttons))
        else:
            dispatcher.utter_message(text=render(knowledge, reply))
