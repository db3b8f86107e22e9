"""A second reading of emergencies beside the rules: word and character n-grams with logistic regression.

Issue 17 §4. The rules (:mod:`assistant.safety`) decide what is an emergency and what is only
mentioned; this model may add an alarm the rules did not raise, never remove one. It is trained by
``make alarm`` (``python -m evaluation.emergency_classifier --build``, run before ``make run`` and
``make test``) on the safety corpora (emergencies and urgent cases against mentions and not-now
messages) and on what people ask, and kept in ``build/alarm-model.pickle``. The NLU's
:class:`components.red_flag_router.RedFlagRouter` loads it once, by path.

Features are hashed (no vocabulary held in memory), so the model is a few megabytes whatever the
corpora grow to.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, List, Sequence

from assistant.normalise import normalise
from assistant.paths import BUILD_DIR

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

MODEL_FILE = BUILD_DIR / "alarm-model.pickle"
THRESHOLD = 0.7
"""The lowest of 0.7, 0.8, 0.85, 0.9 at which the model alone alarms on at most 2 % of the mentions it never saw.
First fixed at 0.8 on the tuning corpora, leaving one out at a time (``--leave-one-out``); since the used unseen
sets train it too, chosen with round 6 left out (``python -m evaluation.emergency_classifier --held-out
unseen_round6.yml``): at 0.7 the model alone caught 516 of round 6's 543 alarms (497 at 0.8) and alarmed on
1 of its 260 mentions and 1 of 1,175 everyday questions, as at 0.8 (``docs/safety.md``)."""
WORD_FEATURES, CHAR_FEATURES = 2 ** 16, 2 ** 18


class AlarmModel:
    """The probability that a message is an emergency or an urgent case happening now."""

    def __init__(self, alarms: Sequence[str], quiet: Sequence[str]) -> None:
        """Train on ``alarms`` (emergencies, urgent cases) against ``quiet`` (mentions, everyday messages)."""
        if not alarms or not quiet:
            raise ValueError("the alarm model needs both alarms and quiet messages to learn from")
        self.pipeline = _pipeline()
        texts = [normalise(text) for text in (*alarms, *quiet)]
        self.pipeline.fit(texts, [1] * len(alarms) + [0] * len(quiet))
        self.trained_on = (len(alarms), len(quiet))
        # The fitted parts, for scoring a message without the pipeline's per-call checks (about 5x faster):
        # each part's hasher, its idf weights and its slice of the regression's coefficients.
        union, regression = self.pipeline.steps[0][1], self.pipeline.steps[-1][1]
        coefficients, start = regression.coef_[0], 0
        self.parts = []
        for _name, part in union.transformer_list:
            hasher, tfidf = part.steps[0][1], part.steps[1][1]
            self.parts.append((hasher, tfidf.idf_, coefficients[start:start + hasher.n_features]))
            start += hasher.n_features
        self.intercept = float(regression.intercept_[0])

    def probabilities(self, texts: Sequence[str]) -> List[float]:
        """The probability of an alarm for each text (read as :func:`assistant.normalise.normalise` reads it).

        The pipeline's own arithmetic, written out: counts hashed, 1 + log, times idf, each part scaled to unit
        length, then the regression (``tests/unit/test_alarm.py`` checks it gives the pipeline's figures).
        """
        import numpy as np

        if not texts:
            return []
        texts = [normalise(text) for text in texts]
        scores = np.full(len(texts), self.intercept)
        for hasher, idf, weights in self.parts:
            counts = hasher.transform(texts).tocsr()
            counts.data = (np.log(counts.data) + 1.0) * idf[counts.indices]
            lengths = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
            lengths[lengths == 0] = 1.0
            scores += np.asarray(counts @ weights).ravel() / lengths
        return [float(p) for p in 1.0 / (1.0 + np.exp(-scores))]

    def probability(self, text: str) -> float:
        """The probability of an alarm for one text."""
        return self.probabilities([text])[0] if text.strip() else 0.0

    def alarms(self, text: str, threshold: float = THRESHOLD) -> bool:
        """Whether the model alone would raise an alarm for ``text``."""
        return self.probability(text) >= threshold


def _pipeline() -> Pipeline:
    """Hashed word 1-2-grams and character 2-5-grams, TF-IDF weighted, into a balanced logistic regression."""
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    def hashed(analyzer: str, ngrams: tuple, features: int) -> Pipeline:
        vectorizer = HashingVectorizer(analyzer=analyzer, ngram_range=ngrams, n_features=features,
                                       alternate_sign=False, norm=None)
        return make_pipeline(vectorizer, TfidfTransformer(sublinear_tf=True))

    features = make_union(hashed("word", (1, 2), WORD_FEATURES), hashed("char_wb", (2, 5), CHAR_FEATURES))
    return make_pipeline(features, LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced"))


def save(model: AlarmModel, path: Path = MODEL_FILE) -> None:
    """Write the model whole or not at all: a server may be reading the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(model, out)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def load(path: Path = MODEL_FILE) -> AlarmModel:
    """The model kept in ``path``; a clear error naming the file and the command when it is missing or unreadable."""
    try:
        with path.open("rb") as kept:
            model = pickle.load(kept)  # noqa: S301 - our own build file (make alarm)
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: the alarm model is missing; build it with `make alarm`") from None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        raise RuntimeError(f"{path}: the alarm model cannot be read ({error}); build it again with `make alarm`") from error
    if not isinstance(model, AlarmModel):
        raise RuntimeError(f"{path}: not an alarm model; build it again with `make alarm`")
    return model
