"""No library warnings in a newcomer's terminal: deprecation notices and the like from the packages we use.

``make run`` and ``make train`` used to print some 20 warnings between the install and *Ready*
(pkg_resources, click, sanic_cors, jax, pyparsing through matplotlib and packaging, SQLAlchemy...),
none of them about this project. Filters alone do not keep them out: Sanic adds
``once::DeprecationWarning`` at import, Rasa's ``configure_logging_and_warnings`` adds
``once::UserWarning`` and its own list, and both put theirs in front of any filter set before
(``PYTHONWARNINGS``, ``-W``). :func:`install` therefore decides at the point a warning is
*shown*, which nobody else replaces (``warnings._showwarnmsg``; ``logging.captureWarnings``, used
by :mod:`server.logs`, replaces ``warnings.showwarning``, one step later):

* a warning of a :data:`LIBRARY_CATEGORIES` category whose code is in a library (not this
  project's own files) is dropped;
* everything else is shown as before: this project's own warnings, Rasa's messages about this
  project's data and configuration (written with ``rasa.shared.utils.io.raise_warning``), and
  every other category (``RuntimeWarning`` such as a coroutine never awaited, ``ResourceWarning``...);
* the filters still decide first, so ``error`` filters still raise, and a
  ``catch_warnings(record=True)`` block (pytest's, a library's) still records everything.

Entry points call it first: ``python -m actions.server`` and ``python -m server.rasa_cli``
(the ``rasa`` command, as ``scripts/run.sh`` and the Makefile's training run it).
Set ``SHOW_LIBRARY_WARNINGS=1`` to see them all again.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Callable, Optional, Tuple, Type

from assistant.paths import ROOT  # the project: warnings from its files are ours

SHOW_ENV = "SHOW_LIBRARY_WARNINGS"
# The notices libraries leave for their own users: deprecations, future changes, "you may want to...".
LIBRARY_CATEGORIES: Tuple[Type[Warning], ...] = (
    DeprecationWarning, PendingDeprecationWarning, FutureWarning, UserWarning, ImportWarning,
)
_LIBRARY_DIRS = ("site-packages", "dist-packages")
_RASA_RAISE_WARNING = "raise_warning.<locals>.formatwarning"
_shown: Optional[Callable[[Any], None]] = None  # the original warnings._showwarnmsg once installed


def is_own_file(filename: str) -> bool:
    """Whether ``filename`` is one of this project's source files (not an installed package, not the standard library)."""
    try:
        path = Path(filename).resolve()
    except (OSError, ValueError):
        return False
    if any(part in _LIBRARY_DIRS for part in path.parts):
        return False
    return path == ROOT or ROOT in path.parents


def is_library_warning(category: Type[Warning], filename: str) -> bool:
    """Whether a warning of ``category`` raised from code in ``filename`` is a library's notice to hide."""
    if not issubclass(category, LIBRARY_CATEGORIES):
        return False
    if getattr(warnings.formatwarning, "__qualname__", "") == _RASA_RAISE_WARNING:
        return False  # Rasa telling the bot's author about the data, domain or config: ours to read
    return not is_own_file(filename)


def _showwarnmsg(msg: warnings.WarningMessage) -> None:
    assert _shown is not None
    recording = warnings._showwarnmsg_impl is not _original_impl  # type: ignore[attr-defined]
    if recording or not is_library_warning(msg.category, msg.filename):
        _shown(msg)


_original_impl = warnings._showwarnmsg_impl  # type: ignore[attr-defined]


def install(environ: Optional[dict] = None) -> bool:
    """Hide library warnings in this process from now on (once; again is harmless). False if ``SHOW_LIBRARY_WARNINGS`` is set."""
    global _shown
    environ = os.environ if environ is None else environ
    if environ.get(SHOW_ENV, "").strip() not in ("", "0"):
        return False
    if _shown is None:
        _shown = warnings._showwarnmsg  # type: ignore[attr-defined]
        warnings._showwarnmsg = _showwarnmsg  # type: ignore[attr-defined]
    return True


def uninstall() -> None:
    """Show library warnings again (for tests)."""
    global _shown
    if _shown is not None:
        warnings._showwarnmsg = _shown  # type: ignore[attr-defined]
        _shown = None

