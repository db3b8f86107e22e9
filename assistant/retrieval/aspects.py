"""The aspect a question asks (heredity, treatment, pregnancy...): TF-IDF and logistic regression, trained once.

Trained on every entry's title and examples with the subject masked, so that
"Is MS hereditary?" is heard as heredity even if only RA's examples say "hereditary";
and on the questions patients asked in the coverage-grid sets already scored
(:data:`ASKED_SETS`: written by separate authors, now used for tuning), labelled by their
question type, so that long stories and search-box fragments are heard as people write them.
The sets not yet scored are never read here.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from assistant.knowledge import Entry, Knowledge
from assistant.nlp import entity_docs
from assistant.normalise import normalise
from assistant.paths import BUILD_DIR, KNOWLEDGE_MANIFEST, NLU_SETS
from assistant.retrieval.lexicon import Lexicon
from assistant.retrieval.question import Question
from assistant.retrieval.subjects import masked, subject_spans

if TYPE_CHECKING:
    from numpy import ndarray
    from scipy.sparse import csr_matrix
    from spacy.language import Language

NEAREST = 3
# The coverage-grid sets already scored once (now tuning sets), per language: their typed questions train the model.
ASKED_SETS: Dict[str, Tuple[str, ...]] = {
    "en": ("grid_heldout.yml", "grid_round3_a.yml", "grid_round3_b.yml", "grid_round4_a.yml", "grid_round4_b.yml",
           "grid_round5_a.yml", "grid_round5_b.yml", "grid_round6_a.yml", "grid_round6_b.yml", "grid_round7_a.yml",
           "grid_round7_b.yml", "grid_round8_a.yml", "grid_round8_b.yml", "grid_round9_a.yml", "grid_round9_b.yml",
           "grid_round10_a.yml", "grid_round10_b.yml", "grid_round11_a.yml", "grid_round11_b.yml", "grid_round12_a.yml",
           "grid_round12_b.yml", "grid_round13_a.yml", "grid_round13_b.yml", "grid_round14_a.yml", "grid_round14_b.yml",
           "grid_round16_a.yml", "grid_round16_b.yml"),
    "fa": ("persian_heldout.yml", "persian_round3.yml", "persian_round4_a.yml", "persian_round4_b.yml",
           "persian_round5_a.yml", "persian_round5_b.yml", "persian_round6_a.yml", "persian_round6_b.yml",
           "persian_round7_a.yml", "persian_round7_b.yml", "persian_round8_a.yml", "persian_round8_b.yml",
           "persian_round9_a.yml", "persian_round9_b.yml", "persian_round10_a.yml", "persian_round10_b.yml",
           "persian_round11_a.yml", "persian_round11_b.yml", "persian_round12_a.yml", "persian_round12_b.yml",
           "persian_round13_a.yml", "persian_round13_b.yml", "persian_round14_a.yml", "persian_round14_b.yml",
           "persian_round16_a.yml", "persian_round16_b.yml"),
}
TYPE_ASPECTS: Dict[str, str] = {"contagion": "contagious"}  # the grid's question types named otherwise as aspects
# An asked question's weight against an entry's own example (1.0): chosen with round 5 left out; with rounds 11 to 13
# joined and round 14 left out, 0.5 read round 14 better but broke the old held-out set's guard (docs/nlu-quality.md).
ASKED_WEIGHT = 0.3


def asked_questions(language: str, sets_dir: Path = NLU_SETS) -> Tuple[Tuple[str, str], ...]:
    """(question, aspect) of every typed question of the language's scored grid sets (:data:`ASKED_SETS`).

    Follow-up turns are left out: without their conversation they ask nothing clear.
    """
    import yaml

    asked: List[Tuple[str, str]] = []
    for name in ASKED_SETS.get(language, ()):
        text = (sets_dir / name).read_text(encoding="utf-8")
        for item in (yaml.load(text, Loader=yaml.CSafeLoader) or {}).get("questions") or []:  # noqa: S506 - safe
            kind = item.get("type") if isinstance(item, dict) else None
            if isinstance(kind, str) and kind != "none" and isinstance(item.get("text"), str):
                asked.append((normalise(item["text"]), TYPE_ASPECTS.get(kind, kind)))
    return tuple(asked)


class AspectModel:
    """The classifier of aspects, and the entries' vectors for finding the nearest ones."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon, nlp: Language,
                 asked: Sequence[Tuple[str, str]] = ()) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_union

        texts: List[str] = []
        labels: List[str] = []
        weights: List[float] = []
        for entry in knowledge.entries:
            for doc in entity_docs(nlp, (entry.title, *entry.examples)):
                texts.append(masked(doc, subject_spans(doc, lexicon)))
                labels.append(entry.aspect)
                weights.append(1.0)
        for doc, (_, aspect) in zip(entity_docs(nlp, [text for text, _ in asked]), asked):  # what patients asked
            texts.append(masked(doc, subject_spans(doc, lexicon)))
            labels.append(aspect)
            weights.append(ASKED_WEIGHT)
        for aspect, words in knowledge.aspect_words.items():  # "summer" points to weather whoever asks
            texts += list(words)
            labels += [aspect] * len(words)
            weights += [1.0] * len(words)
        self.entries: Tuple[Entry, ...] = tuple(knowledge.entries)
        self.vectorizer = make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        )
        features = self.vectorizer.fit_transform(texts)
        self.classifier = LogisticRegression(C=20.0, max_iter=3000)
        self.classifier.fit(features, labels, sample_weight=weights)
        self.aspects: List[str] = list(self.classifier.classes_)
        # The fitted parts, for reading a question without the union's per-call machinery (about 4x faster): each
        # part's vectorizer and the regression's coefficients laid out per feature (a row per feature, for a gather).
        self.parts = tuple(part for _name, part in self.vectorizer.transformer_list)
        self.weights = np.ascontiguousarray(self.classifier.coef_.T)
        self.bias = np.asarray(self.classifier.intercept_, dtype=float)
        documents = [" ".join((e.title, *e.examples)).lower() for e in knowledge.entries]
        self.entry_vectors = self.vectorizer.transform(documents)

    def probabilities(self, question: Question) -> Dict[str, float]:
        """The probability of each aspect for the question.

        In a message that tells, then asks, the asking sentences are read when
        they are clearer than the whole: "can vasculitis be cured? my mum's been
        on treatment 6 months" asks about the outlook, not the treatment.
        """
        whole = self._of(question.masked)
        if question.asked_masked is None:
            return whole
        asked = self._of(question.asked_masked)
        return asked if max(asked.values()) >= max(whole.values()) else whole

    def _of(self, masked_text: str) -> Dict[str, float]:
        """The classifier's probabilities for one masked text: ``predict_proba`` written out (a multinomial
        regression's softmax; a two-aspect one's logistic), as ``tests/unit/test_retrieval.py`` checks."""
        import numpy as np

        features = self._features(masked_text)
        scores = features.data @ self.weights[features.indices] + self.bias
        if len(self.aspects) == 2:  # one column: the second aspect's log-odds
            second = 1.0 / (1.0 + np.exp(-scores[0]))
            return dict(zip(self.aspects, (1.0 - second, second)))
        exp = np.exp(scores - scores.max())
        return dict(zip(self.aspects, exp / exp.sum()))

    def _features(self, text: str) -> csr_matrix:
        """The union's features of one text, read part by part (what ``self.vectorizer.transform`` gives)."""
        from scipy.sparse import hstack

        return hstack([part.transform([text]) for part in self.parts], format="csr")

    def similarities(self, question: Question, rows: Optional[Sequence[int]] = None) -> ndarray:
        """How like the question each entry is (only the entries ``rows``, if given)."""
        vectors = self.entry_vectors if rows is None else self.entry_vectors[rows]
        return (vectors @ self._features(question.text.lower()).T).toarray().ravel()

    def nearest(self, question: Question, exclude: Sequence[str] = (), subject: Optional[str] = None) -> Tuple[Entry, ...]:
        """The entries most like the question (those of ``subject`` first)."""
        scores = self.similarities(question)
        order = sorted(range(len(scores)), key=lambda i: (self.entries[i].subject != subject, -scores[i]))
        picked = [self.entries[i] for i in order if self.entries[i].id not in exclude]
        return tuple(picked[:NEAREST])


def _asked(knowledge: Knowledge) -> Tuple[Tuple[str, str], ...]:
    """The asked questions of the knowledge's language whose aspect the knowledge has."""
    return tuple(item for item in asked_questions(knowledge.language) if item[1] in knowledge.aspect_labels)


def aspect_model(knowledge: Knowledge, lexicon: Lexicon, nlp: Language) -> AspectModel:
    """The aspect classifier of ``knowledge``, trained once and kept in ``build/`` for the next process.

    Training takes seconds per language; every server start and every test would pay it. The file
    is named by a digest of everything the training reads (the entries, the aspect words, the words
    of the subjects, the asked sets' bytes, this module's code and the normaliser's and the subject masking's),
    so a changed knowledge, set or code trains again; the sets are parsed only to train. Only the project's own knowledge is kept
    (a test's copy trains in memory).
    """
    if Path(knowledge.path).resolve() != KNOWLEDGE_MANIFEST.resolve():
        return AspectModel(knowledge, lexicon, nlp, _asked(knowledge))
    import sklearn
    import spacy

    sets = [(NLU_SETS / name).read_bytes() for name in ASKED_SETS.get(knowledge.language, ())]  # read, not parsed
    code = [Path(sys.modules[f.__module__].__file__ or "").read_bytes() for f in (AspectModel, normalise, masked)]
    read = (knowledge.language, knowledge.entries, sorted(knowledge.aspect_words.items()), knowledge.entities,
            sorted(knowledge.retrieval.items()), [hashlib.sha256(raw).hexdigest() for raw in (*sets, *code)],
            ASKED_WEIGHT, spacy.__version__, sklearn.__version__)  # not nlp.meta: Rasa's loaded copy names itself otherwise
    digest = hashlib.sha256(repr(read).encode("utf-8")).hexdigest()[:16]
    path = BUILD_DIR / f"aspects-{knowledge.language}-{digest}.pickle"
    try:
        with path.open("rb") as kept:
            model = pickle.load(kept)  # noqa: S301 - our own build file, named by the digest of its inputs
        if isinstance(model, AspectModel) and model.entries == tuple(knowledge.entries):
            return model
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    model = AspectModel(knowledge, lexicon, nlp, _asked(knowledge))
    try:
        BUILD_DIR.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=BUILD_DIR, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(model, out)
        os.replace(name, path)  # whole or not at all: another process may be reading
        for old in BUILD_DIR.glob(f"aspects-{knowledge.language}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # an earlier knowledge's
    except OSError:
        pass  # a read-only checkout trains each time
    return model
