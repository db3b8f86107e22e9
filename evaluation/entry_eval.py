"""Measure how well questions find their entry (issue 10's bars), on a question set of evaluation/sets/nlu/.

``python -m evaluation.entry_eval [dev|dev2|dev3|dev4|dev5|heldout|heldout2] [--assistant] [--errors]``: top-1
correct entry, confidently wrong (an entry answered that is not the asked
one), honest unknowns, for single questions and for the turns of multi-turn
exchanges (the subject carried over as the chat carries it). By default the
knowledge layer's retrieval alone; ``--assistant`` runs the trained model and
the actions, as the chat does.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import yaml

from assistant.paths import NLU_SETS

SETS = {
    "dev": NLU_SETS / "entries_dev.yml",
    "dev2": NLU_SETS / "entries_dev2.yml",
    "dev3": NLU_SETS / "entries_dev3.yml",
    "dev4": NLU_SETS / "entries_dev4.yml",
    "dev5": NLU_SETS / "entries_dev5.yml",
    "heldout": NLU_SETS / "entries_heldout.yml",
    "heldout2": NLU_SETS / "entries_heldout2.yml",
}
HELD_OUT = ("heldout", "heldout2")
# The entries the sets were labelled against (issue 10): a question labelled "unknown" then and answered
# now by an entry added later (Sjögren's, shared answers on contagion, vaccines...) is counted apart.
ENTRIES_WHEN_LABELLED = frozenset((NLU_SETS / "entries_when_labelled.txt").read_text(encoding="utf-8").split())
UNKNOWN = "unknown"
# One turn: (question, context so far) -> (entry id or None, context after the turn)
Context = Dict[str, Optional[str]]
Answerer = Callable[[str, Context], Tuple[Optional[str], Context]]


@dataclass
class Score:
    """Counts over one question set."""

    answerable: int = 0
    correct: int = 0
    unknowns: int = 0
    honest: int = 0
    wrong: int = 0
    total: int = 0
    errors: List[Tuple[str, str, str]] = field(default_factory=list)

    newly_covered: int = 0  # "unknown" when labelled, answered now by an entry added since (not scored)

    def add(self, text: str, expected: str, got: Optional[str]) -> None:
        if expected == UNKNOWN and got is not None and got not in ENTRIES_WHEN_LABELLED:
            self.newly_covered += 1  # the knowledge grew (issue 18's grid): the label, not the answer, is stale
            return
        self.total += 1
        if expected == UNKNOWN:
            self.unknowns += 1
            self.honest += got is None
        else:
            self.answerable += 1
            self.correct += got == expected
        if got is not None and got != expected:
            self.wrong += 1
        if got != expected and not (expected == UNKNOWN and got is None):
            self.errors.append((text, expected, got or "-"))

    @property
    def top1(self) -> float:
        return self.correct / self.answerable if self.answerable else 1.0

    @property
    def confidently_wrong(self) -> float:
        return self.wrong / self.total if self.total else 0.0

    @property
    def honest_unknown(self) -> float:
        return self.honest / self.unknowns if self.unknowns else 1.0


def load(name: str) -> Dict[str, list]:
    """A question set: ``questions`` and ``exchanges``."""
    return yaml.safe_load(SETS[name].read_text(encoding="utf-8"))


def score(data: Dict[str, list], answer: Answerer) -> Tuple[Score, Score]:
    """Scores for the single questions and for the exchanges' turns."""
    single, turns = Score(), Score()
    for item in data.get("questions", []):
        got, _ = answer(item["text"], {})
        single.add(item["text"], item["entry"], got)
    for exchange in data.get("exchanges", []):
        context: Context = {}
        for turn in exchange["turns"]:
            got, context = answer(turn["text"], context)
            turns.add(turn["text"], turn["entry"], got)
    return single, turns


def retrieval_answerer() -> Answerer:
    """The knowledge layer's choice alone."""
    from assistant.knowledge import get_knowledge
    from assistant.nlp import get_pipeline
    from assistant.retrieval import get_finder

    finder = get_finder(get_knowledge(), get_pipeline())

    def answer(text: str, context: Context) -> Tuple[Optional[str], Context]:
        choice = finder.choose(finder.read(text), context.get("subject"), context.get("entry"))
        found = choice.entry.id if choice.entry else None
        return found, {"subject": choice.subject or context.get("subject"), "entry": found or context.get("entry")}

    return answer


def assistant_answerer() -> Answerer:
    """The trained model and the actions, in-process: which entry's answer opens the reply."""
    from assistant.knowledge import get_knowledge
    from tools.ask import Asker

    asker = Asker()
    entries = get_knowledge().entries

    def answer(text: str, context: Context) -> Tuple[Optional[str], Context]:
        slots = {"subject": context.get("subject"), "last_entry": context.get("entry")}
        messages, after = asker.turn(text, slots)
        first = messages[0].get("text", "") if messages else ""
        found = next((e.id for e in entries if first.startswith(e.answer)), None)
        return found, {"subject": after.get("subject"), "entry": after.get("last_entry")}

    return answer


def combined(single: Score, turns: Score) -> Score:
    """The counts of single questions and exchange turns together (without the error list)."""
    return Score(single.answerable + turns.answerable, single.correct + turns.correct, single.unknowns + turns.unknowns,
                 single.honest + turns.honest, single.wrong + turns.wrong, single.total + turns.total,
                 newly_covered=single.newly_covered + turns.newly_covered)


def report(name: str, single: Score, turns: Score) -> str:
    """The figures as Markdown lines."""
    both = combined(single, turns)
    lines = [f"| {name} | questions | turns of exchanges | all |", "|---|---|---|---|"]
    for label, get in (("correct entry, top 1", lambda s: s.top1), ("confidently wrong", lambda s: s.confidently_wrong),
                       ("honest unknown", lambda s: s.honest_unknown)):
        lines.append(f"| {label} | {get(single):.3f} | {get(turns):.3f} | {get(both):.3f} |")
    lines.append(f"| messages | {single.total} ({single.unknowns} not covered) | {turns.total} | {both.total} |")
    lines.append(f"| labelled unknown, answered by a newer entry (not scored) | {single.newly_covered} | "
                 f"{turns.newly_covered} | {both.newly_covered} |")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m evaluation.entry_eval", description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(SETS), nargs="?", default="dev")
    parser.add_argument("--assistant", action="store_true", help="the whole assistant, not the retrieval alone")
    parser.add_argument("--errors", action="store_true", help="list the misses (dev sets only: the held-out sets stay unread)")
    args = parser.parse_args(argv)
    answer = assistant_answerer() if args.assistant else retrieval_answerer()
    single, turns = score(load(args.set), answer)
    print(report(args.set, single, turns))
    if args.errors and args.set not in HELD_OUT:
        for text, expected, got in single.errors + turns.errors:
            print(f"expected {expected:38} got {got:38} | {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
