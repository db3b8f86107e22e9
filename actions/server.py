"""Start the action server after loading and checking the knowledge file.

``python -m actions.server [--port 5055]`` validates ``knowledge/knowledge.yml``
and builds the spaCy rules once, then serves the actions. A malformed file
stops it here with a clear message, never mid-conversation. It listens on
127.0.0.1 unless ``ACTION_SERVER_HOST`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from actions.knowledge import KnowledgeError, get_knowledge
from actions.nlp import get_pipeline


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Check the knowledge, then run the Rasa SDK endpoint (blocks)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", "5055")))
    parser.add_argument("--host", default=os.environ.get("ACTION_SERVER_HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    try:
        knowledge = get_knowledge()
        get_pipeline()
    except KnowledgeError as error:
        print(f"action server not started: the knowledge file is invalid:\n  {error}", file=sys.stderr)
        return 2
    print(f"knowledge loaded: {len(knowledge.topics)} topics from {knowledge.path}", flush=True)

    from rasa_sdk.endpoint import run

    os.environ["SANIC_HOST"] = args.host  # rasa_sdk reads the interface from here
    run("actions", port=args.port, cors_origins="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
