"""Score an unseen safety set once: emergencies, urgent cases, crisis checks and mere mentions.

``python -m evaluation.unseen_eval FILE [--assistant]``

For sets written before tuning by authors who never saw the phrase lists (issue 17's
``unseen_issue17.yml``, issue 19's ``persian_unseen.yml`` and the safety part of
``persian_heldout.yml``). Either layout is read: ``emergencies``/``urgent`` as group -> messages or
as a list of ``{text, group}``, ``crisis_check`` as messages, ``mentions`` as ``{text, group}``.

* rules only: an emergency (urgent case) is caught when the red-flag rules find a group happening
  now at that level or higher; a crisis check when they find a crisis group; a mention raises a
  false alarm when they find any group happening now;
* ``--assistant``: the whole assistant answers in a new conversation (``tools.ask``); an emergency
  counts when the first message opens with a safety line of the reply's language, an urgent case
  when it opens with any safety line, a mention raises an alarm when it does.

Totals only: the set is not for tuning.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from assistant.knowledge import get_knowledge
from assistant.normalise import normalise
from assistant.replies import safety_openings
from assistant.safety import assess
from evaluation.safety_eval import CRISIS_GROUPS

RANK = {"urgent": 1, "emergency": 2}


def cases_of(data: Dict[str, Any]) -> List[Tuple[str, str, str]]:
    """(section, group, text) of every case: emergency, urgent, crisis, mention."""
    cases: List[Tuple[str, str, str]] = []
    for section, name in (("emergency", "emergencies"), ("urgent", "urgent")):
        part = data.get(name) or {}
        items = [(g, t) for g, texts in part.items() for t in texts] if isinstance(part, dict) else [
            (item["group"], item["text"]) for item in part]
        cases += [(section, group, text) for group, text in items]
    cases += [("crisis", "crisis_check", text) for text in data.get("crisis_check") or []]
    cases += [("mention", item["group"], item["text"]) for item in data.get("mentions") or []]
    return cases


def rules_only(section: str, text: str) -> bool:
    """Whether the rules alone handle the case (for a mention: whether they stay quiet)."""
    now = assess(normalise(text), get_knowledge()).now
    if section == "mention":
        return not now
    if section == "crisis":
        return any(flag.id in CRISIS_GROUPS for flag in now)
    return any(RANK.get(flag.level, 0) >= RANK[section] for flag in now)


async def _assistant_first_lines(texts: List[str]) -> List[Tuple[str, Optional[str]]]:
    """The first message of the whole assistant for each text, and the language it answered in."""
    from tools.ask import Asker

    asker = Asker()
    firsts = []
    for text in texts:
        messages, slots = await asker.answer_turn(text, {})
        firsts.append(((messages[0].get("text") or "") if messages else "", slots.get("language")))
    return firsts


def with_assistant(cases: List[Tuple[str, str, str]]) -> List[bool]:
    """Whether the whole assistant handles each case."""
    results = []
    for (section, _group, _text), (first, language) in zip(
            cases, asyncio.run(_assistant_first_lines([text for _, _, text in cases]))):
        knowledge = get_knowledge(language)
        alarm = first.startswith(tuple(safety_openings(knowledge)))
        emergency = first.startswith((knowledge.levels["emergency"], knowledge.levels["unclear"],
                                      *(f.opening for f in knowledge.red_flags if f.opening)))
        results.append(not alarm if section == "mention" else (emergency if section != "urgent" else alarm))
    return results


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--assistant", action="store_true", help="also through the whole assistant (first line)")
    args = parser.parse_args(argv)
    cases = cases_of(yaml.safe_load(args.file.read_text(encoding="utf-8")))
    scored = {"rules only": [rules_only(section, text) for section, _, text in cases]}
    if args.assistant:
        scored["whole assistant, first line"] = with_assistant(cases)
    print(f"{args.file.name}: {len(cases)} cases")
    for how, results in scored.items():
        parts = []
        for section in ("emergency", "urgent", "crisis", "mention"):
            got = [ok for (s, _, _), ok in zip(cases, results) if s == section]
            if got:
                label = "mentions without an alarm" if section == "mention" else section
                parts.append(f"{label} {sum(got)}/{len(got)} = {sum(got) / len(got):.3f}")
        print(f"  {how}: " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
