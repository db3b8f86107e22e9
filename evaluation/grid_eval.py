"""Does the answer address the question? Scored on question sets written from the coverage grid (issues 18, 19).

``python -m evaluation.grid_eval grid|persian|PATH [--model PATH]``

Each question of ``grid_heldout.yml`` / ``persian_heldout.yml`` names a condition and a question
type ("is lupus contagious?": lupus, contagion), or is out of scope, or small talk; the follow-up
exchanges carry the conversation from turn to turn. The whole assistant answers (the trained
model picks the action, the action runs in-process: ``tools.ask.Asker``), and a reply counts as
addressing the question when:

* a typed question: the entry it answered is one the coverage grid gives the condition (its own, a
  shared entry that covers it, or for a pain type a general entry: ``subject_entries``, the rule of
  ``docs/grid.md``; Behçet's and giant cell arteritis are vasculitis) and answers the type's aspect;
  "what is X" is also answered by X's overview topic;
* a question of the type "urgent" (when to get help urgently) that describes a red flag happening now (the
  red-flag rules alone find one) is also answered when the reply opens with the emergency or urgent text: "my
  father has GCA and woke up with double vision, is that an emergency?" is answered by "call 115 now". A general
  question ("when should I go to A&E with lupus?") still needs its entry: an alarm there is no answer. Counted so
  since round 11 (docs/nlu-quality.md gives both figures);
* out of scope: no entry answered it;
* small talk: the intent is the expected one and no entry answered it.

Written before tuning by separate authors; scored once at the end of each issue, totals only.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from assistant.paths import MODEL as DEFAULT_MODEL
from assistant.paths import NLU_SETS
from assistant.retrieval.subjects import subject_entries

ALARM_LEVELS = ("emergency", "unclear", "urgent")  # the levels whose text answers "is that an emergency?"
CRISIS_CHECK = "crisis_check"  # the gentle crisis check's own opening is no answer to it
SETS = {"grid": NLU_SETS / "grid_heldout.yml", "persian": NLU_SETS / "persian_heldout.yml"}
# The question types of the grid, as the aspects that answer them.
TYPE_ASPECTS: Dict[str, Tuple[str, ...]] = {
    "contagion": ("contagious",), "flares": ("flares", "triggers"), "causes": ("causes", "triggers"),
}
# The sets' small-talk labels (each author chose their own words), as the assistant's intents.
SMALL_TALK_INTENTS: Dict[str, str] = {
    "greeting": "greet", "thanks": "thank", "who_made_you": "bot_challenge", "identity": "bot_challenge",
    "insult": "complain",
}
# The grid's conditions, as the subjects of the knowledge.
CONDITION_SUBJECTS: Dict[str, Tuple[str, ...]] = {
    "joint_pain": ("joint",), "muscle_pain": ("muscle",), "nerve_pain": ("nerve",), "spinal_pain": ("spinal",),
    "behcet": ("vasculitis",), "giant_cell_arteritis": ("vasculitis", "polymyalgia_rheumatica"),
}


@dataclass
class Tally:
    """Addressed / asked, per kind of question."""

    asked: Counter = field(default_factory=Counter)
    addressed: Counter = field(default_factory=Counter)

    def add(self, kind: str, ok: bool) -> None:
        self.asked[kind] += 1
        self.addressed[kind] += ok

    def line(self, kind: str) -> str:
        asked = self.asked[kind]
        return f"{kind}: {self.addressed[kind]}/{asked} = {self.addressed[kind] / asked:.3f}" if asked else f"{kind}: none"


def entry_addresses(knowledge: Any, entry_id: Optional[str], subject: Optional[str], condition: str, kind: str) -> bool:
    """Whether the reply (its entry, else the conversation's subject after a topic) addresses (condition, kind)."""
    subjects = CONDITION_SUBJECTS.get(condition, (condition,))
    if entry_id is None or not knowledge.has_entry(entry_id):
        return kind == "what" and subject in subjects  # the condition's overview topic
    entry = knowledge.entry(entry_id)
    # the grid's own rule (docs/grid.md): a subject's entries and those it borrows; entries with terms count for their subject
    about = entry.subject in subjects or any(entry in subject_entries(knowledge, s) for s in subjects)
    return about and any(aspect in entry.aspects for aspect in TYPE_ASPECTS.get(kind, (kind,)))


async def _turn(asker: Any, text: str, slots: Dict[str, Any]) -> Tuple[Optional[str], Dict[str, Any], str, bool]:
    """The entry answered (None if none), the slots after, the intent the NLU chose, and whether the reply opened
    with a safety line."""
    parse = await asker.agent.parse_message(text)
    replies, after = await asker.answer_turn(text, slots)
    entry = after.get("last_entry")
    if entry is not None and entry == slots.get("last_entry") and not _answers_again(replies, entry, after):
        entry = None  # the slot only kept the last turn's entry
    return entry, after, (parse.get("intent") or {}).get("name") or "", _opens_with_safety(replies, after)


def _opens_with_safety(replies: List[Dict[str, Any]], slots: Dict[str, Any]) -> bool:
    """Whether the first message opens with the emergency or urgent text (a level's line or an emergency or urgent
    group's own opening; not the crisis check's) of the reply's language."""
    from assistant.knowledge import get_knowledge

    knowledge = get_knowledge(slots.get("language"))
    openings = (*(line for level, line in knowledge.levels.items() if level in ALARM_LEVELS),
                *(flag.opening for flag in knowledge.red_flags
                  if flag.opening and flag.level in ALARM_LEVELS and flag.id != CRISIS_CHECK))
    first = str(replies[0].get("text") or "") if replies else ""
    return first.startswith(openings)


def _answered_by_the_alarm(text: str, kind: str, alarmed: bool) -> bool:
    """An "urgent" question that describes a red flag happening now (the rules alone find one), answered with the
    emergency or urgent text."""
    from assistant.normalise import normalise
    from assistant.safety import assess

    return kind == "urgent" and alarmed and bool(assess(normalise(text)).now)


def _answered(knowledge: Any, entry: Optional[str], subject: Optional[str], asked: Dict[str, Any], kind: str,
              alarmed: bool) -> bool:
    """Whether the reply addresses a question or turn of a set: by its entry, or by the alarm (an "urgent" one)."""
    return (entry_addresses(knowledge, entry, subject, asked["condition"], kind)
            or _answered_by_the_alarm(asked["text"], kind, alarmed))


def _answers_again(replies: List[Dict[str, Any]], entry_id: str, slots: Dict[str, Any]) -> bool:
    """Whether a reply is the entry answered last turn, given again ("how do I manage the stress then?")."""
    from assistant.knowledge import get_knowledge

    knowledge = get_knowledge(slots.get("language"))
    if not knowledge.has_entry(entry_id):
        return False
    opening = " ".join(knowledge.entry(entry_id).answer.split())[:60]
    return any(opening and opening in " ".join(str(reply.get("text") or "").split()) for reply in replies)


async def score(path: Path, model: Path) -> Tuple[Tally, Tally, Tally, Tally]:
    """Tallies: single questions by kind, exchanges' turns, Persian script answered in Persian, and the typed or
    out-of-scope questions answered by an entry that does not address them (confidently wrong)."""
    from assistant.knowledge import get_knowledge
    from assistant.normalise import mostly_arabic_script
    from tools.ask import Asker

    asker = Asker(model)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    singles, turns, persian, wrong = Tally(), Tally(), Tally(), Tally()
    for question in data.get("questions") or []:
        entry, after, intent, alarmed = await _turn(asker, question["text"], {})
        knowledge = get_knowledge(after.get("language"))
        if mostly_arabic_script(question["text"]):
            persian.add("Persian script answered in Persian", after.get("language") == "fa")
        if question.get("out_of_scope"):
            singles.add("out_of_scope", entry is None)
            wrong.add("confidently wrong", entry is not None)
        elif question.get("small_talk"):
            expected = SMALL_TALK_INTENTS.get(question["small_talk"], question["small_talk"])
            singles.add("small_talk", entry is None and intent == expected)
        else:
            kind = question.get("type") or "none"
            addressed = _answered(knowledge, entry, after.get("subject"), question, kind, alarmed)
            singles.add("typed", addressed)
            wrong.add("confidently wrong", entry is not None and not addressed)
    for exchange in data.get("exchanges") or []:
        slots: Dict[str, Any] = {}
        for turn in exchange["turns"]:
            entry, slots, _, alarmed = await _turn(asker, turn["text"], slots)
            if turn.get("type") not in (None, "none"):
                knowledge = get_knowledge(slots.get("language"))
                turns.add("follow-up turns", _answered(knowledge, entry, slots.get("subject"), turn, turn["type"], alarmed))
    return singles, turns, persian, wrong


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", help=f"{', '.join(sorted(SETS))}, or the path of a set in the same format")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    path = SETS.get(args.set) or Path(args.set)
    singles, turns, persian, wrong = asyncio.run(score(path, args.model))
    total = sum(singles.addressed.values()), sum(singles.asked.values())
    print(f"{path.name}: questions addressed {total[0]}/{total[1]} = {total[0] / total[1]:.3f}")
    for kind in ("typed", "out_of_scope", "small_talk"):
        print("  " + singles.line(kind))
    print("  " + wrong.line("confidently wrong"))
    if turns.asked:
        print("  " + turns.line("follow-up turns"))
    if persian.asked:
        print("  " + persian.line("Persian script answered in Persian"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
