"""Write the endpoints file the Rasa server reads, with this run's action-server port and SQLite path.

``python -m tools.endpoints SOURCE OUT`` (run by ``scripts/run.sh``): the
project's ``endpoints.yml`` names the action server on port 5055 and the
conversations in ``var/conversations.db``. When ``ACTION_SERVER_PORT`` or
``CONVERSATIONS_DB`` say otherwise, the copy says so too, so that changing a
port in the environment cannot leave Rasa calling the wrong action server.
Everything else is copied as it is; ``${VAR}`` placeholders stay placeholders.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Sequence
from urllib.parse import urlsplit, urlunsplit

import yaml

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
HEADER = "# Written by tools/endpoints.py from {source} for this run: edit {source}, not this file.\n"


def adjust(config: Dict[str, Any], env: Mapping[str, str]) -> Dict[str, Any]:
    """``config`` with the local action server's port and the SQLite store's path taken from ``env``."""
    result = dict(config)
    action = dict(result.get("action_endpoint") or {})
    url = str(action.get("url", ""))
    port = env.get("ACTION_SERVER_PORT")
    if port and "${" not in url:
        parts = urlsplit(url)
        if parts.hostname in LOCAL_HOSTS:
            host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname
            action["url"] = urlunsplit(parts._replace(netloc=f"{host}:{int(port)}"))
            result["action_endpoint"] = action
    store = dict(result.get("tracker_store") or {})
    if str(store.get("type", "")).endswith("SQLiteTrackerStore") and env.get("CONVERSATIONS_DB"):
        store["db"] = env["CONVERSATIONS_DB"]
        result["tracker_store"] = store
    return result


def main(argv: Optional[Sequence[str]] = None, env: Optional[Mapping[str, str]] = None) -> int:
    """Command line: the source and the output file."""
    parser = argparse.ArgumentParser(prog="python -m tools.endpoints", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the endpoints file to start from")
    parser.add_argument("out", type=Path, help="where to write the file for `rasa run --endpoints`")
    args = parser.parse_args(argv)
    try:
        config = yaml.safe_load(args.source.read_text(encoding="utf-8")) or {}
        adjusted = adjust(config, os.environ if env is None else env)
    except (OSError, yaml.YAMLError, ValueError) as error:
        print(f"error: {args.source}: {error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(adjusted, sort_keys=False, default_flow_style=False, allow_unicode=True)
    args.out.write_text(HEADER.format(source=args.source) + body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
