"""The coverage grid page (issue 18): current with the knowledge, every condition in it, gaps shown."""

from __future__ import annotations

from assistant.knowledge import get_knowledge
from tools.grid import GAP, GRID_PAGE, cell, grid_page


def test_the_grid_page_is_current() -> None:
    assert GRID_PAGE.read_text(encoding="utf-8") == grid_page(get_knowledge()), "run: python -m tools.grid"


def test_a_cell_names_the_own_entry_the_shared_one_or_a_gap() -> None:
    knowledge = get_knowledge()
    assert cell(knowledge, "lupus", "heredity") == "lupus_heredity"
    assert cell(knowledge, "multiple_sclerosis", "contagious") == "*autoimmune_contagious*"
    assert cell(knowledge, "sjogren", "what") == "sjogren_what"
    assert cell(knowledge, "fibromyalgia", "heredity") == GAP  # no entry says it, and none covers it
