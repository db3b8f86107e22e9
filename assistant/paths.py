"""Where the project's files are: the one module that works out the project root from ``__file__``."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The project root: where ``make``, ``scripts/run.sh`` and ``rasa`` run."""

KNOWLEDGE_DIR = ROOT / "knowledge"
KNOWLEDGE_MANIFEST = KNOWLEDGE_DIR / "knowledge.yml"
"""The knowledge's manifest: ``KNOWLEDGE_FILE`` when not set (``assistant.knowledge.knowledge_path``)."""
BUILD_DIR = ROOT / "build"
