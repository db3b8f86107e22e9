"""How a red-flag finding is meant: negated, past, hypothetical, feared, asked about in general, or happening now.

The cue lists of the knowledge (``mention_cues``), tokenized once by :class:`MentionReader`, are indexed per
sentence by :class:`Sentence`; :class:`MessageReading` reads a whole message in sentences (long ones in windows).
:mod:`assistant.safety` asks it the status of each finding; the rules of reading are described there.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from assistant.knowledge import Knowledge
from assistant.nlp import PhraseIndex, built_once, single_words, word_sequences

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NOW = "now"
UNCLEAR = "unclear"  # no cue tells: read as now, unless the message reassures after it (MessageReading.status)
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
GENERIC_WINDOW = 4  # a generic subject ("some people with RA") at most 3 words before the finding it tells of


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
        self.personal = single_words(self.cues["personal"])  # "people with *my* husband": no generic subject
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

    def _generic_before(self, first: int, last: int, at: int) -> bool:
        """A ``generic`` cue ending at most GENERIC_WINDOW - 1 words before the finding, with no ``personal`` word
        between ("a lot of people saw *him* collapse") and not after "one of" ("one of your patients with lupus")."""
        here = at - first
        for start, end in self.within("generic", first, last):
            if end <= here < end + GENERIC_WINDOW and not self.reader.personal.intersection(
                    self.words[first + end:at]) and "one" not in self.words[max(first, first + start - 3):first + start]:
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
        if not now and self._generic_before(first, last, at):
            return "informational"  # others in general: "some people with RA get short of breath", «بعضیا سکته میکنن»
        dated = self.within("past", first, last) + [(s - first, e - first) for s, e in self.years if s >= first and e <= last]
        if present and not (dated and _distance(dated, here) < _distance(present, here)):
            return NOW  # "I had a stroke last year and now my aunt has MS": the nearer cue tells
        if self._asks_whether_it_causes(at, end) or self.within("asks_what", first, last):
            return "informational"  # «سکته مغزی با حمله ام اس چه فرقی داره؟», "what is a lupus flare like?"
        if any(end > here - PAST_WINDOW and start < here + PAST_WINDOW for start, end in dated):
            return "past"
        i = bisect_left(self.segments, at)
        segment = self.segments[i - 1] + 1 if i > 0 else 0
        asks = self.words[-1:] == ["?"] and self._asks_in_general(first, last)  # "..., is MS like a stroke?"
        if asks or (self._asks_in_general(segment, len(self.words)) and not self._reported_after_a_hedge(segment, at)):
            return "informational"
        return UNCLEAR

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

    def asks(self) -> bool:
        """Whether the sentence asks: a "?", a general-question opening, or an ``asks_about`` cue ("asks whether",
        «می‌پرسه»)."""
        return "?" in self.words or self._asks_in_general(0, len(self.words)) or bool(self.cues["asks_about"])

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
        self._reassurances: Optional[List[int]] = None

    def unit(self, at: int) -> int:
        """The start of the unit holding word ``at``."""
        return self.starts[bisect_right(self.starts, at) - 1]

    def _unit(self, i: int) -> Sentence:
        unit = self._units.get(i)
        if unit is None:
            unit = self._units[i] = self.reader.read(self.words[self.starts[i] : self.ends[i]])
        return unit

    def status(self, at: int, end: int, reassurable: bool = True) -> str:
        """How a finding at words ``at`` to ``end`` of the message is meant in its unit.

        A finding no cue reads (:data:`UNCLEAR`) is ``now``, unless its sentence asks and a later clause of the
        message says nothing is happening now ("caller asks whether chest pain can be part of fibromyalgia, she's
        not having any now"): then it is asked about. A report that asks nothing is never undone by a later
        sentence, nor is a finding of a group whose event is over by nature (``reassurable`` False: a swallow, a
        blow to the head); a "now" cue elsewhere still makes it now (:mod:`assistant.safety`)."""
        i = bisect_right(self.starts, at) - 1
        unit, offset, stop = self._unit(i), self.starts[i], min(end, self.ends[i]) - self.starts[i]
        status = unit.status(at - offset, stop)
        if status != UNCLEAR:
            return status
        if not (reassurable and unit.asks()):
            return NOW
        clause_end = offset + unit.clause(stop - 1)[1]
        return "informational" if any(start >= clause_end for start in self.reassurances()) else NOW

    def reassurances(self) -> List[int]:
        """Where the message's ``reassured`` cues start, read once."""
        if self._reassurances is None:
            self._reassurances = sorted(self.starts[i] + start for i in range(len(self.starts))
                                        for start, _end in self._unit(i).cues["reassured"])
        return self._reassurances

    def says_now(self) -> bool:
        """A "now" cue that is not denied in some unit: "it started ten minutes ago"; not "no sores now",
        nor "I am well at the moment" (a ``well_now`` cue in its clause), nor one inside a ``reassured`` cue."""
        for i in range(len(self.starts)):
            unit = self._unit(i)
            calm = unit.cues["reassured"]  # "I have nothing now", «الان چیزی نداره»: its "now" says nothing happens
            if any(not unit.negated_at(start) and not unit.well_at(start) and not unit.closes_an_if(start)
                   and not any(c_start <= start and stop <= c_end for c_start, c_end in calm)
                   for start, stop in unit.cues["now"]):
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


def reader_for(knowledge: Knowledge, nlp: Language) -> MentionReader:
    """The reader for this knowledge and pipeline, built once (tokenizing the cues takes time)."""
    return built_once("mention reader", knowledge, nlp, MentionReader)
