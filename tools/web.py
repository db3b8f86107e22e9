"""Serve the demo chat page ``web/`` on localhost (the run command starts it).

``python -m tools.web [--host 127.0.0.1] [--port 8080]`` serves only the files
under ``web/`` (never through a symlink leading out of it), no directory
listings, with a Content-Security-Policy that lets the page talk to the
assistant and nowhere else, and ``/config.js`` telling the widget where the
assistant is: ``RASA_PUBLIC_URL``, else ``http://localhost:<RASA_PORT>``. The
request's ``Host`` header is never used. A path that cannot name a file (a NUL
byte, a symlink out of ``web/``) gets a plain 404.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence
from urllib.parse import urlsplit

from assistant.knowledge import load_knowledge
from assistant.paths import WEB_ROOT

WIDGET = WEB_ROOT / "vendor" / "rasa-webchat" / "webchat.js"


def assistant_url(environ: Optional[Mapping[str, str]] = None) -> str:
    """The assistant's base URL as the browser should reach it: configured, never taken from a request."""
    env = os.environ if environ is None else environ
    public = env.get("RASA_PUBLIC_URL", "").rstrip("/")
    if public:
        return public
    return f"http://localhost:{env.get('RASA_PORT', '5005')}"


def inside(root: Path, path: str) -> bool:
    """Whether ``path``, with every symlink followed, is ``root`` or under it (False for a NUL byte)."""
    if "\x00" in path:
        return False
    try:
        return Path(os.path.realpath(path)).is_relative_to(root.resolve())
    except (OSError, ValueError):
        return False


def content_security_policy(assistant: str, inline_scripts: bool = False) -> str:
    """Scripts and styles from this site only; connections to this site and the assistant only."""
    websocket = assistant.replace("https://", "wss://").replace("http://", "ws://")
    scripts = "'self' 'unsafe-inline'" if inline_scripts else "'self'"
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        f"font-src 'self' data:; connect-src 'self' {assistant} {websocket}; frame-ancestors 'self'; "
        "base-uri 'none'; form-action 'none'"
    )


class PageHandler(SimpleHTTPRequestHandler):
    """Static files from ``web/`` plus ``/config.js``; security headers on every answer."""

    # The Persian web font (web/vendor/vazirmatn/), whatever the machine's MIME table says.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".woff2": "font/woff2"}
    assistant = "http://localhost:5005"  # set by make_server from the configuration
    emergency_number = ""  # set by make_server from the knowledge file and its settings

    def end_headers(self) -> None:
        assistant = self.assistant
        inline = urlsplit(self.path).path.endswith("faq.html")  # the FAQ page is self-contained with inline script
        self.send_header("Content-Security-Policy", content_security_policy(assistant, inline_scripts=inline))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if urlsplit(self.path).path == "/config.js":
            settings = {"socketUrl": self.assistant, "emergencyNumber": self.emergency_number}
            body = f"window.ASSISTANT = {json.dumps(settings)};\n"
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()

    def send_head(self) -> Any:
        """The file's headers, or a plain 404 for a path outside the root (symlinks followed) or with a NUL byte."""
        if not inside(Path(self.directory), self.translate_path(self.path)):
            self.send_error(404, "Not found")
            return None
        return super().send_head()

    def list_directory(self, path: str) -> None:  # type: ignore[override]
        """No directory listings."""
        self.send_error(404, "Not found")
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
        """Quiet: requests are not logged."""


def make_server(
    host: str, port: int, root: Path = WEB_ROOT, environ: Optional[Mapping[str, str]] = None
) -> ThreadingHTTPServer:
    """A server for ``root`` on ``host:port`` (not started), pointing the page at the configured assistant."""
    number = load_knowledge(environ=environ).emergency.emergency_number
    handler = type("ConfiguredPageHandler", (PageHandler,), {"assistant": assistant_url(environ), "emergency_number": number})
    return ThreadingHTTPServer((host, port), partial(handler, directory=str(root)))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    args = parser.parse_args(argv)
    if not WIDGET.exists():
        print(f"error: the chat widget is missing ({WIDGET}); run scripts/install-web.sh (make install does it)", file=sys.stderr)
        return 1
    try:
        server = make_server(args.host, args.port)
    except OSError as error:
        print(f"error: cannot serve the chat page on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    print(f"Chat widget demo page: http://{'localhost' if args.host == '127.0.0.1' else args.host}:{args.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
