"""Evaluations of the assistant and the harness that starts it, apart from the operators' commands in ``tools/``.

Modules, one job each:

* ``entry_eval``  – question-level answers on the entry sets (``python -m evaluation.entry_eval SET``)
* ``safety_eval`` – red-flag recall and not-now alarms on the safety corpora (``python -m evaluation.safety_eval``)
* ``nlu_eval``    – intent macro-F1 and entity F1, held out or cross-validated (``python -m evaluation.nlu_eval``)
* ``bench``       – speed and memory against a stock ``rasa init`` bot (``make bench``)
* ``servers``     – start the assistant through ``scripts/run.sh`` as ``make run`` does (``bench`` and the end-to-end tests)

The question sets and corpora these read are in ``evaluation/sets/``. This package may use ``tools.ask``
(the assistant in-process); ``tools/`` never imports it, and nothing here imports ``tests``.
"""
