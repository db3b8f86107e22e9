"""server.quiet: library notices hidden where they are shown; ours, Rasa's about our data, other categories and errors kept."""

from __future__ import annotations

import io
import logging
import warnings
from typing import Iterator

import pytest

from server import quiet

LIBRARY = "/opt/venv/lib/python3.10/site-packages/somelib/module.py"
OWN = str(quiet.ROOT / "actions" / "server.py")


def warn_from(filename: str, text: str, category: type) -> None:
    """Raise a warning whose code is in ``filename``, as if that file called warnings.warn."""
    exec(compile(f"import warnings\nwarnings.warn({text!r}, {category.__name__})", filename, "exec"),
         {category.__name__: category})


@pytest.fixture
def shown() -> Iterator[io.StringIO]:
    """What would reach the terminal, with server.quiet installed and every warning let through the filters."""
    stream = io.StringIO()
    with warnings.catch_warnings():
        warnings.resetwarnings()
        warnings.simplefilter("always")
        warnings._showwarnmsg_impl = quiet._original_impl  # type: ignore[attr-defined]  # pytest records; a terminal shows
        original = warnings.showwarning
        warnings.showwarning = lambda message, category, filename, lineno, file=None, line=None: stream.write(
            warnings.formatwarning(message, category, filename, lineno, line))
        assert quiet.install(environ={})
        try:
            yield stream
        finally:
            quiet.uninstall()
            warnings.showwarning = original


@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning, FutureWarning, UserWarning])
def test_a_librarys_notice_is_not_shown(shown: io.StringIO, category: type) -> None:
    warn_from(LIBRARY, "the library's notice", category)
    assert shown.getvalue() == ""


def test_a_subclass_such_as_pyparsings_is_not_shown_either(shown: io.StringIO) -> None:
    class PyparsingDeprecationWarning(DeprecationWarning):
        pass

    warn_from(LIBRARY, "'setParseAction' deprecated", PyparsingDeprecationWarning)
    assert shown.getvalue() == ""


def test_our_own_warnings_are_shown(shown: io.StringIO) -> None:
    warn_from(OWN, "ours", DeprecationWarning)
    warn_from(OWN, "ours too", UserWarning)
    assert "DeprecationWarning: ours" in shown.getvalue() and "UserWarning: ours too" in shown.getvalue()


def test_other_categories_from_libraries_are_shown(shown: io.StringIO) -> None:
    warn_from(LIBRARY, "coroutine 'x' was never awaited", RuntimeWarning)
    assert "RuntimeWarning: coroutine" in shown.getvalue()


def test_rasas_warnings_about_the_bots_data_are_shown(shown: io.StringIO) -> None:
    from rasa.shared.utils.io import raise_warning

    raise_warning("Issue found in 'data/nlu.yml': intent 'x' is not in the domain")
    assert "Issue found in 'data/nlu.yml'" in shown.getvalue()


def test_an_error_filter_still_raises(shown: io.StringIO) -> None:
    warnings.simplefilter("error", DeprecationWarning)
    with pytest.raises(DeprecationWarning):
        warn_from(LIBRARY, "now an error", DeprecationWarning)


def test_recording_blocks_still_record(shown: io.StringIO) -> None:
    with warnings.catch_warnings(record=True) as recorded:
        warnings.simplefilter("always")
        warn_from(LIBRARY, "recorded", DeprecationWarning)
    assert [str(w.message) for w in recorded] == ["recorded"]


def test_the_library_notice_is_hidden_through_logging_too(shown: io.StringIO) -> None:
    """server.logs sends warnings through logging (captureWarnings): hidden before they get there."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger("py.warnings").addHandler(handler)
    logging.captureWarnings(True)
    try:
        warn_from(LIBRARY, "through logging", DeprecationWarning)
        warn_from(OWN, "ours through logging", DeprecationWarning)
    finally:
        logging.captureWarnings(False)
        logging.getLogger("py.warnings").removeHandler(handler)
    assert "through logging" not in stream.getvalue().replace("ours through logging", "")
    assert "ours through logging" in stream.getvalue()


def test_show_library_warnings_turns_it_off() -> None:
    assert quiet.install(environ={"SHOW_LIBRARY_WARNINGS": "1"}) is False
    assert warnings._showwarnmsg is not quiet._showwarnmsg  # type: ignore[attr-defined]
