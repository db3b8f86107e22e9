"""What kind of message a question is: does it ask at all, ask to be diagnosed, ask again, ask the entries?"""

from __future__ import annotations

from typing import List, Optional, Sequence

from assistant.retrieval.index import Index
from assistant.retrieval.lexicon import Lexicon, positions
from assistant.retrieval.question import Question
from assistant.retrieval.subjects import MASK

REQUEST_WINDOW = 2  # "is it [really] lupus?": a condition this close after makes it a request
FOLLOW_UP_CONFIDENCE = 0.5  # a short follow-up below this keeps the last answer's aspect ("and lupus?")
FOLLOW_UP_WORDS = 4  # at most this many words besides the subject
SMALL_TALK_ASPECT_CONFIDENCE = 0.6  # a question without a subject is for the entries when its aspect is this clear
KEYWORD_ASPECT_CONFIDENCE = 0.9  # keywords with a subject that ask nothing in words ("pmr tiredness"), when this clear


def asks(question: Question, lexicon: Lexicon) -> bool:
    """A question mark ending any part ("my knee hurts, exercise or rest? my daughter says swim"), or a part that
    starts like a question ("my mom has it, will it go away")."""
    words = question.words
    if "?" in words:
        return True
    starts = [0] + [i + 1 for i, word in enumerate(words) if word in lexicon.single["part_breaks"]]
    return any(start in starts for start, _ in positions(lexicon.question_starts, words))


def asking_words(masked: Sequence[str]) -> List[str]:
    """The words of a masked question besides its subjects and punctuation."""
    return [w for w in masked if w != MASK and any(c.isalnum() for c in w)]


def is_ours(question: Question, lexicon: Lexicon, context_subject: Optional[str]) -> bool:
    """Whether a message may be for the entries: it names a subject, comes in a conversation about one, or uses
    our words ("pain", "joint"); "who won the world cup?" in a new conversation does none of these."""
    return bool(question.subjects) or context_subject is not None or lexicon.has("in_scope_words", question.words)


def asks_nothing(question: Question, lexicon: Lexicon) -> bool:
    """ "ok thanks", "and?": no subject and no word that asks anything."""
    masked = question.masked.split()
    return MASK not in masked and set(asking_words(masked)) <= lexicon.single["follow_up_words"]


def is_follow_up(question: Question, lexicon: Lexicon, confidence: float) -> bool:
    """A short question that asks the last one again about a subject: "and for lupus?", "what about MS?".

    It names a subject and either says nothing else ("and RA?") or is short with an unclear aspect.
    """
    masked = question.masked.split()
    if MASK not in masked:  # "ok thanks" asks nothing again
        return False
    words = asking_words(masked)
    only_a_subject = set(words) <= lexicon.single["follow_up_words"]
    return only_a_subject or (confidence < FOLLOW_UP_CONFIDENCE and len(words) <= FOLLOW_UP_WORDS)


def asks_again(question: Question, lexicon: Lexicon) -> bool:
    """Only a subject and follow-up words, none asking what the subject is: "and MS?", «ام اس چی؟» (what about MS?)
    ask the last question again, however sure the classifier is that «چی» (what) asks what MS is; "what is MS?" and
    «ام اس چیه؟» do not (``defining_words``)."""
    masked = question.masked.split()
    words = set(asking_words(masked))
    return MASK in masked and words <= lexicon.single["follow_up_words"] and not words & lexicon.single["defining_words"]


def asks_for_a_diagnosis(question: Question, lexicon: Lexicon) -> bool:
    """ "Do I have lupus?", "is it fibro or something else?": a request to be diagnosed, not a question about one."""
    words = question.words

    def asked(start: int) -> bool:  # "which doctor should I see if I think I have lupus?" asks about the doctor
        return not any(word in lexicon.single["not_a_request_before"] for word in words[max(0, start - 2) : start])

    if any(asked(start) for start, _ in lexicon.positions("diagnosis_request", words)):
        return True
    starts = {start for start, _, _ in question.spans}
    after = lexicon.single["not_a_request_after"]  # "is it *true* that fibromyalgia comes from an injury?"
    return any(asked(start) and not (end < len(words) and words[end] in after)
               and any(end <= s <= end + REQUEST_WINDOW for s in starts)
               for start, end in lexicon.positions("diagnosis_request_before_condition", words))


def asks_the_knowledge(index: Index, question: Question) -> bool:
    """Whether a message the classifier took for small talk is a question for the entries.

    "thanks, is it hereditary?", "will it ever go away?": it asks, and it
    names a subject or asks an aspect clearly without speaking to the
    assistant ("how are you?", "who made you?" stay small talk).
    """
    lexicon = index.lexicon
    if asks_nothing(question, lexicon):
        return False
    if not asks(question, lexicon):  # "pmr tiredness", "lupus diet": typed as keywords, a subject and a clear aspect
        return bool(question.spans) and max(index.aspects.probabilities(question).values()) >= KEYWORD_ASPECT_CONFIDENCE
    if asks_for_a_diagnosis(question, lexicon) or lexicon.has("medicine_request", question.words):
        return False  # the refusals decide those
    if question.spans:
        return True
    if lexicon.has("to_the_assistant", question.words):
        return False
    return max(index.aspects.probabilities(question).values()) >= SMALL_TALK_ASPECT_CONFIDENCE
