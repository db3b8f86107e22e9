"""The knowledge layer of the autoimmune-pain assistant, used by the actions, the NLU
components, the channels and the tools alike.

Modules, one job each:

* ``knowledge`` – load and validate the knowledge files (``knowledge/``) (``python -m assistant.knowledge``)
* ``nlp``       – the rule-based spaCy pipeline built from it: entities, red flags (``python -m assistant.nlp``)
* ``safety``    – the red-flag rules: which groups, and whether happening now or only mentioned
* ``topics``    – choose the topic for an intent and its entities
* ``replies``   – compose replies; the one place the disclaimer is added
* ``clinic``    – the clinic's contact details from the environment
* ``paths``     – where the project's files are: the root, ``var/``, ``web/``, the model, the evaluation sets
"""
