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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Collection, Dict, List, Mapping, Optional, Sequence, Tuple

from assistant.alarm import THRESHOLD as ALARM_THRESHOLD
from assistant.knowledge import Knowledge, RedFlag, get_knowledge
from assistant.nlp import (
    CONCEPT_PREFIX,
    RED_FLAG_EXCEPTION,
    PhraseIndex,
    built_once,
    get_pipeline,
    red_flag_spans,
    single_words,
    word_sequences,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

NOW = "now"
NOT_NOW = ("negated", "past", "hypothetical", "feared", "informational", "joking")
MENTIONED = "mentioned"  # one of NOT_NOW, read by the NLU's router: which one is not handed on
# What the NLU's RedFlagRouter writes on every parse result, read by the actions (handed_on).
NOW_KEY, MENTIONS_KEY = "red_flags", "red_flag_mentions"
ALARM_KEY = "alarm_probability"  # the alarm model's second reading (assistant/alarm.py), beside the rules
NEGATION_WINDOW = 4  # tokens between a negation cue and the phrase it negates
NEGATION_AFTER_WINDOW = 5  # tokens between a phrase and a negation that follows it ("درد قفسه سینه ندارم")
ASKS_CAUSE_WINDOW = 2  # words of the general present between a finding and the "?" of a question on its cause
FEAR_WINDOW = 2  # words between a fear cue ("afraid of having", «ترس از») and the phrase it fears, all `fear_between`
PAST_WINDOW = 16  # tokens between a past cue ("years ago", "in 2019") and the phrase it dates
JOINING_HYPHEN = "\u2011"  # how a hyphen inside a word ("pseudo-relapse") is read: not a break between clauses
SEGMENT_BREAKS = {"-", "--", ":", "\u2014", "\u2013"}  # "Question about NSAIDs - I've just vomited blood"
CLAUSE_PUNCTUATION = {",", ";", ":", "(", ")", "-", "--", "\u2014", "\u2013"}  # and the words of mention_cues.clause_breaks
YEARS = (range(1900, 2100), range(1300, 1500))  # Gregorian and Iranian solar years: "in 2018", "در سال ۱۳۹۸"
MAX_UNIT_WORDS = 200  # a longer sentence is read in windows of this many words (linear work)
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


class MentionReader:
    """The cue lists of a knowledge file, tokenized once; :meth:`read` indexes one sentence's cues once."""

    def __init__(self, knowledge: Knowledge, nlp: Language) -> None:
        self.cues: Dict[str, List[Tuple[str, ...]]] = {  # "symptom-free": its hyphen joins, as in messages
            kind: [tuple(JOINING_HYPHEN if w == "-" else w for w in seq) for seq in word_sequences(nlp, cues)]
            for kind, cues in knowledge.cues.items()
        }
        self.contrasts = single_words(self.cues["clause_breaks"])  # "but", "although"...
        self.clause_breaks = CLAUSE_PUNCTUATION | self.contrasts
        self.leading_words = single_words(self.cues["leading_words"])  # "and is it...?"
        self.not_a_question_after = single_words(self.cues["not_a_question_after"])  # "Can't breathe"
        self.year_before = single_words(self.cues["year_before"])  # "in 2018"
        self.negation_breakers = single_words(self.cues["negation_breakers"])
        self.asks_cause_verbs = single_words(self.cues["asks_cause_verbs"])  # «میشه» in «باعث ... میشه؟»
        self.fear_between = single_words(self.cues["fear_between"])  # "afraid of having *a* stroke"
        self._index = {kind: PhraseIndex(sequences) for kind, sequences in self.cues.items()}

    def has(self, kind: str, words: Sequence[str]) -> bool:
        """Whether a cue of ``kind`` is in ``words``."""
        return bool(self._index[kind].positions(words))

    def read(self, words: Sequence[str]) -> Sentence:
        """``words`` (one sentence, lowercased) with every cue found once."""
        return Sentence(self, list(words))

    def past_years(self, words: Sequence[str]) -> List[Tuple[int, int]]:
        """(start, end) of every "in 2018", "back in 1999": a year after "in", before this year (a stroke "in 2026"
        when it is 2026 may be this morning's)."""
        return [(i, i + 2) for i in range(len(words) - 1)
                if words[i] in self.year_before and words[i + 1].isdigit() and _past_year(int(words[i + 1]))]


class Sentence:
    """One sentence (or window of a long one) with its cues found once; :meth:`status` reads a finding in it."""

    def __init__(self, reader: MentionReader, words: List[str]) -> None:
        self.reader = reader
        self.words = words
        self.cues = {kind: index.positions(words) for kind, index in reader._index.items()}
        self.years = reader.past_years(words)
        self.breaks = [i for i, word in enumerate(words) if word in reader.clause_breaks]
        self.segments = [i for i, word in enumerate(words) if word in SEGMENT_BREAKS]
        starts = [start for start, _ in self.cues["conditional"]]
        hedges = self.cues["hedge"]  # "not sure *if* this is serious, my face drooped": the report after it is no if
        unhedged = [start for start in starts if not any(h_start <= start < h_end for h_start, h_end in hedges)]
        self.first_conditional = min(starts, default=len(words))  # for a finding in a hedge's own clause
        self.first_unhedged = min(unhedged, default=len(words))  # for one outside it

    def within(self, kind: str, first: int, last: int) -> List[Tuple[int, int]]:
        """Cues of ``kind`` wholly inside words[first:last], as positions relative to ``first``."""
        found = self.cues[kind]
        i = bisect_left(found, (first, -1))
        inside = []
        while i < len(found) and found[i][0] < last:
            start, end = found[i]
            if end <= last:
                inside.append((start - first, end - first))
            i += 1
        return inside

    def clause(self, at: int) -> Tuple[int, int]:
        """The (start, end) of the clause around position ``at``: between commas, dashes, "but"..."""
        i = bisect_left(self.breaks, at)
        start = self.breaks[i - 1] + 1 if i > 0 else 0
        j = bisect_right(self.breaks, at)
        end = self.breaks[j] if j < len(self.breaks) else len(self.words)
        return start, end

    def _negated(self, first: int, at: int) -> bool:
        """A negation cue inside the clause, ending at most NEGATION_WINDOW words before ``at``, not broken."""
        breakers = self.reader.negation_breakers
        for _start, end in self.within("negation", first, at):
            between = self.words[first + end : at]
            if len(between) <= NEGATION_WINDOW and not breakers.intersection(between):
                return True
        return False

    def _negated_after(self, end: int, last: int) -> bool:
        """A ``negation_after`` cue (a verb-final negation) starting at most NEGATION_AFTER_WINDOW words after the
        finding's ``end``, in the clause, with no negation breaker between: "درد قفسه سینه ندارم" (no chest pain).
        A negation inside the finding is its own ("دستش کار نمی‌کنه": his arm does not work)."""
        breakers = self.reader.negation_breakers
        for start, _end in self.within("negation_after", end, last):
            if start < NEGATION_AFTER_WINDOW and not breakers.intersection(self.words[end : end + start]):
                return True
        return False

    def negated_at(self, at: int) -> bool:
        """Whether the word at ``at`` is denied in its clause ("no sores now")."""
        return self._negated(self.clause(at)[0], at)

    def well_at(self, at: int) -> bool:
        """Whether the clause around ``at`` says all is well ("I am well at the moment")."""
        return bool(self.within("well_now", *self.clause(at)))

    def _asks_in_general(self, first: int, last: int) -> bool:
        """words[first:last] start (after punctuation and "and", "so"...) with a general-question cue.

        "Can lupus cause...?" asks; "Cannot breathe" and "Doesn't know where he is" do not.
        """
        words, reader = self.words, self.reader
        lead = next((i for i in range(first, last)
                     if any(c.isalnum() for c in words[i]) and words[i] not in reader.leading_words), last)
        return any(start == 0 and (end >= last - lead or words[lead + end] not in reader.not_a_question_after)
                   for start, end in self.within("question_start", lead, last))

    def status(self, at: int, end: int) -> str:
        """How a finding at words ``at`` to ``end`` of this sentence is meant."""
        first, last = self.clause(at)
        _, end_last = self.clause(end - 1) if end > at else (first, last)  # a finding ending in a later clause
        if self._negated(first, at) or (end <= end_last and self._negated_after(end, end_last)):
            return "negated"  # («چشمام از بی خوابی سرخ شده، درد نداره»: its last clause denies it)
        conditional = self.first_conditional if self.within("hedge", first, last) else self.first_unhedged
        now = self._now_cues(first, last, at, end, conditional)
        if conditional < at and not now:
            return "hypothetical"
        here = at - first
        present = now + self.within("present", first, last)
        fear = self._fear_at(first, at)
        if fear is not None and not any(end > fear for _start, end in present):
            return "feared"  # "scared of going blind", "I keep being scared of going blind" ("keep" tells the fear)
        dated = self.within("past", first, last) + [(s - first, e - first) for s, e in self.years if s >= first and e <= last]
        if present and not (dated and _distance(dated, here) < _distance(present, here)):
            return NOW  # "I had a stroke last year and now my aunt has MS": the nearer cue tells
        if self._asks_whether_it_causes(at, end):
            return "informational"
        if any(end > here - PAST_WINDOW and start < here + PAST_WINDOW for start, end in dated):
            return "past"
        i = bisect_left(self.segments, at)
        segment = self.segments[i - 1] + 1 if i > 0 else 0
        asks = self.words[-1:] == ["?"] and self._asks_in_general(first, last)  # "..., is MS like a stroke?"
        if asks or (self._asks_in_general(segment, len(self.words)) and not self._reported_after_a_hedge(segment, at)):
            return "informational"
        return NOW

    def _now_cues(self, first: int, last: int, at: int, end: int, conditional: int) -> List[Tuple[int, int]]:
        """The clause's ``now`` cues that tell the finding is happening now. Not one inside a ``well_now`` cue («الان
        خوبه»: fine now); nor, in a question whose ``if`` comes before the finding, an ``if_closers`` cue after it:
        "what do I do" or "come at once" closes an if («اگه بعد آمپول لبم باد کرد چیکار کنم؟»), "right now" does not
        ("should I call 115 if his chest pain is spreading to his arm right now?", review 13)."""
        well = self.within("well_now", first, last)
        closers = self.within("if_closers", first, last) if conditional < at and self.words[-1:] == ["?"] else []
        return [(start, stop) for start, stop in self.within("now", first, last)
                if not any(w_start <= start and stop <= w_end for w_start, w_end in well)
                and not (first + start >= end and any(c_start <= start and stop <= c_end for c_start, c_end in closers))]

    def closes_an_if(self, at: int) -> bool:
        """Whether the ``now`` cue at ``at`` is an ``if_closers`` cue closing a question on an if (an ``if`` before it in
        its clause, a "?" at the end)."""
        first, _ = self.clause(at)
        if not (self.words[-1:] == ["?"] and first <= self.first_unhedged < at):
            return False
        return any(start <= at < stop for start, stop in self.cues["if_closers"])

    def _fear_at(self, first: int, at: int) -> Optional[int]:
        """Where (in the clause) a ``fear`` cue ends that is followed by at most FEAR_WINDOW ``fear_between`` words,
        then the finding: "scared of going blind", "afraid of having a stroke"; not "scared of dying cant breathe",
        "terrified of this chest pain". None if there is none."""
        between = self.reader.fear_between
        return next((end for _start, end in self.within("fear", first, at)
                     if len(self.words[first + end : at]) <= FEAR_WINDOW and set(self.words[first + end : at]) <= between),
                    None)

    def _asks_whether_it_causes(self, at: int, end: int) -> bool:
        """A yes-no question on a cause: an ``asks_cause`` cue right before the finding, then only the general present
        (``asks_cause_verbs``, at most ASKS_CAUSE_WINDOW words) and the sentence's question mark: «لوپوس باعث درد
        قفسه سینه میشه؟» (does lupus cause chest pain?); «... باعث درد قفسه سینه شده؟» (has it caused it?) reports.
        Called after the ``now`` and ``present`` cues were read: they make it a report first."""
        verbs = self.words[end:-1]
        return (self.words[-1:] == ["?"] and 0 < len(verbs) <= ASKS_CAUSE_WINDOW
                and all(word in self.reader.asks_cause_verbs for word in verbs)
                and any(cue_end == at for _start, cue_end in self.cues["asks_cause"]))

    def _reported_after_a_hedge(self, segment: int, at: int) -> bool:
        """A statement (no question mark) whose question-like opening is a hedge ended by "but", the finding after it:
        "ممکنه ربطی نداشته باشه ولی پایین تنه‌ام رو حس نمی‌کنم" (it may be unrelated, but I can't feel below)."""
        return "?" not in self.words[segment:] and any(w in self.reader.contrasts for w in self.words[segment:at])


class MessageReading:
    """One message's words split into reading units, each read once when a finding first needs it.

    A unit is a sentence; a sentence longer than :data:`MAX_UNIT_WORDS` words (a long story typed
    without punctuation) is read in windows of that many words, so the work grows with the length
    of the message, not with its square.
    """

    def __init__(self, reader: MentionReader, doc: Doc) -> None:
        self.reader = reader
        self.words = [JOINING_HYPHEN if _joins(doc, t.i) else t.lower_ for t in doc]
        self.starts: List[int] = []
        for sentence in doc.sents:
            self.starts.extend(range(sentence.start, sentence.end, MAX_UNIT_WORDS))
        self.ends = self.starts[1:] + [len(self.words)]
        self._units: Dict[int, Sentence] = {}

    def unit(self, at: int) -> int:
        """The start of the unit holding word ``at``."""
        return self.starts[bisect_right(self.starts, at) - 1]

    def _unit(self, i: int) -> Sentence:
        unit = self._units.get(i)
        if unit is None:
            unit = self._units[i] = self.reader.read(self.words[self.starts[i] : self.ends[i]])
        return unit

    def status(self, at: int, end: int) -> str:
        """How a finding at words ``at`` to ``end`` of the message is meant in its unit."""
        i = bisect_right(self.starts, at) - 1
        return self._unit(i).status(at - self.starts[i], min(end, self.ends[i]) - self.starts[i])

    def says_now(self) -> bool:
        """A "now" cue that is not denied in some unit: "it started ten minutes ago"; not "no sores now",
        nor "I am well at the moment" (a ``well_now`` cue in its clause)."""
        for i in range(len(self.starts)):
            unit = self._unit(i)
            if any(not unit.negated_at(start) and not unit.well_at(start) and not unit.closes_an_if(start)
                   for start, _ in unit.cues["now"]):
                return True
        return False


def _past_year(year: int) -> bool:
    """A Gregorian year before this one, or an Iranian solar year before this one (its new year falls in March: the
    lower of the two this Gregorian year may be is taken as this one)."""
    this_year = date.today().year
    gregorian, solar = YEARS
    return (year in gregorian and year < this_year) or (year in solar and year < this_year - 622)


def _joins(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen inside a word ("pseudo-relapse", "flare-up"), not a dash between clauses."""
    return doc[i].text == "-" and 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _distance(spans: Sequence[Tuple[int, int]], at: int) -> int:
    """Tokens between position ``at`` and the nearest of ``spans``."""
    return min(max(start - at, at - end, 0) for start, end in spans)


def _inside(span: Span, exception: Span) -> bool:
    """A red-flag span within an everyday phrase; one exactly as long is that phrase itself ("blood thinner") and counts."""
    inside = exception.start <= span.start and span.end <= exception.end
    return inside and (span.start, span.end) != (exception.start, exception.end)


def _reader(knowledge: Knowledge, nlp: Language) -> MentionReader:
    """The reader for this knowledge and pipeline, built once (tokenizing the cues takes time)."""
    return built_once("mention reader", knowledge, nlp, MentionReader)


def _best(statuses: Sequence[str]) -> str:
    """``now`` wins over every other reading; otherwise the first."""
    return NOW if NOW in statuses else statuses[0]


def _combination_status(
    reading: MessageReading, spans: Mapping[str, List[Span]], combination: Sequence[str], within: str,
    context: Collection[str] = (),
) -> Optional[str]:
    """The status of a ``together`` combination, or None when a part is missing."""
    if within == "sentence":
        sentences = {reading.unit(span.start) for name in combination for span in spans.get(name, [])}
        candidates = [
            _combination_status(reading, {n: [s for s in spans.get(n, []) if reading.unit(s.start) == start]
                                          for n in combination}, combination, "message", context)
            for start in sorted(sentences)
        ]
        found = [status for status in candidates if status is not None]
        return _best(found) if found else None
    parts = []
    for name in combination:
        found = spans.get(name, [])
        if not found:
            return None
        status = _best([reading.status(span.start, span.end) for span in found])
        if name in context:  # a condition or a medicine: present unless denied ("MS since 2018" is still MS)
            if status == "negated":
                return status
            continue
        parts.append(status)
    return next((part for part in parts if part != NOW), NOW)


def assess_doc(doc: Doc, knowledge: Knowledge, nlp: Language) -> Assessment:
    """The red-flag groups in a processed message, each with its reading."""
    reader = _reader(knowledge, nlp)
    direct: Dict[str, List[Span]] = {}
    concepts: Dict[str, List[Span]] = {}
    found = red_flag_spans(doc, knowledge, nlp)
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
    reading = MessageReading(reader, doc)
    happening_now = reader.has("now", reading.words) and reading.says_now()
    joking = reader.has("joking", reading.words)  # "haha", "lol", "😂"
    findings = []
    for flag in knowledge.red_flags:
        statuses = [reading.status(span.start, span.end) for span in direct.get(flag.id, [])]
        for combination in flag.together:
            status = _combination_status(reading, concepts, combination, flag.within, knowledge.context_concepts)
            if status is not None:
                statuses.append(status)
        if not statuses:
            continue
        status = _best(statuses)
        if flag.always_now or (happening_now and status in ("hypothetical", "feared", "informational")):
            status = NOW
        elif joking and status == NOW and not happening_now:  # "right now lol please help" is no joke
            status = "joking"
        findings.append(Finding(flag, status))
    return Assessment(tuple(findings))


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
    """:func:`assess_doc` for a text, with the project's knowledge and pipeline by default."""
    if not text or not text.strip():
        return Assessment()
    knowledge = knowledge or get_knowledge()
    nlp = nlp or get_pipeline()
    return assess_doc(nlp(text), knowledge, nlp)


def find_red_flags(
    text: Optional[str], knowledge: Optional[Knowledge] = None, nlp: Optional[Language] = None
) -> List[RedFlag]:
    """The red-flag groups happening now (or unclear) in ``text``, emergency level first."""
    return assess(text, knowledge, nlp).now
