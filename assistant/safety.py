"""Red-flag detection: which groups a message reveals, and whether they are happening now.

Rules only, from the knowledge file: the spaCy span ruler finds the groups'
phrases, patterns and concepts (:mod:`assistant.nlp`), and :func:`assess_doc`
reads each finding in its sentence:

* ``negated``: a negation cue just before it, in its clause ("no chest pain", "I don't have a fever");
* ``hypothetical``: a conditional cue before it in its sentence ("what should I do if I ever get..."),
  unless its clause says it is happening now ("if it's a heart attack, my chest hurts right now");
* ``feared``: a fear cue just before it, only articles between, and no present cue after the fear cue in its clause
  ("I'm afraid of having a stroke", "I keep being scared of going blind": "keep" tells the fear, «ترس از سکته»);
  "terrified of this chest pain" tells of a pain that is there. Like a hypothetical, a strong "now" anywhere in the
  message makes it now ("I'm scared of a heart attack, please help");
* ``now``: a present cue in its clause ("right now", "I have", "is this...");
* ``past``: a past cue in its clause ("years ago", "went away", "in 2018");
* ``informational``: its sentence starts as a general question ("can lupus cause chest pain?"), or asks
  whether something causes it with no question word («لوپوس باعث درد قفسه سینه میشه؟»: ``asks_cause``);
* otherwise ``now``: when unsure, the emergency reply comes first.

A strong "now" cue anywhere in the message ("happened just now", "right now")
turns hypothetical and informational readings into ``now``: people ask a
general question about what is happening to them. A "now" cue whose clause
says all is well ("I am well at the moment, but what if...") does not.
A message that laughs ("haha", "lol", "😂", «خخخ»: a ``joking`` cue) and has no
"now" cue uses its danger words as a figure of speech ("I almost fainted when I saw the price
haha"): its findings read ``joking``, and the answer carries the group's "if
you have it now" line. Groups marked ``always_now`` (thoughts of suicide) are
never read as mere mentions, laughing or not.

The same function serves the NLU component (:mod:`components.red_flag_router`)
and every action, so the classifier may add an emergency, never remove one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Collection, Dict, List, Mapping, Optional, Sequence, Tuple

from assistant.alarm import THRESHOLD as ALARM_THRESHOLD
from assistant.knowledge import Knowledge, RedFlag, get_knowledge
from assistant.knowledge.model import GROUP_PREFIX
from assistant.language import message_language
from assistant.mention_reading import NOW, MessageReading, reader_for
from assistant.nlp import CONCEPT_PREFIX, RED_FLAG_EXCEPTION, get_pipeline, red_flag_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

NOT_NOW = ("negated", "past", "hypothetical", "feared", "informational", "joking")
MENTIONED = "mentioned"  # one of NOT_NOW, read by the NLU's router: which one is not handed on
# What the NLU's RedFlagRouter writes on every parse result, read by the actions (handed_on).
NOW_KEY, MENTIONS_KEY = "red_flags", "red_flag_mentions"
ALARM_KEY = "alarm_probability"  # the alarm model's second reading (assistant/alarm.py), beside the rules
SURE_EMERGENCY = 0.5  # the classifier alone, below this: the answer first, the "could be an emergency" line right after
ALARM_DISAGREES = 0.25  # the alarm model below this while the classifier alone says emergency: the answer first, too


@dataclass(frozen=True)
class Finding:
    """One red-flag group found in a message, and how it is meant."""

    flag: RedFlag
    status: str  # NOW or one of NOT_NOW


@dataclass(frozen=True)
class Assessment:
    """What the rules found in one message."""

    findings: Tuple[Finding, ...] = ()

    @property
    def now(self) -> List[RedFlag]:
        """Groups happening now (or unclear), emergency level first."""
        flags = [f.flag for f in self.findings if f.status == NOW]
        return sorted(flags, key=lambda flag: flag.level != "emergency")

    @property
    def mentioned(self) -> List[RedFlag]:
        """Groups only mentioned: negated, past, hypothetical or asked about in general."""
        now = {flag.id for flag in self.now}
        return [f.flag for f in self.findings if f.status != NOW and f.flag.id not in now]

    @property
    def level(self) -> Optional[str]:
        """``emergency``, ``urgent``, or None when nothing is happening now."""
        levels = {flag.level for flag in self.now}
        return "emergency" if "emergency" in levels else ("urgent" if levels else None)


def _inside(span: Span, exception: Span) -> bool:
    """A red-flag span within an everyday phrase; one exactly as long is that phrase itself ("blood thinner") and counts."""
    inside = exception.start <= span.start and span.end <= exception.end
    return inside and (span.start, span.end) != (exception.start, exception.end)


def _best(statuses: Sequence[str]) -> str:
    """``now`` wins over every other reading; otherwise the first."""
    return NOW if NOW in statuses else statuses[0]


def _combination_status(
    reading: MessageReading, spans: Mapping[str, List[Span]], combination: Sequence[str], within: str,
    context: Collection[str] = (), groups: Mapping[str, str] = {},  # noqa: B006 - read only
    reassurable: bool = True,
) -> Optional[str]:
    """The status of a ``together`` combination, or None when a part is missing.

    A ``group:<id>`` part is that group's reading in the message (``groups``), wherever its words stand;
    ``reassurable``: the group's (:meth:`MessageReading.status`).
    """
    leaning = [name for name in combination if name.startswith(GROUP_PREFIX)]
    if leaning:
        found = [groups.get(name[len(GROUP_PREFIX):]) for name in leaning]
        if None in found:
            return None
        rest = [name for name in combination if name not in leaning]
        status = _combination_status(reading, spans, rest, within, context, reassurable=reassurable) if rest else NOW
        return None if status is None else next((s for s in (*found, status) if s != NOW), NOW)
    if within == "sentence":
        sentences = {reading.unit(span.start) for name in combination for span in spans.get(name, [])}
        candidates = [
            _combination_status(reading, {n: [s for s in spans.get(n, []) if reading.unit(s.start) == start]
                                          for n in combination}, combination, "message", context, reassurable=reassurable)
            for start in sorted(sentences)
        ]
        found = [status for status in candidates if status is not None]
        return _best(found) if found else None
    parts = []
    for name in combination:
        found = spans.get(name, [])
        if not found:
            return None
        status = _best([reading.status(span.start, span.end, reassurable) for span in found])
        if name in context:  # a condition or a medicine: present unless denied ("MS since 2018" is still MS)
            if status == "negated":
                return status
            continue
        parts.append(status)
    return next((part for part in parts if part != NOW), NOW)


def _spans_by_kind(doc: Doc, knowledge: Knowledge, nlp: Language, words: Sequence[str],
                   language: Optional[str]) -> Tuple[Dict[str, List[Span]], Dict[str, List[Span]]]:
    """The spans of each group's own phrases and patterns, and of each concept, outside the exceptions' words."""
    direct: Dict[str, List[Span]] = {}
    concepts: Dict[str, List[Span]] = {}
    found = red_flag_spans(doc, knowledge, nlp, words=words, language=language)
    exceptions = [span for span in found if span.label_ == RED_FLAG_EXCEPTION]  # "I never wake up refreshed"
    by_label: Dict[str, List[Span]] = {}
    for span in found:
        by_label.setdefault(span.label_, []).append(span)
    for span in found:
        if span.label_ == RED_FLAG_EXCEPTION or any(_inside(span, e) for e in exceptions):
            continue
        if span.label_.startswith(CONCEPT_PREFIX) and any(_inside(span, other) for other in by_label[span.label_]):
            continue  # a concept's «تب» inside its «تب و لرز ندارم»: the longer reading of the same words tells
        if span.label_.startswith(CONCEPT_PREFIX):
            concepts.setdefault(span.label_[len(CONCEPT_PREFIX):], []).append(span)
        else:
            direct.setdefault(span.label_, []).append(span)
    entity_names = {value.entity for value in knowledge.entities}
    for ent in doc.ents:  # "AS", "RA" in capitals: a concept named after a condition counts where the entity rules found it
        if ent.label_ in entity_names and ent.ent_id_ in knowledge.concepts:
            concepts.setdefault(ent.ent_id_, []).append(ent)
    return direct, concepts


def assess_doc(doc: Doc, knowledge: Knowledge, nlp: Language, language: Optional[str]) -> Assessment:
    """The red-flag groups in a processed message, each with its reading.

    ``language``: the message's, tagged once (:func:`assistant.language.message_language`); for a button payload
    that skipped the NLU, the conversation's.
    """
    reader = reader_for(knowledge, nlp)
    reading = MessageReading(reader, doc)
    direct, concepts = _spans_by_kind(doc, knowledge, nlp, reading.words, language)
    happening_now = reader.has("now", reading.words) and reading.says_now()
    joking = reader.has("joking", reading.words)  # "haha", "lol", "😂"
    found_now: Dict[str, str] = {}
    findings: List[Finding] = []
    for leaning in (False, True):  # groups of concepts first, then those that lean on a group found now
        for flag in knowledge.red_flags:
            statuses = [] if leaning else [reading.status(span.start, span.end, flag.reassurable)
                                           for span in direct.get(flag.id, [])]
            for combination in flag.leaning if leaning else flag.together:
                status = _combination_status(reading, concepts, combination, flag.within, knowledge.context_concepts,
                                             found_now, reassurable=flag.reassurable)
                if status is not None:
                    statuses.append(status)
            finding = _finding(flag, statuses, happening_now, joking)
            if finding is not None:
                findings.append(finding)
                found_now[flag.id] = _best([finding.status, found_now.get(flag.id, finding.status)])
    order = {flag.id: place for place, flag in enumerate(knowledge.red_flags)}
    return Assessment(tuple(sorted(_merged(findings), key=lambda finding: order[finding.flag.id])))


def _finding(flag: RedFlag, statuses: Sequence[str], happening_now: bool, joking: bool) -> Optional[Finding]:
    """The group's finding from the readings of its phrases and combinations, or None when none was found."""
    if not statuses:
        return None
    status = _best(statuses)
    if flag.always_now or (happening_now and status in ("hypothetical", "feared", "informational")):
        status = NOW
    elif joking and status == NOW and not happening_now:  # "right now lol please help" is no joke
        status = "joking"
    return Finding(flag, status)


def _merged(findings: Sequence[Finding]) -> List[Finding]:
    """One finding per group, in the knowledge's order of groups: ``now`` wins over every other reading."""
    by_id: Dict[str, Finding] = {}
    for finding in findings:
        kept = by_id.get(finding.flag.id)
        if kept is None or (finding.status == NOW and kept.status != NOW):
            by_id[finding.flag.id] = finding
    return list(by_id.values())


def handed_on(parse: Mapping[str, Any], knowledge: Knowledge) -> Optional[Assessment]:
    """The router's reading of a message, from its parse result (``tracker.latest_message``).

    None when the message skipped the NLU (a button payload, ``bin/ask``) or names a group this
    knowledge does not have: then the caller reads the text itself.
    """
    now, mentioned = parse.get(NOW_KEY), parse.get(MENTIONS_KEY)
    if not isinstance(now, list) or not isinstance(mentioned, list):
        return None
    flags = {flag.id: flag for flag in knowledge.red_flags}
    if not all(isinstance(i, str) and i in flags for i in (*now, *mentioned)):
        return None
    return Assessment(tuple(Finding(flags[i], NOW) for i in now) + tuple(Finding(flags[i], MENTIONED) for i in mentioned))


def alarm_heard(parse: Mapping[str, Any]) -> bool:
    """Whether the alarm model's second reading, handed on in the parse result, raises an alarm the rules did not."""
    probability = parse.get(ALARM_KEY)
    return isinstance(probability, (int, float)) and probability >= ALARM_THRESHOLD


def alarm_disagrees(parse: Mapping[str, Any]) -> bool:
    """Whether the alarm model's reading, handed on in the parse result, is clearly against an emergency.

    The intent classifier alone saying ``report_emergency`` while this second reading is below
    :data:`ALARM_DISAGREES` ("this traffic is killing me, which stretches help?") is not sure: the
    answer, when there is one, goes first and the emergency line right after it.
    """
    probability = parse.get(ALARM_KEY)
    return isinstance(probability, (int, float)) and probability < ALARM_DISAGREES


def assess(text: Optional[str], knowledge: Optional[Knowledge] = None, nlp: Optional[Language] = None) -> Assessment:
    """:func:`assess_doc` for a text, with the project's knowledge and pipeline by default, in its language."""
    if not text or not text.strip():
        return Assessment()
    knowledge = knowledge or get_knowledge()
    nlp = nlp or get_pipeline()
    return assess_doc(nlp(text), knowledge, nlp, message_language(text, knowledge))


def find_red_flags(
    text: Optional[str], knowledge: Optional[Knowledge] = None, nlp: Optional[Language] = None
) -> List[RedFlag]:
    """The red-flag groups happening now (or unclear) in ``text``, emergency level first."""
    return assess(text, knowledge, nlp).now
