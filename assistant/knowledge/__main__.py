"""``python -m assistant.knowledge [MANIFEST]``: check the knowledge, print a one-line verdict."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

from assistant.knowledge.load import knowledge_path, load_all
from assistant.knowledge.model import KnowledgeError


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Validate the knowledge of a manifest in every language; print a one-line verdict."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else knowledge_path()
    try:
        knowledge = next(iter(load_all(path).values()))  # each language is checked: its texts, the words of all
    except KnowledgeError as error:
        print(f"knowledge is invalid: {error}", file=sys.stderr)
        return 1
    print(
        f"{path}: OK ({len(knowledge.topics)} topics, {len(knowledge.entries)} entries, "
        f"{len(knowledge.entities)} entity values, {len(knowledge.red_flags)} red-flag groups, "
        f"languages {', '.join(knowledge.languages)}; emergency number {knowledge.emergency.emergency_number})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
