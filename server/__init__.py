"""The Rasa server's runtime, apart from the channels that adapt platforms.

* :mod:`server.privacy`: pseudonyms for log lines, private files and keys under ``VAR_DIR``;
* :mod:`server.speedups`: two Rasa 3.6 hot spots fixed;
* :mod:`server.patches`: bounded work and time (the NLU's token cap, the action call's time-out);
* :mod:`server.logs`: no message text and no raw sender id in any log record, Rasa's own included;
* :mod:`server.heap`: the objects loaded at start left out of later garbage collections (both servers);
* :mod:`server.quiet`: no library warnings in the terminal (installed by the entry points themselves:
  the action server and :mod:`server.rasa_cli`, the ``rasa`` command as ``make run`` and ``make train`` use it).

:func:`server.install` puts the patches and the log filter in place; the channels call it when the
Rasa server builds their routes. Nothing changes at import.
"""

from __future__ import annotations


def install() -> None:
    """Speed-ups, bounded work and time, and the log filter, in the Rasa server (once; again is harmless)."""
    from server import logs, patches, speedups

    speedups.install()
    patches.cap_nlu_tokens()
    patches.limit_action_calls()
    logs.install()
