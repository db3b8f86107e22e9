"""Measure the NLU: intent macro-F1 and entity F1.

``python -m evaluation.nlu_eval heldout [--model PATH]``
    on ``evaluation/sets/nlu/heldout.yml`` (written before tuning, never trained on);
``python -m evaluation.nlu_eval cv [--folds 5]``
    by stratified k-fold cross-validation on ``data/nlu`` (trains k NLU models).

Entity F1 is micro-F1 over (entity, canonical value) pairs per message, so
"SLE" counts as right only when it comes out as ``disease=lupus``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from assistant.paths import MODEL as DEFAULT_MODEL
from assistant.paths import NLU_SETS, ROOT

HELDOUT = NLU_SETS / "heldout.yml"

EntityPair = Tuple[str, str]


@dataclass(frozen=True)
class Example:
    """A labelled message."""

    text: str
    intent: str
    entities: Tuple[EntityPair, ...] = ()


@dataclass(frozen=True)
class Prediction:
    """What the NLU made of a message."""

    intent: str
    entities: Tuple[EntityPair, ...]


@dataclass(frozen=True)
class Scores:
    """The figures of one evaluation."""

    intent_macro_f1: float
    entity_f1: Optional[float]
    per_intent_f1: Dict[str, float]
    errors: List[Tuple[Example, Prediction]]
    n: int


def load_heldout(path: Path = HELDOUT) -> List[Example]:
    """Read the held-out file (``examples: [{text, intent, entities}]``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = []
    for item in data["examples"]:
        pairs: List[EntityPair] = []
        for name, values in (item.get("entities") or {}).items():
            for value in values if isinstance(values, list) else [values]:
                pairs.append((name, value))
        examples.append(Example(item["text"], item["intent"], tuple(sorted(set(pairs)))))
    return examples


def score(examples: Sequence[Example], predictions: Sequence[Prediction], with_entities: bool = True) -> Scores:
    """Intent macro-F1 over the gold intents, entity micro-F1 over pairs."""
    from sklearn.metrics import f1_score

    gold = [e.intent for e in examples]
    pred = [p.intent for p in predictions]
    labels = sorted(set(gold))
    per_intent = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    tp = fp = fn = 0
    for example, prediction in zip(examples, predictions):
        g, p = Counter(example.entities), Counter(prediction.entities)
        common = sum((g & p).values())
        tp += common
        fp += sum(p.values()) - common
        fn += sum(g.values()) - common
    entity_f1 = (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0) if with_entities else None
    errors = [
        (e, p)
        for e, p in zip(examples, predictions)
        if e.intent != p.intent or (with_entities and Counter(e.entities) != Counter(p.entities))
    ]
    return Scores(
        intent_macro_f1=float(sum(per_intent) / len(labels)),
        entity_f1=entity_f1,
        per_intent_f1=dict(zip(labels, map(float, per_intent))),
        errors=errors,
        n=len(examples),
    )


def _prediction(parsed: Dict) -> Prediction:
    entities = tuple(sorted({(e["entity"], str(e["value"])) for e in parsed.get("entities") or []}))
    return Prediction((parsed.get("intent") or {}).get("name") or "", entities)


async def _predict_all(model_path: Path, texts: Iterable[str]) -> List[Prediction]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa's debug log would print every message's text
    agent = Agent.load(str(model_path))
    return [_prediction(await agent.parse_message(text)) for text in texts]


def predict(model_path: Path, texts: Iterable[str]) -> List[Prediction]:
    """Parse every text with the trained model."""
    return asyncio.run(_predict_all(model_path, list(texts)))


def evaluate_heldout(model_path: Path = DEFAULT_MODEL, path: Path = HELDOUT) -> Scores:
    """Scores of the trained model on the held-out file."""
    examples = load_heldout(path)
    return score(examples, predict(model_path, [e.text for e in examples]))


def _training_examples(nlu_dir: Path) -> List[Example]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(nlu_dir))
    return [Example(m.get("text"), m.get("intent")) for m in data.intent_examples]


def _write_nlu(examples: Sequence[Example], path: Path) -> None:
    by_intent: Dict[str, List[str]] = {}
    for example in examples:
        by_intent.setdefault(example.intent, []).append(example.text)
    nlu = [
        {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
        for intent, texts in by_intent.items()
    ]
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": nlu}, allow_unicode=True, width=10_000), encoding="utf-8")


def cross_validate(folds: int = 5, config: Path = ROOT / "config.yml", nlu_dir: Path = ROOT / "data" / "nlu") -> Scores:
    """Stratified k-fold: train an NLU model per fold, score its held-back part."""
    from rasa.model_training import train_nlu
    from sklearn.model_selection import StratifiedKFold

    examples = _training_examples(nlu_dir)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=42)
    gold: List[Example] = []
    predictions: List[Prediction] = []
    with tempfile.TemporaryDirectory() as tmp:
        for fold, (train_idx, test_idx) in enumerate(splitter.split(examples, [e.intent for e in examples]), 1):
            print(f"fold {fold}/{folds}: training on {len(train_idx)}, testing on {len(test_idx)}", flush=True)
            train_file = Path(tmp) / f"fold{fold}.yml"
            _write_nlu([examples[i] for i in train_idx], train_file)
            started = time.monotonic()
            model = train_nlu(str(config), str(train_file), output=str(Path(tmp) / f"model{fold}"), fixed_model_name="fold")
            print(f"fold {fold}/{folds}: trained in {time.monotonic() - started:.0f} s", flush=True)
            test = [examples[i] for i in test_idx]
            predicted = predict(Path(model), [e.text for e in test])
            accuracy = sum(p.intent == e.intent for p, e in zip(predicted, test)) / len(test)
            print(f"fold {fold}/{folds}: intent accuracy {accuracy:.3f}", flush=True)
            gold.extend(test)
            predictions.extend(predicted)
    return score(gold, predictions, with_entities=False)


def report(title: str, scores: Scores, show_errors: int = 40) -> None:
    """Print the figures and the first errors."""
    print(f"\n== {title}: {scores.n} messages")
    print(f"intent macro-F1: {scores.intent_macro_f1:.3f}")
    if scores.entity_f1 is None:
        print("entity F1: n/a (the training data carries no entity labels: entities come from rules, not training)")
    else:
        print(f"entity F1:       {scores.entity_f1:.3f}")
    for intent, f1 in sorted(scores.per_intent_f1.items(), key=lambda kv: kv[1]):
        print(f"  {f1:.3f}  {intent}")
    for example, prediction in scores.errors[:show_errors]:
        gold, got = f"{example.intent} {list(example.entities)}", f"{prediction.intent} {list(prediction.entities)}"
        print(f"  x {example.text!r}: {gold} -> {got}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: ``heldout`` or ``cv``."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    held = sub.add_parser("heldout", help="score the trained model on evaluation/sets/nlu/heldout.yml")
    held.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    cv = sub.add_parser("cv", help="k-fold cross-validation on data/nlu")
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--config", type=Path, default=ROOT / "config.yml", help="the pipeline to cross-validate")
    args = parser.parse_args(argv)
    if args.command == "heldout":
        if not args.model.exists():
            print(f"no model at {args.model}: run `make train` first", file=sys.stderr)
            return 1
        report("held-out set", evaluate_heldout(args.model))
    else:
        report(f"{args.folds}-fold cross-validation of {args.config.name}", cross_validate(args.folds, args.config))
    return 0


if __name__ == "__main__":
    sys.exit(main())
