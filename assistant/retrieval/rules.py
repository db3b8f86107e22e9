"""The outcomes the rules decide alone, before the aspect classifier has its say.

The front desk, what the knowledge does not cover (a condition, a medicine,
one's own test result, an everyday ailment, words no entry uses), comparisons, a condition we
have only to compare with, "is X autoimmune?", and messages that ask nothing.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

from assistant.knowledge import Entry
from assistant.nlp import NOT_COVERED_LABEL, TEST_LABEL
from assistant.retrieval.choice import BESIDE_A_MEDICINE, CONTEXT_ASPECT, Choice, Turn, candidates, terms_in
from assistant.retrieval.index import Index, plain_words
from assistant.retrieval.lexicon import Lexicon, positions
from assistant.retrieval.question import Question
from assistant.retrieval.requests import asks_nothing, is_ours
from assistant.retrieval.subjects import is_a_condition, names_a_condition

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

TYPO_CUTOFF = 0.75  # "waht" is "what" mistyped, not something we do not know
UNFAMILIAR_MIN_LENGTH = 4  # shorter words ("ok", "pls") do not make a question about something else
UNFAMILIAR_MAX_WORDS = 3  # "I don't have information about ..." names at most this many of the asker's words
UNFAMILIAR_SCAN = 60  # tokens read for unfamiliar words
TOPIC_ASPECTS = frozenset({"what", "treatment", "symptoms", "outlook", "compare", "pregnancy"})  # ...the aspects it never is for
RESULT_WINDOW = 4  # a number this close to a test's name is its value ("ESR was 60"), unless a time ("2 weeks ago")


def by_rules(index: Index, turn: Turn) -> Optional[Choice]:
    """The outcomes the rules decide alone: front desk, not covered, comparisons, "is X autoimmune?", nothing asked."""
    question, subject, lexicon, nearest = turn.question, turn.subject, index.lexicon, index.aspects.nearest
    if lexicon.has("clinic_request", question.words):  # "the phone number of the rheumatology department?"
        return Choice(subject=subject, for_the_clinic=True)
    if subject is None and lexicon.has("overview_request", question.words):  # "what kinds of pain are there?"
        return Choice()  # the overview topic answers
    not_covered = _not_covered(index, turn)
    if not_covered:
        return Choice(subject=subject, unknown=not_covered[0], nearest=nearest(question, subject=subject))
    if _other_ailment(turn, lexicon):  # "toothache since last night, what do I do?": "pain" is ours, a toothache not
        return Choice(other_ailment=True)
    if not is_ours(question, lexicon, turn.context_subject):
        unfamiliar = _unfamiliar(question, lexicon)
        if unfamiliar:  # "what is the best treatment for acid reflux", «ماشینم پرایده روغن موتور چی بریزم» (no
            # question mark): no condition, no pain, words we never use
            return Choice(unknown=unfamiliar, nearest=nearest(question))
    sides = list(turn.subjects) if len(turn.subjects) >= 2 or not turn.context_subject else [*turn.subjects, turn.context_subject]
    comparison = _comparison(index, question, sides)
    if comparison is not None:
        return Choice(entry=comparison, subject=subject, confidence=1.0)
    compared_only = _compared_only(index, question)
    if compared_only is not None:  # "is osteoarthritis hereditary?": we have it only to compare
        term, entry = compared_only
        if turn.top_aspect in ("what", "compare"):  # "what is osteoarthritis?": the comparison explains it
            return Choice(entry=entry, subject=subject, confidence=1.0)
        return Choice(subject=subject, unknown=term, nearest=nearest(question, subject=subject))
    if question.asks_if_general and subject not in (None, "autoimmune"):
        what = [e for e in candidates(index, turn) if "what" in e.aspects]
        if what:
            return Choice(entry=what[0], subject=subject, confidence=1.0)
    if asks_nothing(question, lexicon):
        return Choice(subject=subject)
    return None


def _not_covered(index: Index, turn: Turn) -> List[str]:
    """What the question names that the knowledge does not cover (a condition, a medicine, one's own test result).

    A symptom of ``context_words`` that the entries of the question's subject (or the conversation's) are
    written to answer about is theirs, not unknown ("Behçet's mouth ulcers again"). A test result counts
    unless the question asks how a condition it names is diagnosed ("my ANA came back positive, how do they confirm lupus?").
    Mentions told only in the story do not count (:func:`_asked_about`).
    """
    question, lexicon = turn.question, index.lexicon
    doc = question.doc
    results = [ent for ent in doc.ents if ent.label_ == TEST_LABEL and _is_a_result(ent, lexicon)]
    if results and turn.top_aspect == "diagnosis" and names_a_condition(question.spans, lexicon):
        results = []
    mentions = sorted([ent for ent in doc.ents if ent.label_ == NOT_COVERED_LABEL] + results, key=lambda ent: ent.start)
    in_context = _in_context(turn, lexicon)  # "MS and insomnia", "on methotrexate for RA, should I get the flu jab?"
    subjects = [s for s in (*turn.subjects, turn.context_subject) if s is not None]

    def theirs(ent: Span) -> bool:
        """A word of ``context_words`` told as part of the story, or one the subject's own entries answer about
        ("Behçet's mouth ulcers again", "Sjögren's dry mouth, why?"). A medicine told first and pointed back to
        by the question ("I've started methotrexate for RA. Is it safe to drink alcohol?") stays the topic;
        a symptom told first stays the story."""
        if ent.label_ != NOT_COVERED_LABEL or not lexicon.has("context_words", [t.lower_ for t in ent]):
            return False
        medicine = plain_words(ent.text) in index.medicines
        story = in_context and not (medicine and _points_back(question, lexicon, ent.start)
                                    and turn.top_aspect not in BESIDE_A_MEDICINE)
        return story or any(index.speaks_of(s, ent.text) for s in subjects)

    mentions = [ent for ent in mentions if not theirs(ent)]
    return [ent.text for ent in mentions if _asked_about(question, lexicon, ent.start)]


def _other_ailment(turn: Turn, lexicon: Lexicon) -> bool:
    """Whether the message names an everyday ailment outside our scope (list ``other_ailments``) and none of our
    conditions nor autoimmune disease: "my wisdom tooth hurts, shooting pain" (a kind of pain is not a condition),
    not "can lupus make my teeth hurt?" or "can an autoimmune disease cause toothache?". In a conversation about
    one of ours it stays ours only when it points back to it ("is that part of it?"): "toothache since last night,
    what do I do?" after lupus is not about lupus."""
    def ours(subject: Optional[str]) -> bool:
        return subject == "autoimmune" or is_a_condition(subject, lexicon)

    words = turn.question.words
    if any(ours(subject) for subject in turn.question.subjects):
        return False
    if ours(turn.context_subject) and lexicon.single["refers_back"].intersection(words):
        return False  # "and a toothache, is that part of it?" after Sjögren's
    return lexicon.has("other_ailments", words)


def _in_context(turn: Turn, lexicon: Lexicon) -> bool:
    """Whether the question clearly asks about infections on one's medicines, or names one of our conditions and
    clearly asks an aspect of living with it (or with a pain type, or autoimmune disease in general).

    Then a word of the list ``context_words`` (a symptom our entries answer under an aspect, a
    medicine one takes) is part of the story, not the topic: "Behçet's mouth ulcers, which foods to
    avoid?" asks about diet; so does "and gluten free?" after psoriatic arthritis (a follow-up naming
    nothing). Questions about what a thing is, its treatment, symptoms or outlook keep
    the mention as their topic ("does methotrexate cure RA?").
    """
    aspect = turn.top_aspect
    if turn.probabilities[aspect] < CONTEXT_ASPECT:
        return False
    if aspect in BESIDE_A_MEDICINE:  # "how common are infections on methotrexate?" asks the infections entry
        return True
    follows_a_condition = not turn.question.spans and is_a_condition(turn.context_subject, lexicon)
    # a pain type or autoimmune disease named counts too: "weight loss help back pain?", "nerve pain depression"
    return (bool(turn.question.spans) or follows_a_condition) and aspect not in TOPIC_ASPECTS


def _asked_refers_back(question: Question, lexicon: Lexicon) -> bool:
    """Whether the asking sentences point back with "it", "that", "this"."""
    return any(t.lower_ in lexicon.single["refers_back"] for s in question.asked for t in s)


def _points_back(question: Question, lexicon: Lexicon, start: int) -> bool:
    """Whether a mention at token ``start`` is told before the asking sentences and they point back to it."""
    asked = question.asked
    if not asked or any(s.start <= start < s.end for s in asked):
        return False
    return _asked_refers_back(question, lexicon)


def _asked_about(question: Question, lexicon: Lexicon, start: int) -> bool:
    """Whether a mention at token ``start`` is part of what is asked, not only of the story told before.

    In a message that tells, then asks about a subject we cover, only the
    asking sentences count: "My mum has gout. Does lupus run in families?"
    asks about lupus. The story counts when the question points back to it
    ("I've started methotrexate. Is *it* safe with RA?") or names nothing we cover ("I have gout. Is it hereditary?").
    """
    asked = question.asked
    if not asked or any(s.start <= start < s.end for s in asked):
        return True
    if _asked_refers_back(question, lexicon):
        return True
    return not any(s.start <= span_start < s.end for span_start, _, _ in question.spans for s in asked)


def _is_a_result(test: Span, lexicon: Lexicon) -> bool:
    """A test named with its value ("my ESR was 60", "CRP 38") or a result word in its sentence ("a normal CRP")."""
    sentence = test.sent
    if lexicon.has("result_words", [t.lower_ for t in sentence]):
        return True
    near = test.doc[max(sentence.start, test.start - RESULT_WINDOW) : min(sentence.end, test.end + RESULT_WINDOW)]
    return any(_is_a_value(token, lexicon) for token in near)


def _is_a_value(token: Token, lexicon: Lexicon) -> bool:
    """A number that is not a time: "60" in "ESR was 60", not "2" in "2 weeks ago"."""
    following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
    return any(c.isdigit() for c in token.text) and following not in lexicon.single["time_words"]


def _unfamiliar(question: Question, lexicon: Lexicon) -> Optional[str]:
    """The longest run of words no entry uses ("acid reflux"), as written; None if every word is familiar."""
    runs: List[List[str]] = [[]]
    for token in question.doc[:UNFAMILIAR_SCAN]:  # typo checks cost; a question names its topic early
        word = token.lower_
        if token.is_alpha and len(word) >= UNFAMILIAR_MIN_LENGTH and not _familiar(word, lexicon):
            runs[-1].append(token.text)
        elif runs[-1] and not (token.is_alpha and word not in lexicon.familiar):
            runs.append([])
    longest = max(runs, key=len)[:UNFAMILIAR_MAX_WORDS]
    return " ".join(longest) or None


def _familiar(word: str, lexicon: Lexicon) -> bool:
    """Whether the entries use ``word`` or a word it is a typo of ("treatmnets")."""
    return word in lexicon.familiar or bool(difflib.get_close_matches(word, lexicon.familiar, n=1, cutoff=TYPO_CUTOFF))


def _comparison(index: Index, question: Question, subjects: Sequence[str]) -> Optional[Entry]:
    """The comparison entry whose two sides the question names (or names one and the conversation the other).

    Only when the question compares ("difference", "vs", "the same as") or
    asks whether something is autoimmune; the best-matching of those naming both sides.
    """
    if not (question.asks_if_general or index.lexicon.has("comparison", question.words)):
        return None
    entries = index.knowledge.entries
    comparisons = [i for i, e in enumerate(entries) if e.subject == "comparison"]
    if not comparisons:
        return None
    scores = index.aspects.similarities(question, comparisons)
    named = set(subjects) | terms_in(question, [t for i in comparisons for t in entries[i].terms])

    def rank(i: int) -> Tuple[int, float]:
        return len(index.compared[entries[comparisons[i]].id] & named), scores[i]

    best = max(range(len(comparisons)), key=rank)
    overlap, _ = rank(best)
    return entries[comparisons[best]] if overlap >= 2 else None


def _compared_only(index: Index, question: Question) -> Optional[Tuple[str, Entry]]:
    """A condition we have only to compare with ("osteoarthritis", "stroke"), asked about alone, and its comparison.

    None when the question names one of our conditions, or the term is a
    symptom word of ours ("arthralgia" is joint pain).
    """
    if names_a_condition(question.spans, index.lexicon):
        return None
    for entry, terms in index.compared_only:
        found = [(start, end) for start, end in positions(terms, question.words)
                 if _asked_about(question, index.lexicon, start)]  # "My dad had a stroke last year. What helps nerve pain?"
        if found:
            start, end = max(found, key=lambda span: span[1] - span[0])
            return question.doc[start:end].text, entry
    return None
