"""How the Persian normaliser was chosen (issue 19): ours against hazm's and parsivar's, measured.

``python -m evaluation.normaliser_choice [--lib DIR]``

Each Persian example question of the knowledge (``knowledge/fa/entries.yml``) is typed again the
ways people type it: half-spaces as spaces or left out, Arabic ي/ك, Persian digits, a diacritic,
a tatweel. A normaliser handles a variant when it reads the variant exactly as it reads the
original. Also measured: English passes unchanged, and the time per message. hazm and parsivar are
not dependencies of the assistant: install them into ``--lib`` (``pip install --no-deps --target``)
to compare; a missing one is reported and skipped.
"""

from __future__ import annotations

import argparse
import sys
import time
import types
from typing import Callable, Dict, List, Optional

import yaml

from assistant.normalise import normalise
from assistant.paths import ROOT

ZWNJ = "\u200c"
VARIANTS: Dict[str, Callable[[str], str]] = {
    "half-space as space": lambda t: t.replace(ZWNJ, " "),
    "half-space left out": lambda t: t.replace(ZWNJ, ""),
    "Arabic ye and kaf": lambda t: t.replace("ی", "ي").replace("ک", "ك"),
    "Persian digits": lambda t: t.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
    "a diacritic": lambda t: t.replace("ر", "رَ", 1),
    "a tatweel": lambda t: t.replace("ه", "ـه", 1),
}
ENGLISH = ["I can't breathe", "is lupus hereditary?", "fever of 39.5 since 2019", "Behçet's disease", "MS and RA"]


def _examples() -> List[str]:
    data = yaml.safe_load((ROOT / "knowledge" / "fa" / "entries.yml").read_text(encoding="utf-8"))
    return [example for entry in data["entries"].values() for example in entry["examples"]]


def _normalisers(lib: Optional[str]) -> Dict[str, Optional[Callable[[str], str]]]:
    if lib:
        sys.path.insert(0, lib)
    found: Dict[str, Optional[Callable[[str], str]]] = {"ours (assistant/normalise.py)": normalise}
    try:
        sys.modules.setdefault("fasttext", types.ModuleType("fasttext"))  # hazm imports it for embeddings only
        from hazm import Normalizer as Hazm

        found["hazm 0.10"] = Hazm().normalize
    except Exception as error:  # noqa: BLE001 - any failure to import is reported
        print(f"hazm: not available ({type(error).__name__}: {error})")
        found["hazm 0.10"] = None
    try:
        from parsivar import Normalizer as Parsivar

        found["parsivar 0.2.3"] = Parsivar().normalize
    except Exception as error:  # noqa: BLE001
        print(f"parsivar: not available ({type(error).__name__}: {error})")
        found["parsivar 0.2.3"] = None
    return found


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lib", help="a folder with hazm and parsivar installed (pip install --no-deps --target)")
    args = parser.parse_args(argv)
    examples = _examples()
    print(f"{len(examples)} Persian example questions, {len(VARIANTS)} ways of typing each\n")
    print("| normaliser | " + " | ".join(VARIANTS) + " | English unchanged | ms per message |")
    print("|---" * (len(VARIANTS) + 3) + "|")
    for name, norm in _normalisers(args.lib).items():
        if norm is None:
            continue
        started = time.perf_counter()
        plain = [norm(t) for t in examples]
        per_message = (time.perf_counter() - started) * 1000 / len(examples)
        rates = [sum(norm(v(t)) == p for t, p in zip(examples, plain)) / len(examples) for v in VARIANTS.values()]
        english = sum(norm(t) == t for t in ENGLISH)
        cells = " | ".join(f"{rate:.3f}" for rate in rates)
        print(f"| {name} | {cells} | {english}/{len(ENGLISH)} | {per_message:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
