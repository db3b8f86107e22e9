"""Custom Rasa NLU components (run inside the Rasa server).

* ``knowledge_entities.KnowledgeEntityExtractor`` – canonical entities from the
  spaCy EntityRuler built from the knowledge
* ``knowledge_featurizer.KnowledgeFeaturizer`` – one sparse feature per knowledge
  term, however it was written, for the intent classifier
* ``question_router.SmallTalkQuestionRouter`` – questions for the knowledge that
  the classifier took for small talk or a clinic question go to the answer
* ``red_flag_router.RedFlagRouter`` – routes any message with a red flag now to
  ``report_emergency``, whatever the classifier said, and writes the reading on
  the parse for the actions
"""
