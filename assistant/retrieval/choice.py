"""The outcome for a question, the question in its conversation, and the choice by aspect when no rule decided."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Mapping, Optional, Sequence, Set, Tuple

from assistant.knowledge import Entry, Knowledge
from assistant.knowledge.model import GENERAL_SUBJECT
from assistant.nlp import without_madda
from assistant.retrieval.index import Index
from assistant.retrieval.question import Question
from assistant.retrieval.requests import asks_again, is_follow_up
from assistant.retrieval.subjects import subject_entries, subject_label

MIN_CONFIDENCE = 0.50  # below this the aspect is too uncertain to answer (chosen on the dev sets: docs/nlu-quality.md)
LEAD_CONFIDENCE, LEAD_RATIO = 0.25, 2.0  # ...unless it leads the subject's next aspect by this much
CLEAR_ASPECT = 0.8  # a question that clearly asks its own aspect ("what is Sjögren's?") is no follow-up of the last
MISSING_ASPECT_RATIO = 2.0  # the question's aspect is this much likelier than any the subject has: not covered
BESIDE_A_MEDICINE = frozenset({"infections"})  # "I take methotrexate, which vaccines can I have?" asks no medicine
# Living with a condition: asked "while being treated" or "what helps", the treatment words are the story, not the question.
BESIDE_TREATMENT = frozenset({"diet", "exercise", "pregnancy", "infections", "children", "complementary", "work", "sleep",
                              "weather"})
BESIDE_TREATMENT_CONFIDENCE = 0.4  # and the two together are what the classifier hears: "help" alone is not enough
CONTEXT_ASPECT = 0.75  # how sure the aspect must be for a medicine or symptom told beside it to be only the story


@dataclass(frozen=True)
class Choice:
    """The outcome for one question."""

    entry: Optional[Entry] = None
    subject: Optional[str] = None  # the subject the question is about (kept for follow-ups)
    unknown: Optional[str] = None  # what is not covered, in words to show ("gout", "whether lupus is contagious")
    confidence: float = 0.0
    nearest: Tuple[Entry, ...] = field(default_factory=tuple)
    for_the_clinic: bool = False  # "can I book an appointment?": the clinic's contact details answer
    other_ailment: bool = False  # "toothache since last night": not ours; who to ask instead, and our topics

    @property
    def confident(self) -> bool:
        """Whether the aspect is sure enough to answer beside a refusal (:data:`MIN_CONFIDENCE`)."""
        return self.confidence >= MIN_CONFIDENCE


@dataclass(frozen=True)
class Turn:
    """A question in its conversation: its subjects with the conversation's, the last entry, the aspects heard."""

    question: Question
    subjects: Tuple[str, ...]
    subject: Optional[str]  # what it is about: the first subject, else the conversation's
    context_subject: Optional[str]
    previous: Optional[Entry]  # the entry answered last
    probabilities: Mapping[str, float]  # per aspect, from :meth:`AspectModel.probabilities`

    @property
    def top_aspect(self) -> str:
        """The aspect the classifier finds likeliest."""
        return max(self.probabilities, key=self.probabilities.get)  # type: ignore[arg-type]


def answers_beside_a_medicine(choice: Choice) -> bool:
    """Whether a question that names a medicine is clearly about something else the entry answers (vaccines)."""
    return (choice.entry is not None and choice.confident
            and bool(BESIDE_A_MEDICINE.intersection(choice.entry.aspects)))


def treatment_beside_a_medicine(knowledge: Knowledge, choice: Choice, question: Question) -> Optional[Entry]:
    """The treatment entry of the condition a medicine question names, when the medicine is what is not covered.

    "What does hydroxychloroquine do for lupus?": lupus's treatment overview (no drug, no dose) may follow the
    refusal; None when the question names no condition or something else is unknown.
    """
    if choice.entry is not None or choice.unknown is None or choice.subject in (None, GENERAL_SUBJECT):
        return None
    if choice.subject not in question.subjects:
        return None
    return next((e for e in subject_entries(knowledge, choice.subject) if e.aspect == "treatment"), None)


def make_turn(index: Index, question: Question, context_subject: Optional[str], context_entry: Optional[str]) -> Turn:
    """The question with the conversation's subject and last entry; the aspects are heard here, once."""
    subjects = question.subjects
    general = question.asks_if_general
    if context_subject is not None and context_subject != "autoimmune" and (
        general == "pronoun" or (general and subjects == ("autoimmune",))
    ):  # "is it autoimmune (like lupus)?" asks about the condition under discussion
        subjects = (context_subject, "autoimmune")
    knowledge = index.knowledge
    probabilities = index.aspects.probabilities(question)
    pains = knowledge.structure.condition_pains.get(context_subject or "", ())
    top = max(probabilities, key=probabilities.__getitem__)
    points_back = bool(index.lexicon.single["refers_back"].intersection(question.words))
    if subjects and set(subjects) <= set(pains) and top != "what" and (probabilities[top] >= MIN_CONFIDENCE or points_back):
        # "will my back fuse?" after "AS here" asks about the condition's pain, and so does "can it affect my back
        # too?" after PsA however unsure the aspect; "what is nerve pain?", "what about joint pain?" (no aspect) and
        # a pain the condition is not known for ("my back is stiff" after lupus) are the pain's own questions
        subjects = (context_subject, *subjects)
    previous = knowledge.entry(context_entry) if context_entry and knowledge.has_entry(context_entry) else None
    return Turn(question, subjects, subjects[0] if subjects else context_subject, context_subject, previous,
                probabilities)


def terms_in(question: Question, terms: Sequence[str]) -> Set[str]:
    """Those of ``terms`` (an entry's own words: "giant cell arteritis", "psoriasis") that the question uses."""
    words = without_madda(f" {' '.join(question.words)} ")
    return {term for term in terms if f" {without_madda(term)} " in words}


def candidates(index: Index, turn: Turn) -> List[Entry]:
    """The entries the question may be about: its subject's (those whose own terms it uses, first).

    A subject also borrows the shared entries that cover it, for the aspects it has none of:
    "is MS contagious?" gets the shared answer on contagion. A pain type ("joint pain") borrows
    every general entry of those aspects: "which doctor for joint pain?" gets the general specialist answer.
    """
    subject, previous = turn.subject or "autoimmune", turn.previous
    # its own entries, and shared ones with terms that cover it ("can I fast in Ramadan with lupus?")
    entries = [e for e in index.knowledge.entries if e.subject == subject or (e.terms and subject in e.covers)]
    general = subject_entries(index.knowledge, subject)
    terms: Set[str] = terms_in(turn.question, [term for e in entries for term in e.terms])
    if not terms and previous is not None and previous.subject == subject:
        terms = set(previous.terms)  # "what are the warning signs?" after giant cell arteritis
    specific = [e for e in entries if any(term in e.terms for term in terms)]
    if specific:  # "is Behçet's worse with stress?": the general entries answer what the specific ones do not
        have = {aspect for e in specific for aspect in e.aspects}
        return specific + [e for e in general if not have.issuperset(e.aspects)]  # first in the list wins a tie
    return general


def aspect_label(index: Index, aspect: str, subject: str) -> str:
    """How an aspect of a subject is named in "I don't have information about ..." ("whether lupus is contagious")."""
    return index.knowledge.aspect_labels[aspect].replace("{subject}", subject_label(index.knowledge, subject))


def by_aspect(index: Index, turn: Turn) -> Choice:
    """The subject's entry for the aspect the classifier hears, a follow-up's, or an honest unknown when unsure."""
    question, subject, previous, probabilities = turn.question, turn.subject, turn.previous, turn.probabilities
    top_aspect = turn.top_aspect
    found = candidates(index, turn)
    clear = (probabilities[top_aspect] >= CLEAR_ASPECT and top_aspect != previous.aspect
             and not asks_again(question, index.lexicon)) if previous else False
    if previous is not None and not clear and is_follow_up(question, index.lexicon, probabilities[top_aspect]):
        same = [e for e in found if previous.aspect in e.aspects]
        if same:
            return Choice(entry=same[0], subject=subject, confidence=probabilities[top_aspect])
        if subject is not None and subject != previous.subject:  # "and for lupus?" after RA and work: none for lupus
            return Choice(subject=subject, unknown=aspect_label(index, previous.aspect, subject),
                          nearest=index.aspects.nearest(question, subject=subject))
    if not found:
        return Choice(subject=subject, nearest=index.aspects.nearest(question, subject=subject))

    def score(entry: Entry) -> float:
        return max(probabilities.get(aspect, 0.0) for aspect in entry.aspects)

    best = max(found, key=score)
    confidence = score(best)
    if probabilities[top_aspect] > MISSING_ASPECT_RATIO * confidence and subject is not None:
        return Choice(subject=subject, unknown=aspect_label(index, top_aspect, subject), confidence=confidence,
                      nearest=index.aspects.nearest(question, subject=subject))
    runner = max((e for e in found if e.aspect != best.aspect), key=score, default=None)
    runner_up = score(runner) if runner is not None else 0.0
    clear_lead = confidence >= LEAD_CONFIDENCE and confidence >= LEAD_RATIO * runner_up
    # "can I breastfeed while being treated for vasculitis?": ahead of treatment, a living-with aspect is the question
    ranked = sorted(probabilities, key=probabilities.__getitem__, reverse=True)[:2]
    ahead_of_treatment = (ranked == [best.aspect, "treatment"] and best.aspect in BESIDE_TREATMENT
                          and confidence >= BESIDE_TREATMENT_CONFIDENCE)
    if confidence < MIN_CONFIDENCE and not clear_lead and not ahead_of_treatment:
        return Choice(subject=subject, confidence=confidence, nearest=index.aspects.nearest(question, subject=subject))
    return Choice(entry=best, subject=subject, confidence=confidence)
