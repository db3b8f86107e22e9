"""Issue 10's bars for question-level answers, on the held-out question sets through the whole assistant.

Both sets were written by separate authors from the entry list only, before the
tuning they measure, and are never trained or tuned on: this test prints their
totals only, never their misses. ``entries_heldout2.yml`` is the fresh one
(2026-11-26); ``entries_heldout.yml`` had been scored eight times before it.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from evaluation.entry_eval import assistant_answerer, combined, load, report, score


class Bars(NamedTuple):
    top1: float
    wrong: float
    honest: float


# Issue 10's bars are 0.90 / 0.03 / 0.90. Measured figures and every run: docs/nlu-quality.md.
BARS = {
    "heldout2": Bars(0.90, 0.03, 0.90),  # the bars, on the fresh set
    # scored nine times before the fresh set existed: guarded where it stands (0.903 / 0.037 / 0.930), not at the bars
    "heldout": Bars(0.89, 0.042, 0.90),
}


@pytest.mark.parametrize("name", sorted(BARS))
def test_heldout_questions_find_their_entry_through_the_assistant(trained_model, name):
    data = load(name)
    single, turns = score(data, assistant_answerer())
    print(report(f"{name}, whole assistant", single, turns))
    both = combined(single, turns)
    bars = BARS[name]
    assert single.total >= 250 and single.unknowns >= 40 and len(data["exchanges"]) >= 30
    assert both.top1 >= bars.top1
    assert both.confidently_wrong <= bars.wrong
    assert both.honest_unknown >= bars.honest
