"""Where the project's files are: the one module that works out the project root from ``__file__``.

Plain constants: importing this reads no file, no environment variable and creates nothing. The
settings that can move a file (``VAR_DIR``, ``MODEL``, ``KNOWLEDGE_FILE``, ``ENDPOINTS``) are read where
they are used, with these paths as their defaults. ``tests/unit/test_layout.py`` checks that no other
module computes the root itself.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The project root: where ``make``, ``scripts/run.sh`` and ``rasa`` run."""

VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
RASA = VENV_BIN / "rasa"

VAR_DIR = ROOT / "var"
"""Conversations, keys and generated settings when ``VAR_DIR`` is not set (``server.privacy.var_dir``)."""

MODELS_DIR = ROOT / "models"
MODEL = MODELS_DIR / "autoimmune-pain.tar.gz"
"""The trained model ``make train`` writes and ``scripts/run.sh``, ``bin/ask`` and the evaluations load."""

WEB_ROOT = ROOT / "web"
"""The demo page, the chat widget and the FAQ page, served by ``tools.web``."""

DOCS_DIR = ROOT / "docs"
SCRIPTS_DIR = ROOT / "scripts"

EVAL_SETS = ROOT / "evaluation" / "sets"
"""The evaluation question sets and corpora, read by ``evaluation/`` and the tests."""
NLU_SETS = EVAL_SETS / "nlu"
SAFETY_SETS = EVAL_SETS / "safety"

# The knowledge's manifest (``KNOWLEDGE_FILE`` when not set), and the built rule pipeline (``make spacy``).
KNOWLEDGE_MANIFEST = ROOT / "knowledge" / "knowledge.yml"
BUILD_DIR = ROOT / "build"
