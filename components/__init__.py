"""Custom Rasa NLU components (run inside the Rasa server).

* ``knowledge_entities.KnowledgeEntityExtractor`` – canonical entities from the
  spaCy EntityRuler built from the knowledge file
* ``red_flag_router.RedFlagRouter`` – routes any message with a red flag to
  ``report_emergency``, whatever the classifier said
"""
