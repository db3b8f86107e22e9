"""What a question is about: conditions and pain types named (or misspelt), "autoimmune disease" in general.

Each function reads a spaCy doc once, when the question is read
(:func:`assistant.retrieval.question.read_question`), and the question keeps what it found.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from assistant.knowledge import Entry, Knowledge
from assistant.retrieval.lexicon import FUZZY_MIN_LENGTH, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

SubjectSpan = Tuple[int, int, str]  # (start token, end token, subject)
MASK = "subjectx"
FUZZY_CUTOFF = 0.82  # how close a misspelt word must be to a one-word synonym ("rhuematoid")
# ...and each word of a misspelt phrase to its word of the synonym: «بیماری است» ("is a disease") is close to
# «بیماری ام اس» ("MS disease") as a whole, but «است» is not «ام»; "multipel sklerosis" keeps both words close.
PHRASE_WORD_CUTOFF = 0.7  # «است»/«ام» 0.4, «کاملا»/«اماس» 0.67: a one-letter slip in a two-letter word is a synonym to list
GENERAL_QUESTION_GAP = 4  # "is [fibromyalgia] really an autoimmune ...": at most this many words between


def subject_spans(doc: Doc, lexicon: Lexicon) -> Tuple[SubjectSpan, ...]:
    """(start, end, subject) in text order: named conditions and pain types, the general words, misspellings."""
    spans = [(ent.start, ent.end, lexicon.subject_of[(ent.label_, ent.ent_id_)])
             for ent in doc.ents if (ent.label_, ent.ent_id_) in lexicon.subject_of]
    words = [t.lower_ for t in doc]
    spans += [(s, e, "autoimmune") for s, e in lexicon.positions("general_subject", words)
              if not any(s < end and e > start for start, end, _ in spans)]
    spans += _misspelt_phrases(doc, words, spans, lexicon)
    taken = {i for start, end, _ in spans for i in range(start, end)}
    for i, word in enumerate(words):
        if (i not in taken and len(word) >= FUZZY_MIN_LENGTH and word.isalpha() and not doc[i].ent_type_
                and word not in lexicon.spelt_right):
            if word in lexicon.joined:  # "rheumatoidarthritis"
                spans.append((i, i + 1, lexicon.joined[word]))
                continue
            close = difflib.get_close_matches(word, lexicon.fuzzy_words, n=1, cutoff=FUZZY_CUTOFF)
            if close:
                spans.append((i, i + 1, lexicon.fuzzy_words[close[0]]))
    return tuple(sorted(spans))


def _misspelt_phrases(doc: Doc, words: List[str], spans: List[SubjectSpan], lexicon: Lexicon) -> List[SubjectSpan]:
    """Misspelt synonyms of two or three words ("multiple sklerosis", "giant cel arteritis")."""
    taken = {i for start, end, _ in spans for i in range(start, end)}
    found: List[SubjectSpan] = []
    starting: Dict[str, List[int]] = {}  # where each two-letter start is: a phrase is tried only where it could begin
    for i, word in enumerate(words):
        starting.setdefault(word[:2], []).append(i)
    for phrase, subject in lexicon.fuzzy_phrases.items():
        n, wanted = len(phrase), " ".join(phrase)
        for i in starting.get(phrase[0][:2], ()):
            window = words[i : i + n]
            if i > len(words) - n or any(j in taken or doc[j].ent_type_ for j in range(i, i + n)):
                continue
            matcher = difflib.SequenceMatcher(None, " ".join(window), wanted)
            if (matcher.real_quick_ratio() >= FUZZY_CUTOFF and matcher.ratio() >= FUZZY_CUTOFF
                    and all(_close_words(w, p) for w, p in zip(window, phrase))):
                found.append((i, i + n, subject))
                taken.update(range(i, i + n))
    return found


def _close_words(written: str, synonym_word: str) -> bool:
    """Whether a word of a misspelt phrase is its synonym's word, or a misspelling of it."""
    return written == synonym_word or difflib.SequenceMatcher(None, written, synonym_word).ratio() >= PHRASE_WORD_CUTOFF


def asking_sentences(doc: Doc, lexicon: Lexicon) -> Tuple[Span, ...]:
    """The sentences that ask, when a message also tells ("My wife has lupus. Why do her muscles hurt?")."""
    sentences = list(doc.sents)
    if len(sentences) < 2:
        return ()
    return tuple(s for s in sentences
                 if s.text.rstrip().endswith("?") or lexicon.starts_a_question([t.lower_ for t in s]))


def ordered_subjects(spans: Sequence[SubjectSpan], asked: Sequence[Span], lexicon: Lexicon) -> Tuple[str, ...]:
    """The subjects of a question: conditions, then pain types, then "autoimmune disease" in general.

    "the usual joint pain, is RA hereditary?" is about RA. In a message that
    also tells, the asking sentence's subjects come first: "My wife has
    lupus. Why does an autoimmune disease make the muscles hurt?" asks about muscle pain.
    """
    in_question = {subject for start, _, subject in spans if any(s.start <= start < s.end for s in asked)}
    subjects = list(dict.fromkeys(subject for _, _, subject in spans))
    return tuple(sorted(subjects, key=lambda subject: (subject not in in_question, subject == "autoimmune",
                                                       subject in lexicon.pain_types)))


def masked(doc: Doc, spans: Sequence[SubjectSpan]) -> str:
    """The doc's words lowercased, every subject mention replaced by one placeholder word."""
    words, i = [], 0
    for start, end, _ in spans:
        if start < i:
            continue
        words += [t.lower_ for t in doc[i:start]] + [MASK]
        i = end
    words += [t.lower_ for t in doc[i:]]
    return " ".join(words)


def is_a_condition(subject: Optional[str], lexicon: Lexicon) -> bool:
    """Whether ``subject`` is a condition (not a pain type, not autoimmune disease in general, not none)."""
    return subject is not None and subject != "autoimmune" and subject not in lexicon.pain_types


def names_a_condition(spans: Sequence[SubjectSpan], lexicon: Lexicon) -> bool:
    """Whether the spans name a condition (not only a pain type or autoimmune disease in general)."""
    return any(is_a_condition(subject, lexicon) for _, _, subject in spans)


def asks_if_general(words: Sequence[str], spans: Sequence[SubjectSpan], lexicon: Lexicon) -> Optional[str]:
    """ "Is fibro autoimmune?", "is that an autoimmune thing?": asks whether a condition is an autoimmune one.

    ``"named"`` when the question names the condition, ``"pronoun"`` when it
    says "it", "that" or "this" (the condition under discussion); else None.
    """
    specific = {i for start, end, subject in spans if subject != "autoimmune" for i in range(start, end)}
    for start, _, subject in spans:
        if subject != "autoimmune":
            continue
        for _, before_end in lexicon.positions("before_general_subject", words):
            gap = range(before_end, start)
            if before_end > start or len(gap) > GENERAL_QUESTION_GAP:
                continue
            if not all(i in specific or words[i] in lexicon.single["between_condition_and_general"] for i in gap):
                continue
            if words[before_end - 1] in lexicon.single["refers_back"]:
                return "pronoun"
            if any(i in specific for i in gap):
                return "named"
    return None


def subject_label(knowledge: Knowledge, subject: str) -> str:
    """How a subject is named in running text ("lupus", "joint pain")."""
    entity = next((value.entity for value in knowledge.entities if value.value == subject), None)
    if entity is not None:
        return knowledge.entity_name(entity, subject)  # the one rule for a name in running text
    return knowledge.messages["autoimmune_label"] if subject == "autoimmune" else subject.replace("_", " ")


def subject_entries(knowledge: Knowledge, subject: str) -> List[Entry]:
    """The entries that answer for ``subject``: its own (those with `terms` apart), then the ones it borrows.

    A subject borrows the shared entries that cover it, for the aspects it has none of ("is MS
    contagious?"); a pain type borrows every general entry of those aspects. The retrieval's
    candidates and the coverage grid (tools/grid.py) both read this one rule.
    """
    entries = [e for e in knowledge.entries if e.subject == subject]
    own = {aspect for e in entries if not e.terms for aspect in e.aspects}  # Behçet's entries are not vasculitis's
    pain_type = subject in knowledge.structure.pain_types
    return [e for e in entries if not e.terms] + [
        e for e in knowledge.entries if e.subject != subject and e.aspect not in own
        and (subject in e.covers or (pain_type and e.subject == "autoimmune"))]
