"""The ``rasa`` command without library warnings: ``python -m server.rasa_cli run|train ...``.

Exactly ``.venv/bin/rasa`` (Rasa's own ``rasa.__main__.main``, same arguments), with
:func:`server.quiet.install` in place before Rasa or any library is imported, so that the
deprecation notices of Rasa's libraries stay out of ``make run`` and ``make train``; Rasa's
messages about the bot's own data and configuration, its log lines and any error still show.
:func:`server.speedups.install` is in place before the command runs (training and the server
load the spaCy pipeline once, not twice).
"""

from __future__ import annotations

import sys

from server import quiet


def main() -> None:
    """Run the rasa command line with library warnings hidden."""
    quiet.install()
    from rasa.__main__ import main as rasa_main

    from server import speedups

    speedups.install()  # the spaCy pipeline loaded once in training and at start

    sys.argv[0] = "rasa"  # Rasa's usage and error lines name the command a reader knows
    rasa_main()


if __name__ == "__main__":
    main()
