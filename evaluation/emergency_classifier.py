"""The alarm model's corpora, its build, and what it adds to the rules (issue 17 §4).

``python -m evaluation.emergency_classifier --build`` (``make alarm``, a step of ``make run`` and
``make test``) trains :class:`assistant.alarm.AlarmModel` and writes ``build/alarm-model.pickle``. It
learns from the safety corpora of ``evaluation/sets/safety/`` (the red-flag corpora and the tuning
corpora's emergencies and urgent cases are alarms; their mentions and the not-now corpora are quiet)
and from what people ask: the training examples of every intent but ``report_emergency``
(``data/nlu``) and the question sets already scored, quiet. Crisis checks are neither: they get the
rules' gentle check, not an ambulance. The unseen sets already scored once (rounds 4 to 16,
``USED_SAFETY_SETS``) train it too; they are not tuning corpora (the rules' 1.0 bar is not theirs). A fresh set
is never read here until it has been scored.

``python -m evaluation.emergency_classifier FILE``: emergency and urgent recall of the rules alone
and of "rules or model" (as the chat works: the model may add an alarm, never remove one), and the
mentions that stay quiet under each, with the model ``make alarm`` built.

``python -m evaluation.emergency_classifier --leave-one-out``: how the threshold was first fixed. Each
tuning corpus in turn is left out of training and scored, the model alone, at a few thresholds.
``--held-out unseen_round6.yml``: how 0.7 was chosen: that round's safety and question sets left out.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from itertools import chain
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from assistant.alarm import MODEL_FILE, THRESHOLD, AlarmModel, load, save
from assistant.normalise import normalise
from assistant.paths import NLU_SETS, ROOT
from assistant.retrieval.aspects import ASKED_SETS
from assistant.safety import assess
from evaluation.safety_eval import CORPORA, NOT_NOW_CORPORA, RED_FLAG_CORPORA, TUNING_CORPORA, load_not_now, load_red_flags
from evaluation.unseen_eval import cases_of, rules_only

THRESHOLDS = (0.7, 0.8, 0.85, 0.9)

ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)")  # "[lupus](disease)" -> "lupus"
NLU_DIR = ROOT / "data" / "nlu"


def _in_round_order(name: str) -> Tuple[int, bool]:
    """A question set's place: its round (the held-out sets first), English before Persian."""
    found = re.search(r"round(\d+)", name)
    return (int(found.group(1)) if found else 0, name.startswith("persian"))


# Question sets already scored (now tuning sets): what people ask, in their own words, long stories included. The
# same sets the aspect models learn from (one list, ``ASKED_SETS``), in round order.
QUESTION_SETS = tuple(sorted(chain(*ASKED_SETS.values()), key=_in_round_order))
# Unseen safety sets scored once (rounds 4 to 16): the model learns from their cases. They are not tuning corpora:
# the rules do not catch them whole, and the 1.0 bar of the tuning corpora is for the rules alone.
USED_SAFETY_SETS = ("unseen_round4.yml", "persian_unseen_round4.yml", "unseen_round5.yml",
                    "persian_unseen_round5.yml", "unseen_round6.yml", "persian_unseen_round6.yml",
                    "unseen_round7.yml", "persian_unseen_round7.yml", "unseen_round8.yml",
                    "persian_unseen_round8.yml", "unseen_round9.yml", "persian_unseen_round9.yml",
                    "unseen_round10.yml", "persian_unseen_round10.yml", "unseen_round11.yml",
                    "persian_unseen_round11.yml", "unseen_round12.yml", "persian_unseen_round12.yml",
                    "unseen_round13.yml", "persian_unseen_round13.yml", "unseen_round14.yml",
                    "persian_unseen_round14.yml", "unseen_round15.yml", "persian_unseen_round15.yml",
                    "unseen_round16.yml", "persian_unseen_round16.yml")
MODEL_CORPORA = (*TUNING_CORPORA, *USED_SAFETY_SETS)  # what the alarm model learns alarms and mentions from


def everyday_messages(nlu_dir: Path = NLU_DIR) -> List[str]:
    """The training examples of every intent but report_emergency, annotations removed."""
    texts: List[str] = []
    for path in sorted(nlu_dir.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if item.get("intent") and item["intent"] != "report_emergency":
                texts += [ANNOTATION.sub(r"\1", line[2:]) for line in item["examples"].splitlines()
                          if line.startswith("- ")]
    return texts


def asked_questions(names: Iterable[str] = QUESTION_SETS) -> List[str]:
    """The questions and exchange turns of scored question sets, but those asking when to get help urgently
    and those in which the rules hear a red flag happening now (a story may hold one: it is not quiet)."""
    texts: List[str] = []
    for name in names:
        data = yaml.safe_load((NLU_SETS / name).read_text(encoding="utf-8"))
        texts += [q["text"] for q in data.get("questions") or [] if q.get("type") != "urgent"]
        texts += [turn["text"] for exchange in data.get("exchanges") or [] for turn in exchange["turns"]
                  if turn.get("type") != "urgent"]
    return [text for text in texts if not assess(normalise(text)).now]


def training_texts(corpora: Iterable[str] = MODEL_CORPORA,
                   question_sets: Iterable[str] = QUESTION_SETS) -> Tuple[List[str], List[str]]:
    """(alarms, quiet): the red-flag and not-now corpora, the cases of ``corpora`` (the tuning corpora and the used
    unseen sets), everyday messages and the scored ``question_sets``."""
    alarms = [text for name in RED_FLAG_CORPORA for texts in load_red_flags(name).values() for text in texts]
    quiet = [item["text"] for name in NOT_NOW_CORPORA for item in load_not_now(name)] + everyday_messages()
    quiet += asked_questions(question_sets)
    for name in corpora:
        for section, _group, text in cases_of(yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))):
            if section in ("emergency", "urgent"):
                alarms.append(text)
            elif section == "mention":
                quiet.append(text)
    return alarms, quiet


def build(out: Path = MODEL_FILE, corpora: Sequence[str] = MODEL_CORPORA) -> AlarmModel:
    """Train on the corpora and write the model to ``out``."""
    model = AlarmModel(*training_texts(corpora))
    save(model, out)
    return model



def measure(path: Path, model: AlarmModel, threshold: float = THRESHOLD) -> List[str]:
    """Report lines: recall per level and quiet mentions, rules alone and rules or model."""
    cases = cases_of(yaml.safe_load(path.read_text(encoding="utf-8")))
    probabilities = model.probabilities([text for _, _, text in cases])
    lines = [f"{path.name}: {len(cases)} cases, alarm model threshold {threshold}"]
    for section, label in (("emergency", "emergencies caught"), ("urgent", "urgent caught"),
                           ("mention", "mentions without an alarm")):
        rows = [(rules_only(s, t), p >= threshold) for (s, _, t), p in zip(cases, probabilities) if s == section]
        if not rows:
            continue
        rules = sum(ok for ok, _ in rows)
        both = sum((ok and not flagged) if section == "mention" else (ok or flagged) for ok, flagged in rows)
        lines.append(f"  {label}: rules alone {rules}/{len(rows)} = {rules / len(rows):.3f}; "
                     f"rules or model {both}/{len(rows)} = {both / len(rows):.3f}")
    return lines


def leave_one_out(corpora: Sequence[str] = TUNING_CORPORA) -> Dict[Tuple[float, str], Tuple[int, int]]:
    """(threshold, "alarm" or "mention") -> (alarmed, cases), the model alone, each corpus scored unseen: on the
    tuning corpora by default, as the first threshold was fixed (docs/safety.md); ``--held-out`` is how 0.7 was."""
    totals: Dict[Tuple[float, str], Tuple[int, int]] = {}
    for held in corpora:
        model = AlarmModel(*training_texts([name for name in corpora if name != held]))  # questions stay in
        cases = [c for c in cases_of(yaml.safe_load((CORPORA / held).read_text(encoding="utf-8"))) if c[0] != "crisis"]
        for (section, _, _), p in zip(cases, model.probabilities([text for _, _, text in cases])):
            for threshold in THRESHOLDS:
                key = (threshold, "mention" if section == "mention" else "alarm")
                alarmed, total = totals.get(key, (0, 0))
                totals[key] = (alarmed + (p >= threshold), total + 1)
    return totals


def held_out(name: str) -> List[str]:
    """Report lines: the model alone trained without the used unseen set ``name`` and its round's question sets
    (``unseen_round6.yml``: every ``*round6*`` set), scored on them at a few thresholds (how 0.7 was chosen)."""
    round_tag = re.search(r"round\d+", name)
    if name not in USED_SAFETY_SETS or round_tag is None:
        raise ValueError(f"{name}: not one of the used unseen sets {', '.join(USED_SAFETY_SETS)}")
    left_out = [other for other in (*USED_SAFETY_SETS, *QUESTION_SETS) if round_tag.group() in other]
    model = AlarmModel(*training_texts([c for c in MODEL_CORPORA if c not in left_out],
                                       [q for q in QUESTION_SETS if q not in left_out]))
    cases, questions = [], asked_questions([q for q in QUESTION_SETS if q in left_out])
    for safety_set in (s for s in USED_SAFETY_SETS if s in left_out):
        cases += [c for c in cases_of(yaml.safe_load((CORPORA / safety_set).read_text(encoding="utf-8")))
                  if c[0] != "crisis"]
    alarms = model.probabilities([text for section, _, text in cases if section != "mention"])
    mentions = model.probabilities([text for section, _, text in cases if section == "mention"])
    everyday = model.probabilities(questions)
    return [f"left out {', '.join(left_out)}; the model alone at {threshold}: alarms caught "
            f"{sum(p >= threshold for p in alarms)}/{len(alarms)}, mentions alarmed {sum(p >= threshold for p in mentions)}"
            f"/{len(mentions)}, questions alarmed {sum(p >= threshold for p in everyday)}/{len(everyday)}"
            for threshold in (0.5, 0.6, *THRESHOLDS)]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?")
    parser.add_argument("--leave-one-out", action="store_true", help="fix the threshold on the tuning corpora")
    parser.add_argument("--held-out", metavar="SET", help="a used unseen set and its round left out of training")
    parser.add_argument("--build", action="store_true", help="train the alarm model and write it (make alarm)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where --build writes the model")
    args = parser.parse_args(argv)
    if args.build:
        started = time.monotonic()
        print(f"training the alarm model on {len(TUNING_CORPORA)} tuning corpora, {len(USED_SAFETY_SETS)} used unseen sets "
              "and what people ask...", flush=True)
        alarms, quiet = build(args.out).trained_on
        print(f"{args.out}: {alarms} alarms, {quiet} quiet messages, {time.monotonic() - started:.0f} s")
        return 0
    if args.leave_one_out:
        for (threshold, kind), (alarmed, total) in sorted(leave_one_out().items()):
            print(f"threshold {threshold}: {kind}s alarmed {alarmed}/{total} = {alarmed / total:.3f}")
        return 0
    if args.held_out:
        print("\n".join(held_out(args.held_out)))
        return 0
    if args.file is None:
        parser.error("a safety set, --build, --held-out or --leave-one-out")
    print("\n".join(measure(args.file, load(MODEL_FILE))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
