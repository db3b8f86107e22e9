"""The knowledge's model: what a validated knowledge holds (built by ``validate``, read by everyone).

The lists that are data (conditions, pain types, aspects, topic intents) are read from
``knowledge/structure.yml`` and live on :class:`Knowledge`; the names below are the code's
own contract with the data: the cue kinds the reader knows, the retrieval lists it uses,
the messages the actions send.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

REQUIRED_MESSAGES: Tuple[str, ...] = (
    "greeting",
    "capabilities_intro",
    "diagnosis_refusal",
    "medication_refusal",
    "fallback",
    "out_of_scope",
    "other_ailment",
    "contact_unconfigured",
    "contact",
    "action_unavailable",
    "not_covered",
    "message_too_long",
    "still_answering",
    "too_many_messages",
    "emergency_line",
    "goodbye",
    "you_are_welcome",
    "bot_challenge",
    "how_are_you",
    "complain",
    "affirm",
    "deny",
    "autoimmune_label",
    "a_condition",
    "the_clinic",
    "contact_phone",
    "contact_email",
    "contact_url",
    "contact_address",
    "contact_hours",
    "source_line",
    "list_separator",
)
MAX_ANSWER_CHARS = 600
MAX_BULLETS = 5
MAX_RELATED = 3
REVIEW_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
ALLOWED_TOKEN_KEYS = {"LOWER", "ORTH", "TEXT", "IS_PUNCT", "IS_DIGIT", "LIKE_NUM", "OP"}
# The subject of entries about autoimmune disease in general, and of comparisons; the
# others are the values of the entities (knowledge/structure.yml).
GENERAL_SUBJECT = "autoimmune"
COMPARISON_SUBJECT = "comparison"
PAIN_TYPE_ENTITY = "pain_type"
MIN_EXAMPLES = 3
# Safety levels of a red-flag group, and the texts that open a safety reply.
LEVELS: Tuple[str, ...] = ("emergency", "urgent")
GROUP_PREFIX = "group:"  # a part of a `together` combination that is another group found happening now
LEVEL_TEXTS: Tuple[str, ...] = (*LEVELS, "unclear")
# The cue lists that tell a mention from an emergency now (docs/safety.md).
CUE_KINDS: Tuple[str, ...] = (
    "negation", "negation_after", "negation_breakers", "now", "present", "past", "question_start", "conditional",
    "clause_breaks", "leading_words", "not_a_question_after", "year_before", "well_now", "joking", "asks_cause",
    "asks_cause_verbs", "fear", "fear_between", "hedge", "if_closers", "generic", "personal", "reassured", "asks_what",
    "asks_about",
)
# a language may have none: English denies before (negation_after) and opens its questions on a cause with "does"
OPTIONAL_CUE_KINDS: Tuple[str, ...] = ("negation_after", "asks_cause", "asks_cause_verbs", "fear", "fear_between",
                                       "hedge", "if_closers", "generic", "personal", "reassured",
                                       "asks_what", "asks_about")
ONE_WORD_CUE_KINDS: Tuple[str, ...] = ("clause_breaks", "leading_words", "not_a_question_after", "year_before", "joking",
                                       "asks_cause_verbs", "fear_between", "personal")
# Emergency settings: settings-file key -> the environment variable that overrides it.
EMERGENCY_SETTINGS: Dict[str, str] = {
    "country": "EMERGENCY_COUNTRY",
    "emergency_number": "EMERGENCY_NUMBER",
    "general_number": "EMERGENCY_GENERAL_NUMBER",
    "crisis_line": "CRISIS_LINE",
}
# The clinic's contact: settings-file key -> the environment variable that overrides it.
CLINIC_SETTINGS: Dict[str, str] = {
    "name": "CLINIC_NAME",
    "phone": "CLINIC_PHONE",
    "email": "CLINIC_EMAIL",
    "url": "CLINIC_URL",
    "address": "CLINIC_ADDRESS",
    "hours": "CLINIC_HOURS",
}
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
# Placeholders that are filled later, by the reply that uses the text.
LATE_PLACEHOLDERS = {"condition", "name", "details", "max_chars", "thing", "subject", "sources"}
RETRIEVAL_LISTS: Tuple[str, ...] = (
    "general_subject", "comparison", "diagnosis_request", "diagnosis_request_before_condition", "medicine_request",
    "follow_up_words", "in_scope_words", "before_general_subject", "to_the_assistant", "part_breaks",
    "not_a_request_before", "between_condition_and_general", "refers_back", "result_words", "clinic_request",
    "time_words", "overview_request", "remedy_not_prescribed", "context_words", "dose_request", "other_ailments",
    "not_a_request_after", "follow_up_openers", "defining_words",
)


class KnowledgeError(ValueError):
    """A knowledge file is missing or malformed; the message names the file, the place and the problem."""


@dataclass(frozen=True)
class EntityValue:
    """One canonical entity value and the words people use for it."""

    entity: str
    value: str
    label: str
    synonyms: Tuple[str, ...]
    abbreviations: Tuple[str, ...] = ()  # matched with their case only: "AS" is the disease, "as" is not
    name: str = ""  # as named in running text ("whether lupus is contagious"); the label heads a page or a button


@dataclass(frozen=True)
class EmergencySettings:
    """Where this deployment sends people: from the knowledge file, overridden by the environment."""

    country: str
    emergency_number: str
    general_number: str
    crisis_line: str

    def fill(self, text: str) -> str:
        """``text`` with ``{emergency_number}``, ``{general_number}``, ``{crisis_line}``, ``{country}`` filled in."""
        for key in EMERGENCY_SETTINGS:
            text = text.replace("{" + key + "}", getattr(self, key))
        return text


@dataclass(frozen=True)
class RedFlag:
    """A red-flag group: its level, its advice, and the words that reveal it.

    ``phrases`` and ``patterns`` fire alone; ``together`` lists combinations
    of concept ids (``red_flag_concepts``) that fire when all are present, in
    the whole message or, with ``within == "sentence"``, in one sentence. A part
    ``group:<id>`` is another group found happening now (an urgent infection
    with confusion is sepsis): such combinations are kept apart, in ``leaning``.
    Phrases of every language in the file are kept together.
    """

    id: str
    label: str
    level: str
    advice: str
    if_now: str
    phrases: Tuple[str, ...] = ()
    patterns: Tuple[Tuple[Mapping[str, Any], ...], ...] = ()
    together: Tuple[Tuple[str, ...], ...] = ()
    leaning: Tuple[Tuple[str, ...], ...] = ()  # the `together` combinations with a ``group:<id>`` part, read second
    within: str = "message"
    always_now: bool = False
    opening: str = ""  # the group's own first line instead of the level's (the crisis texts); names the number
    answer_after: bool = False  # a question asked beside it is answered after its reply (the gentle crisis check)
    reassurable: bool = True  # False: a later "nothing now" never makes it a question (a swallow, a blow to the head)


@dataclass(frozen=True)
class Topic:
    """One curated answer, reached by an intent and optionally an entity value."""

    id: str
    title: str
    intent: str
    answer: str
    source: Tuple[str, ...]
    entity: Optional[Tuple[str, str]] = None
    bullets: Tuple[str, ...] = ()
    related: Tuple[str, ...] = ()
    warning: str = ""

    @property
    def payload(self) -> str:
        """The Rasa payload that asks for this topic (used by follow-up buttons)."""
        if self.entity is None:
            return f"/{self.intent}"
        name, value = self.entity
        return f'/{self.intent}{{"{name}":"{value}"}}'


@dataclass(frozen=True)
class Entry:
    """One question patients ask, answered: about a ``subject`` (a condition, a pain type), one ``aspect``."""

    id: str
    subject: str
    aspect: str
    title: str
    examples: Tuple[str, ...]
    answer: str
    source: Tuple[str, ...]
    related: Tuple[str, ...] = ()
    terms: Tuple[str, ...] = ()  # words that pick this entry over its subject's other one ("giant cell arteritis")
    also_answers: Tuple[str, ...] = ()  # other aspects its answer covers ("Can exercise or diet help?": diet)
    covers: Tuple[str, ...] = ()  # other subjects its answer is true for ("none of these is contagious": a shared entry)
    reviewed: Tuple[str, str] = ("", "")  # who last reviewed its text in this language, and when (YYYY-MM-DD)

    @property
    def aspects(self) -> Tuple[str, ...]:
        """Every aspect the entry answers, its own first."""
        return (self.aspect, *self.also_answers)


@dataclass(frozen=True)
class Structure:
    """What the knowledge is about (``knowledge/structure.yml``): the lists code reads as data."""

    entities: Mapping[str, Tuple[str, ...]]  # entity name -> its values, in file order
    aspects: Tuple[str, ...]
    topic_intents: Tuple[str, ...]
    entity_specific_intents: Tuple[str, ...] = ()  # a named condition or pain type picks the topic
    condition_pains: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)  # the pains a condition is known for

    @property
    def entity_names(self) -> Tuple[str, ...]:
        """The entities the NLU extracts."""
        return tuple(self.entities)

    @property
    def pain_types(self) -> Tuple[str, ...]:
        """The values of the pain-type entity."""
        return self.entities.get(PAIN_TYPE_ENTITY, ())

    @property
    def subjects(self) -> Tuple[str, ...]:
        """What an entry can be about: in general, each condition, each pain type, a comparison."""
        values = [v for name, values in self.entities.items() if name != PAIN_TYPE_ENTITY for v in values]
        return (GENERAL_SUBJECT, *values, *self.pain_types, COMPARISON_SUBJECT)


@dataclass(frozen=True)
class Knowledge:
    """The whole validated knowledge."""

    path: Path
    structure: Structure
    disclaimer: str
    sources: Mapping[str, str]
    source_names: Mapping[str, str]  # source id -> its publisher's name in this language ("the clinic's article")
    messages: Mapping[str, str]
    entities: Tuple[EntityValue, ...]
    red_flags: Tuple[RedFlag, ...]
    topics: Tuple[Topic, ...]
    emergency: EmergencySettings
    levels: Mapping[str, str]
    concepts: Mapping[str, Tuple[str, ...]]
    cues: Mapping[str, Tuple[str, ...]]
    not_entity_phrases: Tuple[str, ...] = ()
    red_flag_exceptions: Tuple[str, ...] = ()  # phrases in which a red-flag word is not one ("never wake up refreshed")
    # token patterns of the same ("slurred since his stroke in 2019": an old stroke, not this morning's)
    red_flag_exception_patterns: Tuple[Tuple[Mapping[str, Any], ...], ...] = ()
    context_concepts: Tuple[str, ...] = ()
    concept_patterns: Mapping[str, Tuple[Tuple[Mapping[str, Any], ...], ...]] = field(default_factory=dict)
    entries: Tuple[Entry, ...] = ()
    not_covered: Tuple[str, ...] = ()
    test_names: Tuple[str, ...] = ()  # medical tests: one's own result is for the doctor ("my CRP came back at 38")
    retrieval: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    aspect_labels: Mapping[str, str] = field(default_factory=dict)
    aspect_words: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)  # words that point to an aspect
    clinic: Mapping[str, str] = field(default_factory=dict)  # the clinic's name and contact details that are set
    languages: Tuple[str, ...] = ("en",)
    language: str = "en"  # the language of this knowledge's texts (one Knowledge per language: load.get_knowledge)
    # per language: its words when written in Latin letters ("daram", "mikonam": Finglish), which tell its messages
    latin_words: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    _by_id: Dict[str, Topic] = field(default_factory=dict, repr=False, compare=False)
    _canonical: Dict[Tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)
    _entries: Dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    def entry(self, entry_id: str) -> Entry:
        """The entry with this id (KeyError if unknown)."""
        return self._entries[entry_id]

    def has_entry(self, entry_id: str) -> bool:
        """Whether an entry with this id exists."""
        return entry_id in self._entries

    def __post_init__(self) -> None:
        self._by_id.update({topic.id: topic for topic in self.topics})
        self._entries.update({entry.id: entry for entry in self.entries})
        for item in self.entities:
            for word in (item.value, item.value.replace("_", " "), *item.synonyms):
                self._canonical[(item.entity, word)] = item.value

    def canonical_value(self, entity: str, text: str) -> Optional[str]:
        """The canonical value for a value or synonym of ``entity`` (case and spacing ignored), or None."""
        return self._canonical.get((entity, " ".join(text.lower().split())))

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id (KeyError if unknown)."""
        return self._by_id[topic_id]

    def has_topic(self, topic_id: str) -> bool:
        """Whether a topic with this id exists."""
        return topic_id in self._by_id

    def entity_values(self, entity: str) -> List[EntityValue]:
        """All canonical values of one entity, in file order."""
        return [value for value in self.entities if value.entity == entity]

    def entity_label(self, entity: str, value: str) -> str:
        """The human label of a canonical value ("Lupus (SLE)"), or the value itself."""
        item = self._entity_value(entity, value)
        return item.label if item is not None else value.replace("_", " ")

    def entity_name(self, entity: str, value: str) -> str:
        """A canonical value as named in running text ("lupus"), or the value itself."""
        item = self._entity_value(entity, value)
        return (item.name or item.label) if item is not None else value.replace("_", " ")

    def _entity_value(self, entity: str, value: str) -> Optional[EntityValue]:
        """The canonical value ``value`` of ``entity``, if the knowledge has it."""
        return next((item for item in self.entities if item.entity == entity and item.value == value), None)

