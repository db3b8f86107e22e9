"""The NLU bar on the held-out set (evaluation/sets/nlu/heldout.yml, never trained on)."""

from __future__ import annotations

from evaluation.nlu_eval import evaluate_heldout, report


def test_heldout_meets_the_bar(trained_model):
    scores = evaluate_heldout(trained_model)
    report("held-out set", scores, show_errors=10)
    assert scores.n >= 150
    assert scores.intent_macro_f1 >= 0.95
    assert scores.entity_f1 >= 0.90
