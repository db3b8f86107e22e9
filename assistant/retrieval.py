"""Choose the entry that answers a question: the subject by rules, the aspect by a small classifier.

An entry answers one aspect (heredity, treatment, pregnancy...) of one subject
(a condition, a pain type, autoimmune disease in general). The two are found
apart, so that a pair never seen together still works: "Is MS hereditary?"
finds ``multiple_sclerosis_heredity`` even if only RA's examples say
"hereditary".

* **Subject**: the spaCy rules (the knowledge file's synonyms), the general
  words ("autoimmune"), else the subject of the conversation so far.
* **Aspect**: a TF-IDF + logistic-regression classifier trained, when first
  needed, on every entry's title and examples with the subject masked.
* **Not covered**: a condition, a symptom or a medicine the knowledge does not
  cover (``not_covered``), an aspect the subject has no entry for, or a weak
  match gives :class:`Choice` without an entry: the caller says "I don't have
  information about ..." and offers the nearest entries. Never another
  entry's answer as if it answered.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Set, Tuple

from assistant.knowledge import Entry, Knowledge
from assistant.nlp import (
    NOT_COVERED_LABEL,
    TEST_LABEL,
    built_once,
    parse,
    phrase_positions,
    single_words,
    word_sequences,
    words_of,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MASK = "subjectx"
MIN_CONFIDENCE = 0.50  # below this the aspect is too uncertain to answer (chosen on the dev sets: docs/nlu-quality.md)
LEAD_CONFIDENCE, LEAD_RATIO = 0.25, 2.0  # ...unless it leads the subject's next aspect by this much
MISSING_ASPECT_RATIO = 2.0  # the question's aspect is this much likelier than any the subject has: not covered
MIN_COMPARISON_SIMILARITY = 0.25
FOLLOW_UP_CONFIDENCE = 0.5  # a short follow-up below this keeps the last answer's aspect ("and lupus?")
SMALL_TALK_ASPECT_CONFIDENCE = 0.6  # a question without a subject is for the entries when its aspect is this clear
FOLLOW_UP_WORDS = 4  # at most this many words besides the subject
FUZZY_CUTOFF = 0.82  # how close a misspelt word must be to a one-word synonym ("rhuematoid")
FUZZY_MIN_LENGTH = 6
UNFAMILIAR_MIN_LENGTH = 4  # shorter words ("ok", "pls") do not make a question about something else
TYPO_CUTOFF = 0.75  # "waht" is "what" mistyped, not something we do not know
FUZZY_MIN_PHRASE = 10  # a misspelt phrase ("giant cel arteritis") is looked for only for synonyms this long
NEAREST = 3
PAIN_TYPES = ("joint", "muscle", "nerve", "spinal")
GENERAL_QUESTION_GAP = 4  # "is [fibromyalgia] really an autoimmune ...": at most this many words between
REQUEST_WINDOW = 2  # "is it [really] lupus?": a condition this close after makes it a request
UNFAMILIAR_MAX_WORDS = 3  # "I don't have information about ..." names at most this many of the asker's words
UNFAMILIAR_SCAN = 60  # tokens read for unfamiliar words
RESULT_WINDOW = 4  # a number this close to a test's name is its value ("ESR was 60"), unless a time ("2 weeks ago")


@dataclass(frozen=True)
class Choice:
    """The outcome for one question."""

    entry: Optional[Entry] = None
    subject: Optional[str] = None  # the subject the question is about (kept for follow-ups)
    unknown: Optional[str] = None  # what is not covered, in words to show ("gout", "whether lupus is contagious")
    confidence: float = 0.0
    nearest: Tuple[Entry, ...] = field(default_factory=tuple)
    for_the_clinic: bool = False  # "can I book an appointment?": the clinic's contact details answer


@dataclass(frozen=True)
class _Question:
    """One message being answered, read once: its subjects and the conversation's."""

    doc: Doc
    text: str
    subjects: List[str]
    subject: Optional[str]  # what it is about: the first subject, else the conversation's
    context_subject: Optional[str]
    previous: Optional[Entry]  # the entry answered last
    asks_if_general: Optional[str]


class EntryFinder:
    """The entries of a knowledge file, indexed for questions."""

    def __init__(self, knowledge: Knowledge, nlp: Language) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_union

        self.knowledge = knowledge
        self.nlp = nlp
        self._last_spans: Optional[Tuple[Doc, Tuple[Tuple[int, int, str], ...]]] = None
        self._last_probabilities: Optional[Tuple[str, Dict[str, float]]] = None
        self.lists = {name: word_sequences(nlp, phrases) for name, phrases in knowledge.retrieval.items()}
        self.single = {name: single_words(phrases) for name, phrases in self.lists.items()}
        self.question_starts = word_sequences(nlp, knowledge.cues.get("question_start", ()))
        self.subject_of = {
            (value.entity, value.value): value.value for value in knowledge.entities
        }
        # synonyms for misspellings the rules do not list ("rhuematoid", "multiple sklerosis")
        self.words: Dict[str, str] = {}
        self.phrases: Dict[Tuple[str, ...], str] = {}
        for value in knowledge.entities:
            for synonym in value.synonyms:
                words = tuple(synonym.lower().split())
                if len(words) == 1 and len(synonym) >= FUZZY_MIN_LENGTH and synonym.isalpha():
                    self.words.setdefault(synonym.lower(), value.value)
                elif 1 < len(words) <= 3 and all(w.isalpha() for w in words) and len(synonym) >= FUZZY_MIN_PHRASE:
                    self.phrases.setdefault(words, value.value)
        # the curated texts' words are spelt right: "arthritis" is not a misspelt "arteritis"
        self.spelt_right = {w for e in knowledge.entries for text in (e.title, e.answer) for w in words_of(nlp, text)}
        texts, labels = [], []
        for entry in knowledge.entries:
            for example in (entry.title, *entry.examples):
                texts.append(self.masked(example))
                labels.append(entry.aspect)
        for aspect, words in knowledge.aspect_words.items():  # "summer" points to weather whoever asks
            texts += list(words)
            labels += [aspect] * len(words)
        self.vectorizer = make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        )
        features = self.vectorizer.fit_transform(texts)
        self.classifier = LogisticRegression(C=20.0, max_iter=3000)
        self.classifier.fit(features, labels)
        self.aspects: List[str] = list(self.classifier.classes_)
        documents = [" ".join((e.title, *e.examples)).lower() for e in knowledge.entries]
        # every word the entries use: a question made of other words is about something else
        self.familiar = self.spelt_right | {w for e in knowledge.entries for text in e.examples for w in words_of(nlp, text)}
        self.familiar |= {w for words in knowledge.aspect_words.values() for text in words for w in words_of(nlp, text)}
        self.entry_vectors = self.vectorizer.transform(documents)
        # what each comparison compares: the subjects its title names, and its own terms
        self.compared = {
            e.id: set(self.subjects(e.title)) | set(e.terms)
            for e in knowledge.entries if e.subject == "comparison"
        }
        # the conditions we have only to compare with ("osteoarthritis", "stroke"); "arthralgia" is joint pain: ours
        self.compared_only = [(e, word_sequences(nlp, e.terms)) for e in knowledge.entries
                              if e.subject == "comparison" and not self.compared[e.id] & set(PAIN_TYPES)]

    # --- reading a question -------------------------------------------------------------------------------

    def _subject_spans(self, doc: Doc) -> List[Tuple[int, int, str]]:
        """(start, end, subject) in text order: named conditions and pain types, and the general words.

        Remembered for the last doc: one question asks for them several times (subjects, masking, follow-up).
        """
        last = self._last_spans  # read once: another thread may replace it
        if last is not None and last[0] is doc:
            return list(last[1])
        spans = self._find_subject_spans(doc)
        self._last_spans = (doc, tuple(spans))
        return spans

    def _find_subject_spans(self, doc: Doc) -> List[Tuple[int, int, str]]:
        """:meth:`_subject_spans`, computed."""
        spans = [(ent.start, ent.end, self.subject_of[(ent.label_, ent.ent_id_)])
                 for ent in doc.ents if (ent.label_, ent.ent_id_) in self.subject_of]
        words = [t.lower_ for t in doc]
        spans += [(s, e, "autoimmune") for s, e in phrase_positions(words, self.lists.get("general_subject", []))
                  if not any(s < end and e > start for start, end, _ in spans)]
        spans += self._misspelt_phrases(doc, words, spans)
        taken = {i for start, end, _ in spans for i in range(start, end)}
        for i, word in enumerate(words):
            if (i not in taken and len(word) >= FUZZY_MIN_LENGTH and word.isalpha() and not doc[i].ent_type_
                    and word not in self.spelt_right):
                close = difflib.get_close_matches(word, self.words, n=1, cutoff=FUZZY_CUTOFF)
                if close:
                    spans.append((i, i + 1, self.words[close[0]]))
        return sorted(spans)

    def _misspelt_phrases(self, doc: Doc, words: List[str], spans: List[Tuple[int, int, str]]) -> List[Tuple[int, int, str]]:
        """Misspelt synonyms of two or three words ("multiple sklerosis", "giant cel arteritis")."""
        taken = {i for start, end, _ in spans for i in range(start, end)}
        found: List[Tuple[int, int, str]] = []
        for phrase, subject in self.phrases.items():
            n, wanted = len(phrase), " ".join(phrase)
            for i in range(len(words) - n + 1):
                window = words[i : i + n]
                if window[0][:2] != phrase[0][:2] or any(j in taken or doc[j].ent_type_ for j in range(i, i + n)):
                    continue
                matcher = difflib.SequenceMatcher(None, " ".join(window), wanted)
                if matcher.real_quick_ratio() >= FUZZY_CUTOFF and matcher.ratio() >= FUZZY_CUTOFF:
                    found.append((i, i + n, subject))
                    taken.update(range(i, i + n))
        return found

    def _ordered_subjects(self, doc: Doc) -> List[str]:
        """The subjects of a question: conditions, then pain types, then "autoimmune disease" in general.

        "the usual joint pain, is RA hereditary?" is about RA. In a message that
        also tells, the asking sentence's subjects come first: "My wife has
        lupus. Why does an autoimmune disease make the muscles hurt?" asks about muscle pain.
        """
        spans = self._subject_spans(doc)
        asked = self._question_sentences(doc)
        in_question = {subject for start, _, subject in spans if any(s.start <= start < s.end for s in asked)}
        subjects = list(dict.fromkeys(subject for _, _, subject in spans))
        return sorted(subjects, key=lambda subject: (subject not in in_question, subject == "autoimmune",
                                                     subject in PAIN_TYPES))

    def _question_sentences(self, doc: Doc) -> List[Span]:
        """The sentences that ask, when a message also tells ("My wife has lupus. Why do her muscles hurt?")."""
        sentences = list(doc.sents)
        if len(sentences) < 2:
            return []
        return [s for s in sentences if s.text.rstrip().endswith("?")
                or any(start == 0 for start, _ in phrase_positions([t.lower_ for t in s][:3], self.question_starts))]

    def masked(self, text: str) -> str:
        """``text`` lowercased with every subject mention replaced by one placeholder word."""
        doc = parse(self.nlp, text)
        spans = self._subject_spans(doc)
        words, i = [], 0
        for start, end, _ in spans:
            if start < i:
                continue
            words += [t.lower_ for t in doc[i:start]] + [MASK]
            i = end
        words += [t.lower_ for t in doc[i:]]
        return " ".join(words)

    def has(self, name: str, text: str) -> bool:
        """Whether ``text`` contains a phrase of the retrieval list ``name``."""
        return bool(phrase_positions(words_of(self.nlp, text), self.lists.get(name, [])))

    def asks_for_a_diagnosis(self, text: str) -> bool:
        """ "Do I have lupus?", "is it fibro or something else?": a request to be diagnosed, not a question about one."""
        doc = parse(self.nlp, text)
        words = [t.lower_ for t in doc]

        def asked(start: int) -> bool:  # "which doctor should I see if I think I have lupus?" asks about the doctor
            return not any(word in self.single["not_a_request_before"] for word in words[max(0, start - 2) : start])

        if any(asked(start) for start, _ in phrase_positions(words, self.lists.get("diagnosis_request", []))):
            return True
        starts = {start for start, _, _ in self._subject_spans(doc)}
        return any(asked(start) and any(end <= s <= end + REQUEST_WINDOW for s in starts)
                   for start, end in phrase_positions(words, self.lists.get("diagnosis_request_before_condition", [])))

    def terms_in(self, text: str, terms: Sequence[str]) -> Set[str]:
        """Those of ``terms`` (an entry's own words: "giant cell arteritis", "psoriasis") that ``text`` uses."""
        words = f" {' '.join(words_of(self.nlp, text))} "
        return {term for term in terms if f" {term} " in words}

    def subjects(self, text: str) -> List[str]:
        """The subjects named in ``text``, in order, each once."""
        return list(dict.fromkeys(subject for _, _, subject in self._subject_spans(parse(self.nlp, text))))

    def nearest(self, text: str, exclude: Sequence[str] = (), subject: Optional[str] = None) -> Tuple[Entry, ...]:
        """The entries most like ``text`` (those of ``subject`` first)."""
        scores = (self.entry_vectors @ self.vectorizer.transform([text.lower()]).T).toarray().ravel()
        order = sorted(range(len(scores)), key=lambda i: (self.knowledge.entries[i].subject != subject, -scores[i]))
        picked = [self.knowledge.entries[i] for i in order if self.knowledge.entries[i].id not in exclude]
        return tuple(picked[:NEAREST])

    # --- choosing -----------------------------------------------------------------------------------------

    def aspect_probabilities(self, text: str) -> Dict[str, float]:
        """The classifier's probability for each aspect of the masked question.

        In a message that tells, then asks, the asking sentences are read when
        they are clearer than the whole: "can vasculitis be cured? my mum's been
        on treatment 6 months" asks about the outlook, not the treatment.
        """
        last = self._last_probabilities  # read once: another thread may replace it
        if last is not None and last[0] == text:
            return dict(last[1])
        probabilities = self._asked_probabilities(text)
        self._last_probabilities = (text, probabilities)
        return dict(probabilities)

    def _asked_probabilities(self, text: str) -> Dict[str, float]:
        """:meth:`aspect_probabilities`, computed."""
        whole = self._probabilities(text)
        doc = parse(self.nlp, text)
        asked = self._question_sentences(doc)
        if not asked:
            return whole
        question = self._probabilities(" ".join(sentence.text for sentence in asked))
        return question if max(question.values()) >= max(whole.values()) else whole

    def _compared_only(self, doc: Doc) -> Optional[Tuple[str, Entry]]:
        """A condition we have only to compare with ("osteoarthritis", "stroke"), asked about alone, and its comparison.

        None when the question names one of our conditions, or the term is a
        symptom word of ours ("arthralgia" is joint pain).
        """
        if self._names_a_condition(doc):
            return None
        words = [t.lower_ for t in doc]
        for entry, terms in self.compared_only:
            found = [(start, end) for start, end in phrase_positions(words, terms)
                     if self._asked_about(doc, start)]  # "My dad had a stroke last year. What helps nerve pain?"
            if found:
                start, end = max(found, key=lambda span: span[1] - span[0])
                return doc[start:end].text, entry
        return None

    def _names_a_condition(self, doc: Doc) -> bool:
        """Whether ``doc`` names a condition (not only a pain type or autoimmune disease in general)."""
        return any(subject != "autoimmune" and subject not in PAIN_TYPES for _, _, subject in self._subject_spans(doc))

    def _top_aspect(self, text: str) -> str:
        """The aspect the classifier finds likeliest for ``text``."""
        probabilities = self.aspect_probabilities(text)
        return max(probabilities, key=probabilities.get)

    def _probabilities(self, text: str) -> Dict[str, float]:
        """The classifier's probabilities for ``text`` as it is (masked), without the asking-sentence choice."""
        probabilities = self.classifier.predict_proba(self.vectorizer.transform([self.masked(text)]))[0]
        return dict(zip(self.aspects, probabilities))

    def _comparison(self, text: str, subjects: Sequence[str], asks_if_general: bool) -> Optional[Entry]:
        """The comparison entry whose two sides the question names (or names one and the conversation the other).

        Only when the question compares ("difference", "vs", "the same as") or
        asks whether something is autoimmune; the best-matching of those naming both sides.
        """
        if not (asks_if_general or self.has("comparison", text)):
            return None
        comparisons = [i for i, e in enumerate(self.knowledge.entries) if e.subject == "comparison"]
        if not comparisons:
            return None
        scores = (self.entry_vectors[comparisons] @ self.vectorizer.transform([text.lower()]).T).toarray().ravel()
        named = set(subjects) | self.terms_in(text, [t for i in comparisons for t in self.knowledge.entries[i].terms])

        def rank(i: int) -> Tuple[int, float]:
            return len(self.compared[self.knowledge.entries[comparisons[i]].id] & named), scores[i]

        best = max(range(len(comparisons)), key=rank)
        overlap, _ = rank(best)
        return self.knowledge.entries[comparisons[best]] if overlap >= 2 else None

    def asks_if_general(self, doc: Doc) -> Optional[str]:
        """ "Is fibro autoimmune?", "is that an autoimmune thing?": asks whether a condition is an autoimmune one.

        ``"named"`` when the question names the condition, ``"pronoun"`` when it
        says "it", "that" or "this" (the condition under discussion); else None.
        """
        words = [t.lower_ for t in doc]
        spans = self._subject_spans(doc)
        specific = {i for start, end, subject in spans if subject != "autoimmune" for i in range(start, end)}
        for start, _, subject in spans:
            if subject != "autoimmune":
                continue
            for _, before_end in phrase_positions(words, self.lists.get("before_general_subject", [])):
                gap = range(before_end, start)
                if before_end > start or len(gap) > GENERAL_QUESTION_GAP:
                    continue
                if not all(i in specific or words[i] in self.single["between_condition_and_general"] for i in gap):
                    continue
                if words[before_end - 1] in self.single["refers_back"]:
                    return "pronoun"
                if any(i in specific for i in gap):
                    return "named"
        return None

    def choose(self, text: str, context_subject: Optional[str] = None, context_entry: Optional[str] = None) -> Choice:
        """The entry that answers ``text``, or why there is none.

        ``context_subject`` and ``context_entry`` come from the conversation: "is
        it hereditary?" after lupus is about lupus; "and for MS?" after a
        question on heredity asks MS's heredity. The rules decide first
        (:meth:`_by_rules`), then the aspect classifier (:meth:`_by_aspect`).
        """
        doc = parse(self.nlp, text)
        subjects = self._ordered_subjects(doc)
        asks_if_general = self.asks_if_general(doc)
        if context_subject not in (None, "autoimmune") and (
            asks_if_general == "pronoun" or (asks_if_general and subjects == ["autoimmune"])
        ):  # "is it autoimmune (like lupus)?" asks about the condition under discussion
            subjects = [context_subject, "autoimmune"]
        previous = self.knowledge.entry(context_entry) if context_entry and self.knowledge.has_entry(context_entry) else None
        question = _Question(doc, text, subjects, subjects[0] if subjects else context_subject, context_subject,
                             previous, asks_if_general)
        return self._by_rules(question) or self._by_aspect(question)

    def _by_rules(self, q: _Question) -> Optional[Choice]:
        """The outcomes the rules decide alone: front desk, not covered, comparisons, "is X autoimmune?", nothing asked."""
        subject, text = q.subject, q.text
        if self.has("clinic_request", text):  # "the phone number of the rheumatology department?"
            return Choice(subject=subject, for_the_clinic=True)
        if subject is None and self.has("overview_request", text):  # "what kinds of pain are there?": the overview topic
            return Choice()
        not_covered = self._not_covered(q.doc)
        if not_covered:
            return Choice(subject=subject, unknown=not_covered[0], nearest=self.nearest(text, subject=subject))
        if not q.subjects and q.context_subject is None and not self.has("in_scope_words", text) and self._asks(q.doc):
            unfamiliar = self._unfamiliar(q.doc)
            if unfamiliar:  # "what is the best treatment for acid reflux": no condition, no pain, words we never use
                return Choice(unknown=unfamiliar, nearest=self.nearest(text))
        sides = list(q.subjects) if len(q.subjects) >= 2 or not q.context_subject else [*q.subjects, q.context_subject]
        comparison = self._comparison(text, sides, q.asks_if_general)
        if comparison is not None:
            return Choice(entry=comparison, subject=subject, confidence=1.0)
        compared_only = self._compared_only(q.doc)
        if compared_only is not None:  # "is osteoarthritis hereditary?": we have it only to compare
            term, entry = compared_only
            if self._top_aspect(text) in ("what", "compare"):  # "what is osteoarthritis?": the comparison explains it
                return Choice(entry=entry, subject=subject, confidence=1.0)
            return Choice(subject=subject, unknown=term, nearest=self.nearest(text, subject=subject))
        if q.asks_if_general and subject not in (None, "autoimmune"):
            what = [e for e in self._candidates(text, subject, q.previous) if "what" in e.aspects]
            if what:
                return Choice(entry=what[0], subject=subject, confidence=1.0)
        if self.asks_nothing(text):
            return Choice(subject=subject)
        return None

    def _by_aspect(self, q: _Question) -> Choice:
        """The subject's entry for the aspect the classifier hears, a follow-up's, or an honest unknown when unsure."""
        subject, text, previous = q.subject, q.text, q.previous
        probabilities = self.aspect_probabilities(text)
        top_aspect = max(probabilities, key=probabilities.get)
        candidates = self._candidates(text, subject, previous)
        if previous is not None and self._is_follow_up(q.doc, probabilities[top_aspect]):
            same = [e for e in candidates if previous.aspect in e.aspects]
            if same:
                return Choice(entry=same[0], subject=subject, confidence=probabilities[top_aspect])
            if subject is not None and subject != previous.subject:  # "and for lupus?" after RA and work: none for lupus
                return Choice(subject=subject, unknown=self._aspect_label(previous.aspect, subject),
                              nearest=self.nearest(text, subject=subject))
        if not candidates:
            return Choice(subject=subject, nearest=self.nearest(text, subject=subject))

        def score(entry: Entry) -> float:
            return max(probabilities.get(aspect, 0.0) for aspect in entry.aspects)

        best = max(candidates, key=score)
        confidence = score(best)
        if probabilities[top_aspect] > MISSING_ASPECT_RATIO * confidence and subject is not None:
            return Choice(subject=subject, unknown=self._aspect_label(top_aspect, subject), confidence=confidence,
                          nearest=self.nearest(text, subject=subject))
        runner_up = max((score(e) for e in candidates if e.aspect != best.aspect), default=0.0)
        clear_lead = confidence >= LEAD_CONFIDENCE and confidence >= LEAD_RATIO * runner_up
        if confidence < MIN_CONFIDENCE and not clear_lead:
            return Choice(subject=subject, confidence=confidence, nearest=self.nearest(text, subject=subject))
        return Choice(entry=best, subject=subject, confidence=confidence)

    def _aspect_label(self, aspect: str, subject: str) -> str:
        """How an aspect of a subject is named in "I don't have information about ..." ("whether lupus is contagious")."""
        return self.knowledge.aspect_labels[aspect].replace("{subject}", self.subject_label(subject))

    def _not_covered(self, doc: Doc) -> List[str]:
        """What the question names that the knowledge does not cover (a condition, a medicine, one's own test result).

        A test result counts unless the question asks how a condition it names
        is diagnosed ("my ANA came back positive, how do they confirm lupus?").
        Mentions told only in the story do not count (:meth:`_asked_about`).
        """
        results = [ent for ent in doc.ents if ent.label_ == TEST_LABEL and self._is_a_result(ent)]
        if results and self._top_aspect(doc.text) == "diagnosis" and self._names_a_condition(doc):
            results = []
        mentions = sorted([ent for ent in doc.ents if ent.label_ == NOT_COVERED_LABEL] + results, key=lambda ent: ent.start)
        return [ent.text for ent in mentions if self._asked_about(doc, ent.start)]

    def _asked_about(self, doc: Doc, start: int) -> bool:
        """Whether a mention at token ``start`` is part of what is asked, not only of the story told before.

        In a message that tells, then asks about a subject we cover, only the
        asking sentences count: "My mum has gout. Does lupus run in families?"
        asks about lupus. The story counts when the question points back to it
        ("I've started methotrexate. Is *it* safe with RA?") or names nothing we cover ("I have gout. Is it hereditary?").
        """
        asked = self._question_sentences(doc)
        if not asked or any(s.start <= start < s.end for s in asked):
            return True
        if any(t.lower_ in self.single["refers_back"] for s in asked for t in s):
            return True
        return not any(s.start <= span_start < s.end for span_start, _, _ in self._subject_spans(doc) for s in asked)

    def _is_a_result(self, test: Span) -> bool:
        """A test named with its value ("my ESR was 60", "CRP 38") or a result word in its sentence ("a normal CRP")."""
        sentence = test.sent
        words = [t.lower_ for t in sentence]
        if phrase_positions(words, self.lists.get("result_words", [])):
            return True
        near = test.doc[max(sentence.start, test.start - RESULT_WINDOW) : min(sentence.end, test.end + RESULT_WINDOW)]
        return any(self._is_a_value(token) for token in near)

    def _is_a_value(self, token: Token) -> bool:
        """A number that is not a time: "60" in "ESR was 60", not "2" in "2 weeks ago"."""
        following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
        return any(c.isdigit() for c in token.text) and following not in self.single["time_words"]

    def _unfamiliar(self, doc: Doc) -> Optional[str]:
        """The longest run of words no entry uses ("acid reflux"), as written; None if every word is familiar."""
        runs: List[List[str]] = [[]]
        for token in doc[:UNFAMILIAR_SCAN]:  # typo checks cost; a question names its topic early
            word = token.lower_
            if token.is_alpha and len(word) >= UNFAMILIAR_MIN_LENGTH and not self._familiar(word):
                runs[-1].append(token.text)
            elif runs[-1] and not (token.is_alpha and word not in self.familiar):
                runs.append([])
        longest = max(runs, key=len)[:UNFAMILIAR_MAX_WORDS]
        return " ".join(longest) or None

    def _familiar(self, word: str) -> bool:
        """Whether the entries use ``word`` or a word it is a typo of ("treatmnets")."""
        return word in self.familiar or bool(difflib.get_close_matches(word, self.familiar, n=1, cutoff=TYPO_CUTOFF))

    def subject_label(self, subject: str) -> str:
        """How a subject is named to people: the entity label ("Lupus (SLE)", "Joint pain"), lowercased after the first."""
        for value in self.knowledge.entities:
            if value.value == subject:
                return value.label
        return "autoimmune disease" if subject == "autoimmune" else subject.replace("_", " ")

    def _is_follow_up(self, doc: Doc, confidence: float) -> bool:
        """A short question that asks the last one again about a subject: "and for lupus?", "what about MS?".

        It names a subject and either says nothing else ("and RA?") or is short with an unclear aspect.
        """
        masked = self.masked(doc.text).split()
        if MASK not in masked:  # "ok thanks" asks nothing again
            return False
        words = self._asking_words(masked)
        only_a_subject = set(words) <= self.single["follow_up_words"]
        return only_a_subject or (confidence < FOLLOW_UP_CONFIDENCE and len(words) <= FOLLOW_UP_WORDS)

    @staticmethod
    def _asking_words(masked: Sequence[str]) -> List[str]:
        """The words of a masked question besides its subjects and punctuation."""
        return [w for w in masked if w != MASK and any(c.isalnum() for c in w)]

    def asks_the_knowledge(self, text: str) -> bool:
        """Whether a message the classifier took for small talk is a question for the entries.

        "thanks, is it hereditary?", "will it ever go away?": it asks, and it
        names a subject or asks an aspect clearly without speaking to the
        assistant ("how are you?", "who made you?" stay small talk).
        """
        doc = parse(self.nlp, text)
        if not self._asks(doc) or self.asks_nothing(text):
            return False
        if self.asks_for_a_diagnosis(text) or self.has("medicine_request", text):  # the refusals decide those
            return False
        if self._subject_spans(doc):
            return True
        if self.has("to_the_assistant", text):
            return False
        return max(self.aspect_probabilities(text).values()) >= SMALL_TALK_ASPECT_CONFIDENCE

    def _asks(self, doc: Doc) -> bool:
        """A question mark at the end, or a part that starts like a question ("my mom has it, will it go away")."""
        words = [t.lower_ for t in doc]
        if words[-1:] == ["?"]:
            return True
        starts = [0] + [i + 1 for i, word in enumerate(words) if word in self.single["part_breaks"]]
        return any(start in starts for start, _ in phrase_positions(words, self.question_starts))

    def asks_nothing(self, text: str) -> bool:
        """ "ok thanks", "and?": no subject and no word that asks anything."""
        masked = self.masked(text).split()
        return MASK not in masked and set(self._asking_words(masked)) <= self.single["follow_up_words"]

    def _candidates(self, text: str, subject: Optional[str], previous: Optional[Entry] = None) -> List[Entry]:
        """The entries the question may be about: its subject's (those whose own terms it uses, first).

        A pain type ("joint pain") also borrows the general entries of the aspects it has none of:
        "which doctor for joint pain?" gets the general specialist answer.
        """
        subject = subject or "autoimmune"
        entries = [e for e in self.knowledge.entries if e.subject == subject]
        if subject in PAIN_TYPES:
            own = {aspect for e in entries for aspect in e.aspects}
            entries += [e for e in self.knowledge.entries if e.subject == "autoimmune" and e.aspect not in own]
        terms = self.terms_in(text, [term for e in entries for term in e.terms])
        if not terms and previous is not None and previous.subject == subject:
            terms = list(previous.terms)  # "what are the warning signs?" after giant cell arteritis
        specific = [e for e in entries if any(term in e.terms for term in terms)]
        if specific:
            return specific
        return [e for e in entries if not e.terms]


def get_finder(knowledge: Knowledge, nlp: Language) -> EntryFinder:
    """The finder for this knowledge and pipeline, built once per process (training takes about a second)."""
    return built_once("entry finder", knowledge, nlp, EntryFinder)
