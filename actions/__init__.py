"""The Rasa SDK action server of the autoimmune-pain assistant: action classes and the server only.

* ``actions`` – the action classes, thin on top of :mod:`assistant`
* ``server``  – start the action server after checking the knowledge file

Knowledge, rules, choosing and replies live in the :mod:`assistant` package.
"""
