# The two commands a newcomer needs:
#   make run    install everything, build, train if needed, start the assistant on localhost:5005
#   make test   install everything, build, train if needed, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
# the rasa command without its libraries' deprecation notices (server/quiet.py)
RASA   := $(PY) -m server.rasa_cli
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

INSTALLED   := $(VENV)/.installed
SPACY_DIR   := build/spacy_kb
SPACY_STAMP := $(SPACY_DIR)/meta.json
ALARM_MODEL := build/alarm-model.pickle
ASPECTS     := build/.aspects
MODEL_DIR   := models
MODEL_STAMP := $(MODEL_DIR)/.trained
WEBCHAT     := web/vendor/rasa-webchat/.installed-1.0.1
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*/*.yml) $(wildcard components/*.py) $(SPACY_STAMP)

.PHONY: help install spacy alarm aspects train run test test-unit test-e2e validate validate-knowledge nlu-eval nlu-cv lint bench clean faq grid retention

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

install: ## make .venv with Python 3.10, install the pinned requirements and the chat widget
	@scripts/install.sh
	@scripts/install-web.sh

$(WEBCHAT): scripts/install-web.sh
	@scripts/install-web.sh || echo "warning: no chat widget (see above): the assistant runs, the demo page will not; the browser test fails" >&2

$(INSTALLED): requirements.txt requirements-dev.txt constraints.txt scripts/install.sh
	@scripts/install.sh
	@touch $@

validate-knowledge: $(INSTALLED) ## check the knowledge files (knowledge/)
	@$(PY) -m assistant.knowledge

KNOWLEDGE_FILES := $(wildcard knowledge/*.yml knowledge/*/*.yml)

$(SPACY_STAMP): $(KNOWLEDGE_FILES) $(wildcard assistant/knowledge/*.py) assistant/nlp.py assistant/normalise.py assistant/token_rules.py $(INSTALLED)
	@$(PY) -m assistant.nlp $(SPACY_DIR)

spacy: $(SPACY_STAMP) ## build the rule-based spaCy pipeline from the knowledge file

$(ALARM_MODEL): $(wildcard evaluation/sets/safety/*.yml evaluation/sets/nlu/*.yml data/nlu/*.yml) $(KNOWLEDGE_FILES) assistant/alarm.py assistant/retrieval/aspects.py evaluation/emergency_classifier.py evaluation/safety_eval.py $(INSTALLED)
	@$(PY) -m evaluation.emergency_classifier --build --out $@

alarm: $(ALARM_MODEL) ## train the alarm model, the second reading of emergencies beside the rules (about a minute)

$(ASPECTS): $(SPACY_STAMP) $(wildcard evaluation/sets/nlu/*.yml assistant/retrieval/*.py) $(KNOWLEDGE_FILES) $(INSTALLED)
	@$(PY) -m assistant.retrieval
	@touch $@

aspects: $(ASPECTS) ## train the retrieval's aspect models (both languages, about a minute), kept in build/

$(MODEL_STAMP): $(TRAIN_INPUTS) $(INSTALLED) | $(ALARM_MODEL)
	@mkdir -p $(MODEL_DIR)
	$(RASA) train --fixed-model-name autoimmune-pain --out $(MODEL_DIR)
	@touch $@

train: $(MODEL_STAMP) ## train the Rasa model if data, config or knowledge changed

run: $(MODEL_STAMP) $(ALARM_MODEL) $(ASPECTS) $(WEBCHAT) ## install, build, train if needed, and start both servers on localhost
	@scripts/run.sh

validate: $(SPACY_STAMP) ## rasa data validate, warnings are errors
	@scripts/validate.sh

test-unit: $(SPACY_STAMP) $(ALARM_MODEL) $(ASPECTS) ## pytest: knowledge, topics, replies, disclaimer, safety
	$(PY) -m pytest tests/unit -q

test-e2e: $(MODEL_STAMP) $(ALARM_MODEL) $(ASPECTS) $(WEBCHAT) ## pytest: NLU held-out bar and both servers over REST on localhost
	$(PY) -m pytest tests/e2e -q

test: $(MODEL_STAMP) $(ALARM_MODEL) $(ASPECTS) $(WEBCHAT) ## every test: lint, knowledge, data validation, unit, conversations, NLU bar, end to end
	@scripts/test.sh

nlu-eval: $(MODEL_STAMP) $(ALARM_MODEL) ## print intent macro-F1 and entity F1 on the held-out set
	$(PY) -m evaluation.nlu_eval heldout

nlu-cv: $(SPACY_STAMP) $(ALARM_MODEL) ## the same figures by 5-fold cross-validation on the training data (about 10 min)
	$(PY) -m evaluation.nlu_eval cv --folds 5

lint: $(INSTALLED) ## ruff
	$(VENV)/bin/ruff check .

clean: ## remove built and trained files (keeps .venv)
	rm -rf build models results .pytest_cache

bench: $(MODEL_STAMP) $(ALARM_MODEL) $(ASPECTS) ## measure speed and memory against a stock `rasa init` bot; writes docs/benchmarks.md
	$(PY) -m evaluation.bench

faq: $(INSTALLED) ## build the printable, searchable front-desk FAQ page web/faq.html from the knowledge file
	$(PY) -m tools.faq

grid: $(INSTALLED) ## write docs/grid.md: which entry answers each condition x question type (the coverage grid)
	$(PY) -m tools.grid

retention: $(INSTALLED) ## delete conversations older than DAYS (default RETENTION_DAYS or 90) from the conversation store
	$(PY) -m tools.retention $(if $(DAYS),--days $(DAYS))
