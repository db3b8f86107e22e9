"""Measure the red-flag rules on the held-out safety corpora (evaluation/sets/safety/).

``python -m evaluation.safety_eval`` prints, for each corpus, the rules-only
recall by group (the intent classifier switched off: only the knowledge
file's phrases, patterns and cues) and how often a not-now mention would get
the alarm first. ``--assistant`` also runs the trained model, as the chat
does, on the not-now messages. ``--write`` puts the figures in docs/safety.md.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import yaml

from assistant.knowledge import Knowledge, get_knowledge
from assistant.normalise import normalise
from assistant.paths import DOCS_DIR, SAFETY_SETS
from assistant.replies import safety_openings
from assistant.safety import assess

CORPORA = SAFETY_SETS
RED_FLAG_CORPORA = ("red_flags.yml", "red_flags_fresh.yml")
NOT_NOW_CORPORA = ("not_now.yml", "not_now_fresh.yml")
# The tuning corpora: each holds emergencies and urgent cases by group, crisis checks and mentions. Issue 17's
# two, and the sets scored once (unseen_issue17, persian_unseen, the round-2 and round-3 sets) that
# became tuning sets after, with issue 19's.
TUNING_CORPORA = ("tuning_fast_relatives.yml", "tuning_stories_elderly.yml", "unseen_issue17.yml",
                  "persian_unseen.yml", "tuning_persian.yml", "persian_unseen_round2.yml",
                  "unseen_round2.yml", "unseen_round3.yml", "persian_unseen_round3.yml")
TUNING_SECTIONS = (("emergencies", "emergency"), ("urgent", "urgent"))
# each opens with a crisis text: a crisis check is caught by any
CRISIS_GROUPS = {"suicide", "suicidal_thoughts", "death_thoughts", "crisis_check"}
DOC = DOCS_DIR / "safety.md"
BEGIN, END = "<!-- safety figures: begin -->", "<!-- safety figures: end -->"
LEVEL_RANK = {None: 0, "urgent": 1, "emergency": 2}


def load_red_flags(name: str) -> Dict[str, List[str]]:
    """Group id -> messages of a red-flag corpus."""
    return yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))["groups"]


def load_not_now(name: str) -> List[Dict[str, str]]:
    """The messages of a not-now corpus: text, kind, group (a tuning corpus: its ``not_now`` or ``mentions`` part)."""
    data = yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))
    for key in ("messages", "not_now", "mentions"):
        if key in data:
            return data[key]
    raise KeyError(f"{name}: no messages, not_now or mentions")


def load_tuning(name: str) -> Dict[str, object]:
    """A tuning corpus: ``emergencies`` and ``urgent`` (group -> messages), ``crisis_check``, ``not_now``."""
    return yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))


@dataclass
class GroupRecall:
    """Rules-only recall of one group: caught at its level or higher, and caught as that group."""

    group: str
    level: str
    total: int = 0
    caught: int = 0
    same_group: int = 0
    missed: List[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.total if self.total else 1.0


def red_flag_recall(
    corpus: Dict[str, List[str]], knowledge: Knowledge, level: Optional[str] = None
) -> List[GroupRecall]:
    """For each group: how many of its messages the rules alone send to help at its level or higher.

    ``level``: the level every group of the corpus must reach (a tuning corpus's section), else the group's own.
    """
    levels = {flag.id: flag.level for flag in knowledge.red_flags}
    results = []
    for group, messages in corpus.items():
        result = GroupRecall(group, level or levels[group])
        for text in messages:
            assessment = assess(normalise(text), knowledge)
            result.total += 1
            if LEVEL_RANK[assessment.level] >= LEVEL_RANK[result.level]:
                result.caught += 1
            else:
                result.missed.append(text)
            result.same_group += group in {flag.id for flag in assessment.now}
        results.append(result)
    return results


def crisis_checks(messages: Sequence[str], knowledge: Knowledge) -> Tuple[int, List[str]]:
    """How many of ``messages`` get the crisis text (suicide or the crisis check) first, and which do not."""
    missed = [text for text in messages
              if not CRISIS_GROUPS & {flag.id for flag in assess(normalise(text), knowledge).now}]
    return len(messages) - len(missed), missed


def tuning_results(name: str, knowledge: Knowledge) -> List[Tuple[str, List[GroupRecall]]]:
    """A tuning corpus's emergencies and urgent cases, each part scored at its own level."""
    corpus = load_tuning(name)
    return [(section, red_flag_recall(corpus.get(section) or {}, knowledge, level)) for section, level in TUNING_SECTIONS]


def overall(results: Sequence[GroupRecall]) -> float:
    """Recall over all messages of a corpus."""
    total = sum(r.total for r in results)
    return sum(r.caught for r in results) / total if total else 1.0


def not_now_alarms(messages: Sequence[Dict[str, str]], alarmed: Callable[[str], bool]) -> Tuple[int, List[str]]:
    """How many not-now messages ``alarmed`` says get the alarm first, and which."""
    hits = [m["text"] for m in messages if alarmed(m["text"])]
    return len(hits), hits


def rules_alarm(knowledge: Knowledge) -> Callable[[str], bool]:
    """The rules alone: an alarm when anything is happening now (or unclear)."""
    return lambda text: assess(normalise(text), knowledge).level is not None


def assistant_alarm() -> Callable[[str], bool]:
    """The whole assistant, as the chat runs it: does its first reply open with a safety level?"""
    from tools.ask import Asker

    asker = Asker()
    knowledge = get_knowledge()
    openings = safety_openings(knowledge)
    return lambda text: any(m.get("text", "").startswith(openings) for m in asker.ask(text)[:1])


def report(knowledge: Knowledge, with_assistant: bool) -> str:
    """The figures as Markdown."""
    number = knowledge.emergency.emergency_number
    lines = [f"Measured with the knowledge file's rules only (no classifier); emergency number {number}.", ""]
    for name in RED_FLAG_CORPORA:
        results = red_flag_recall(load_red_flags(name), knowledge)
        total = sum(r.total for r in results)
        lines += [f"**{name}** ({total} messages): rules-only recall **{overall(results):.3f}**", "",
                  "| group | level | messages | caught at its level | recall | named as that group |",
                  "|---|---|---|---|---|---|"]
        for r in results:
            lines.append(f"| {r.group} | {r.level} | {r.total} | {r.caught} | {r.recall:.2f} | {r.same_group} |")
        lines.append("")
    lines += tuning_report(knowledge)
    alarms: List[Tuple[str, Callable[[str], bool]]] = [("rules only", rules_alarm(knowledge))]
    if with_assistant:
        alarms.append(("whole assistant (trained model + actions)", assistant_alarm()))
    for name in (*NOT_NOW_CORPORA, *TUNING_CORPORA):
        messages = load_not_now(name)
        for label, alarmed in alarms:
            count, _ = not_now_alarms(messages, alarmed)
            lines.append(f"**{name}** ({len(messages)} mentions that are not emergencies now), {label}: "
                         f"alarm first in {count} ({count / len(messages):.1%})")
        lines.append("")
    return "\n".join(lines)


def tuning_report(knowledge: Knowledge) -> List[str]:
    """The tuning corpora's recall per part and group (one line per corpus part), and their crisis checks."""
    lines = []
    for name in TUNING_CORPORA:
        for section, results in tuning_results(name, knowledge):
            groups = ", ".join(f"{r.group} {r.caught}/{r.total}" for r in results if r.caught < r.total) or "none"
            lines.append(f"**{name}** {section} ({sum(r.total for r in results)} messages): rules-only recall "
                         f"**{overall(results):.3f}** (missed: {groups})")
        caught, _ = crisis_checks(load_tuning(name).get("crisis_check") or [], knowledge)
        total = len(load_tuning(name).get("crisis_check") or [])
        lines += [f"**{name}** crisis checks: {caught} of {total} get the crisis text first", ""]
    return lines


def write_figures(text: str, doc: Path = DOC) -> None:
    """Replace the figures between the markers of docs/safety.md."""
    body = doc.read_text(encoding="utf-8")
    start, end = body.index(BEGIN) + len(BEGIN), body.index(END)
    doc.write_text(body[:start] + "\n" + text + "\n" + body[end:], encoding="utf-8")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(prog="python -m evaluation.safety_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--assistant", action="store_true", help="also run the trained model on the not-now corpora")
    parser.add_argument("--write", action="store_true", help="write the figures into docs/safety.md")
    parser.add_argument("--missed", action="store_true", help="print the messages the rules missed")
    args = parser.parse_args(argv)
    knowledge = get_knowledge()
    text = report(knowledge, args.assistant)
    print(text)
    if args.missed:
        for name in RED_FLAG_CORPORA[:1]:
            for r in red_flag_recall(load_red_flags(name), knowledge):
                for message in r.missed:
                    print(f"MISSED {r.group}: {message}")
        for name in TUNING_CORPORA:
            for section, results in tuning_results(name, knowledge):
                for r in results:
                    for message in r.missed:
                        print(f"MISSED {section} {r.group}: {message}")
            for message in crisis_checks(load_tuning(name).get("crisis_check") or [], knowledge)[1]:
                print(f"MISSED crisis_check: {message}")
        for name in (*NOT_NOW_CORPORA, *TUNING_CORPORA):
            for message in not_now_alarms(load_not_now(name), rules_alarm(knowledge))[1]:
                print(f"ALARM {name}: {message}")
    if args.write:
        write_figures(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
