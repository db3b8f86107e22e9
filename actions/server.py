"""Start the action server after loading and checking the knowledge file.

``python -m actions.server [--port 5055]`` validates the knowledge (``knowledge/``)
and builds the spaCy rules once, then serves the actions. A malformed file
stops it here with a clear message, never mid-conversation. It listens on
127.0.0.1 unless ``ACTION_SERVER_HOST`` says otherwise.

A request that is not an action call (not JSON, not an object, no
``next_action`` name, no ``tracker`` object) gets HTTP 400 and a failing
action HTTP 500; neither answer echoes the request (rasa_sdk's own handler
sends the whole body back).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from typing import Any, Optional, Sequence

from assistant.knowledge import KnowledgeError, get_knowledge
from assistant.nlp import get_pipeline
from assistant.retrieval import get_finder
from server import heap, quiet

logger = logging.getLogger(__name__)


def is_action_call(body: Any) -> bool:
    """Whether ``body`` has the shape of a Rasa action call."""
    return (
        isinstance(body, dict)
        and isinstance(body.get("next_action"), str)
        and bool(body["next_action"])
        and isinstance(body.get("tracker"), dict)
    )


def create_app() -> Any:
    """rasa_sdk's Sanic app for the ``actions`` package, with requests checked and errors that echo nothing."""
    from rasa_sdk.endpoint import create_app as create_sdk_app
    from sanic import response
    from sanic.exceptions import SanicException
    from sanic.request import Request
    from sanic.response import HTTPResponse

    app = create_sdk_app("actions", cors_origins="")

    @app.middleware("request")
    async def only_action_calls(request: Request) -> Optional[HTTPResponse]:
        if request.path != "/webhook" or request.method != "POST":
            return None
        if request.headers.get("Content-Encoding") == "deflate":
            return None  # rasa_sdk decompresses it; a bad one ends in the handler below
        try:
            body = json.loads(request.body or b"")
        except ValueError:
            body = None
        if not is_action_call(body):
            return response.json({"error": "malformed request: expected a Rasa action call"}, status=400)
        return None

    @app.exception(Exception)
    async def without_echo(request: Request, error: Exception) -> HTTPResponse:
        status = getattr(error, "status_code", 500) if isinstance(error, SanicException) else 500
        if status >= 500:
            logger.error("the action server failed on a request (%s)", type(error).__name__, exc_info=error)
            return response.json({"error": "the action failed"}, status=500)
        return response.json({"error": "malformed request"}, status=status)

    return app


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Check the knowledge, then run the Rasa SDK endpoint (blocks)."""
    quiet.install()  # no deprecation notices from rasa_sdk's libraries in the terminal
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", "5055")))
    parser.add_argument("--host", default=os.environ.get("ACTION_SERVER_HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    try:
        knowledge = get_knowledge()
        for language in knowledge.languages:  # each language's entry index is built here, not on its first question
            get_finder(get_knowledge(language), get_pipeline())
    except KnowledgeError as error:
        print(f"action server not started: the knowledge file is invalid:\n  {error}", file=sys.stderr)
        return 2
    print(f"knowledge loaded: {len(knowledge.topics)} topics and {len(knowledge.entries)} entries from {knowledge.path}",
          flush=True)

    from rasa_sdk.plugin import plugin_manager
    from rasa_sdk.utils import number_of_sanic_workers

    app = create_app()
    plugin_manager().hook.attach_sanic_app_extensions(app=app)  # what rasa_sdk.endpoint.run does
    heap.freeze_loaded_objects()  # knowledge, pipeline and indexes stay: no full collection walks them per message
    app.run(args.host, args.port, workers=number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    sys.exit(main())
