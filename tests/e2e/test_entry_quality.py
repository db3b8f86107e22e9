"""Issue 10's bars for question-level answers, on the held-out question set through the whole assistant.

``tests/nlu/entries_heldout.yml`` was written by a separate author from the
entry list only, before any retrieval work, and is never trained or tuned on:
this test prints its totals only, never its misses.
"""

from __future__ import annotations

from tools.entry_eval import assistant_answerer, combined, load, report, score

# Issue 10's bars are 0.90 / 0.03 / 0.90. Measured on 2026-11-26: 0.903 / 0.037 / 0.912
# (docs/nlu-quality.md). The test guards what is reached, a message or two below it, so a
# regression fails; the confidently-wrong bar (0.03) is not met yet and the issue stays open.
TOP1_AT_LEAST = 0.89
CONFIDENTLY_WRONG_AT_MOST = 0.042
HONEST_UNKNOWN_AT_LEAST = 0.90


def test_heldout_questions_find_their_entry_through_the_assistant(trained_model):
    data = load("heldout")
    single, turns = score(data, assistant_answerer())
    print(report("held-out, whole assistant", single, turns))
    both = combined(single, turns)
    assert single.total >= 250 and single.unknowns >= 40 and len(data["exchanges"]) >= 30
    assert both.top1 >= TOP1_AT_LEAST
    assert both.confidently_wrong <= CONFIDENTLY_WRONG_AT_MOST
    assert both.honest_unknown >= HONEST_UNKNOWN_AT_LEAST
