"""The coverage grid page (issue 18): current with the knowledge, every condition in it, gaps shown."""

from __future__ import annotations

from dataclasses import replace

from assistant.knowledge import get_knowledge
from tools.grid import GAP, GRID_PAGE, cell, grid_page


def test_the_grid_page_is_current() -> None:
    assert GRID_PAGE.read_text(encoding="utf-8") == grid_page(get_knowledge()), "run: python -m tools.grid"


def test_a_cell_names_the_own_entry_the_shared_one_or_a_gap() -> None:
    knowledge = get_knowledge()
    assert cell(knowledge, "lupus", "heredity") == "lupus_heredity"
    assert cell(knowledge, "multiple_sclerosis", "contagious") == "*autoimmune_contagious*"
    assert cell(knowledge, "sjogren", "what") == "sjogren_what"
    assert cell(knowledge, "fibromyalgia", "heredity") == "fibromyalgia_heredity"
    without = replace(knowledge, entries=tuple(e for e in knowledge.entries if e.id != "fibromyalgia_heredity"),
                      _entries={}, _by_id={}, _canonical={})
    assert cell(without, "fibromyalgia", "heredity") == GAP  # no entry says it, and none covers it (fibromyalgia)


def test_no_cell_of_the_grid_is_empty() -> None:
    """Issue 18: every condition and pain type has an answer for every question type of the grid."""
    assert "\n0 gaps of " in grid_page(get_knowledge())


def test_the_grid_scorer_reads_the_grids_own_rule(knowledge):
    """A pain type's question is addressed by the general entry the grid gives it, not by another subject's."""
    from evaluation.grid_eval import entry_addresses

    assert entry_addresses(knowledge, "autoimmune_sleep", None, "joint_pain", "sleep")
    assert entry_addresses(knowledge, "autoimmune_contagious", None, "lupus", "contagion")
    assert not entry_addresses(knowledge, "autoimmune_sleep", None, "rheumatoid_arthritis", "sleep")  # RA has its own
    assert not entry_addresses(knowledge, "lupus_pregnancy", None, "joint_pain", "pregnancy")


def test_a_safety_line_first_is_read_as_a_safety_reply_in_either_language() -> None:
    """The grid scorer counts an "urgent" question answered by a reply that opens with the emergency text."""
    from evaluation.grid_eval import _opens_with_safety

    for language in ("en", "fa"):
        knowledge = get_knowledge(language)
        emergency = {"text": knowledge.levels["emergency"] + " ..."}
        assert _opens_with_safety([emergency, {"text": "more"}], {"language": language})
        assert _opens_with_safety([{"text": knowledge.levels["urgent"]}], {"language": language})
        assert not _opens_with_safety([{"text": knowledge.entries[0].answer}, emergency], {"language": language})
        assert not _opens_with_safety([], {"language": language})
        crisis = next(flag for flag in knowledge.red_flags if flag.id == "crisis_check")
        assert not _opens_with_safety([{"text": crisis.opening}], {"language": language})


def test_only_a_described_red_flag_answered_by_the_alarm_counts_for_an_urgent_question() -> None:
    """An alarm on a general question ("when should I go to A&E with lupus?") is no answer to it."""
    from evaluation.grid_eval import _answered_by_the_alarm

    described = "my father has GCA and woke up with double vision, is that an emergency?"
    assert _answered_by_the_alarm(described, "urgent", alarmed=True)
    assert not _answered_by_the_alarm(described, "urgent", alarmed=False)
    assert not _answered_by_the_alarm(described, "symptoms", alarmed=True)
    assert not _answered_by_the_alarm("when should I go to A&E with lupus?", "urgent", alarmed=True)
