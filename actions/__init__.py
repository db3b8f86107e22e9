"""Custom actions of the autoimmune-pain patient-education assistant.

Modules, one job each:

* ``knowledge`` – load and validate ``knowledge/knowledge.yml``
* ``nlp``       – the rule-based spaCy pipeline built from it (entities, red flags)
* ``safety``    – red-flag detection and the emergency reply
* ``topics``    – choose the topic for an intent and its entities
* ``replies``   – compose replies; the one place the disclaimer is added
* ``clinic``    – the clinic's contact details from the environment
* ``actions``   – the Rasa SDK action classes, thin on top
* ``server``    – start the action server after checking the knowledge file
"""
