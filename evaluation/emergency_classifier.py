"""A dedicated emergency classifier beside the rules (issue 17 §4): measured, not deployed.

``python -m evaluation.emergency_classifier FILE``

Word and character n-grams with logistic regression, trained on every tuning corpus of
``evaluation/sets/safety/`` (emergencies, urgent cases and crisis checks against mentions and
not-now messages) and on the training examples of every other intent (``data/nlu``: what most
people send). In the chat it could only add an alarm, never remove one, so the measure on a set is
what it adds to the rules: emergency recall of the rules alone and of "rules or classifier", and
the mentions that stay quiet under each. The threshold was fixed on the tuning corpora, leaving
one corpus out at a time, before any fresh set was scored.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

import yaml

from assistant.normalise import normalise
from assistant.paths import ROOT
from evaluation.safety_eval import CORPORA, NOT_NOW_CORPORA, RED_FLAG_CORPORA, TUNING_CORPORA, load_not_now, load_red_flags
from evaluation.unseen_eval import _cases, rules_only

THRESHOLD = 0.85  # leave-one-corpus-out on the tuning corpora: about 2 points of quiet mentions lost at most
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)")  # "[lupus](disease)" -> "lupus"

Scorer = Callable[[Sequence[str]], List[float]]


def everyday_messages(nlu_dir: Path = ROOT / "data" / "nlu") -> List[str]:
    """The training examples of every intent but report_emergency, annotations removed."""
    texts: List[str] = []
    for path in sorted(nlu_dir.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if item.get("intent") and item["intent"] != "report_emergency":
                texts += [ANNOTATION.sub(r"\1", line[2:]) for line in item["examples"].splitlines()
                          if line.startswith("- ")]
    return texts


def training_texts(corpora: Iterable[str] = TUNING_CORPORA) -> Tuple[List[str], List[str]]:
    """(alarms, quiet): the tuning corpora's cases, the red-flag and not-now corpora, everyday messages."""
    alarms = [text for name in RED_FLAG_CORPORA for texts in load_red_flags(name).values() for text in texts]
    quiet = [item["text"] for name in NOT_NOW_CORPORA for item in load_not_now(name)] + everyday_messages()
    for name in corpora:
        for section, _group, text in _cases(yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))):
            (quiet if section == "mention" else alarms).append(text)
    return [normalise(t) for t in alarms], [normalise(t) for t in quiet]


def train(alarms: Sequence[str], quiet: Sequence[str]) -> Scorer:
    """The classifier's probability of an alarm, per text."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_union

    vectorizer = make_union(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
                            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))
    features = vectorizer.fit_transform([*alarms, *quiet])
    model = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced")
    model.fit(features, [1] * len(alarms) + [0] * len(quiet))
    return lambda texts: list(model.predict_proba(vectorizer.transform([normalise(t) for t in texts]))[:, 1])


def measure(path: Path, scorer: Scorer, threshold: float = THRESHOLD) -> List[str]:
    """Report lines: emergency recall and quiet mentions, rules alone and rules or classifier."""
    cases = _cases(yaml.safe_load(path.read_text(encoding="utf-8")))
    probabilities = scorer([text for _, _, text in cases])
    lines = [f"{path.name}: {len(cases)} cases, classifier threshold {threshold}"]
    for section, label in (("emergency", "emergencies caught"), ("urgent", "urgent caught"),
                           ("mention", "mentions without an alarm")):
        rows = [(rules_only(s, t), p >= threshold) for (s, _, t), p in zip(cases, probabilities) if s == section]
        if not rows:
            continue
        rules = sum(ok for ok, _ in rows)
        both = sum((ok and not flagged) if section == "mention" else (ok or flagged) for ok, flagged in rows)
        lines.append(f"  {label}: rules alone {rules}/{len(rows)} = {rules / len(rows):.3f}; "
                     f"rules or classifier {both}/{len(rows)} = {both / len(rows):.3f}")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    print("\n".join(measure(args.file, train(*training_texts()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
