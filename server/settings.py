"""Numbers from the environment, checked the same way everywhere, with errors that name the variable."""

from __future__ import annotations

import os
from typing import Mapping, Optional, Union, overload


@overload
def env_number(name: str, default: int, unit: str, environ: Optional[Mapping[str, str]] = None) -> int: ...
@overload
def env_number(name: str, default: float, unit: str, environ: Optional[Mapping[str, str]] = None) -> float: ...


def env_number(name: str, default: Union[int, float], unit: str,
               environ: Optional[Mapping[str, str]] = None) -> Union[int, float]:
    """The environment variable ``name`` as a number of ``unit``, else ``default``.

    A whole number (``default`` an int) must be at least 1; any other number more than 0.
    """
    raw = (environ if environ is not None else os.environ).get(name, "")
    whole = isinstance(default, int)
    try:
        value = (int(raw) if whole else float(raw)) if raw.strip() else default
    except ValueError:
        raise ValueError(f"{name} must be a {'whole ' if whole else ''}number of {unit}, not {raw!r}") from None
    if whole and value < 1:
        raise ValueError(f"{name} must be at least 1")
    if value <= 0:
        raise ValueError(f"{name} must be more than 0")
    return value
