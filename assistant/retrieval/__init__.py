"""Choose the entry that answers a question: the subject by rules, the aspect by a small classifier.

An entry answers one aspect (heredity, treatment, pregnancy...) of one subject
(a condition, a pain type, autoimmune disease in general). The two are found
apart, so that a pair never seen together still works: "Is MS hereditary?"
finds ``multiple_sclerosis_heredity`` even if only RA's examples say
"hereditary".

A message is read once into a :class:`Question` (``finder.read(text)``), and
every rule takes that value: ``finder.choose(question, subject, last_entry)``,
``finder.asks_for_a_diagnosis(question)``, ``finder.has(question, "medicine_request")``.

* **Subject** (:mod:`.subjects`): the spaCy rules (the knowledge file's
  synonyms), the general words ("autoimmune"), misspellings, else the subject
  of the conversation so far.
* **Aspect** (:mod:`.aspects`): a TF-IDF + logistic-regression classifier
  trained, once per process, on every entry's title and examples with the subject masked.
* **Not covered** (:mod:`.rules`): a condition, a symptom or a medicine the
  knowledge does not cover (``not_covered``), an aspect the subject has no
  entry for, or a weak match gives :class:`Choice` without an entry
  (:mod:`.choice`): the caller says "I don't have information about ..." and
  offers the nearest entries. Never another entry's answer as if it answered.

Modules: ``lexicon`` (word lists), ``subjects``, ``question`` (the value),
``aspects`` (the classifier), ``index`` (all that is built once), ``requests``
(does it ask, ask to be diagnosed, ask again), ``rules``, ``choice``, ``finder``.
"""

from assistant.retrieval.choice import Choice, answers_beside_a_medicine, treatment_beside_a_medicine
from assistant.retrieval.finder import EntryFinder, get_finder
from assistant.retrieval.question import Question

__all__ = ["Choice", "EntryFinder", "Question", "answers_beside_a_medicine", "get_finder", "treatment_beside_a_medicine"]
