# kwalibot — `make run` starts the assistant, `make test` runs every test.
# Both set up what they need on a fresh machine.

SHELL := /bin/bash
# A Python 3.10 interpreter (Rasa 3.6 supports 3.8-3.10): PYTHON=... overrides,
# else python3.10 on PATH (pyenv shims honour .python-version), else pyenv's 3.10.
PYTHON ?= $(shell command -v python3.10 2>/dev/null || ls -d $$(pyenv root 2>/dev/null)/versions/3.10*/bin/python3.10 2>/dev/null | tail -n 1)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KB := var/kwalibot.sqlite3
SPACY := var/spacy_nl
NLU_GENERATED := data/nlu/generated/kwalificaties.yml
RASA_CLI := $(VENV)/bin/rasa
RASA_PORT ?= 5005
ACTION_PORT ?= 5055
WEB_PORT ?= 8000
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: setup kb test run shell train eval eval-fast bench bench-kb bench-scale bench-cluster cluster lock clean browser nginx webchat-vendor

setup: $(STAMP)

$(STAMP): requirements.txt constraints.txt
	@test -n "$(PYTHON)" || { echo "No Python 3.10 found: install it (e.g. pyenv install 3.10.13) or pass PYTHON=/path/to/python3.10" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 10), sys.version' || { echo "$(PYTHON) is not Python 3.10" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==24.0
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $(STAMP)

# Rebuild the knowledge base only when a source, the manifest or the parsing code changed.
$(KB): $(STAMP) $(wildcard knowledge/sources/*) $(shell find knowledge -name '*.py')
	$(PY) -m knowledge build $(if $(filter test,$(MAKECMDGOALS)),--strict)

kb: $(KB)

$(SPACY): $(STAMP) bot/spacy_nl.py
	$(PY) -m bot.spacy_nl $(SPACY)
	touch $(SPACY)

# Names and codes in training examples come from the knowledge base, never typed by hand.
$(NLU_GENERATED): $(KB) bot/nlu_templates.yml bot/generate_nlu.py
	$(PY) -m bot.generate_nlu

MODEL := models/kwalibot.tar.gz
# Trained again only when the training data, config or domain changed.
$(MODEL): $(SPACY) $(NLU_GENERATED) config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) bot/nlu/components.py knowledge/codes.py
	$(RASA_CLI) train --quiet --fixed-model-name kwalibot --out models
	touch $(MODEL)

train: $(MODEL)

# A Debian package the tests need: $(1) the package, $(2) its program, $(3) what goes without it.
# Installed as root or with sudo when missing; otherwise a note (the tests then skip, and fail under
# KWALIBOT_REQUIRE_SERVICES=1).
define debian_package
	@if [ -x $(2) ] || command -v $(1) >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian's $(1) for $(3)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	elif sudo -n true 2>/dev/null; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
		echo "NOTE: no $(2) and not root: $(3) will be skipped (failed under KWALIBOT_REQUIRE_SERVICES=1)." >&2; \
		echo "      Install it with: sudo apt-get install $(1)" >&2; \
	fi
endef

# Headless Chromium for the web chat tests, from Debian's packages (never a browser download).
CHROMIUM := /usr/bin/chromium
browser:
	$(call debian_package,chromium,$(CHROMIUM),the browser tests)

# nginx balances `make cluster` (and its tests), from Debian's package like chromium above.
NGINX := /usr/sbin/nginx
nginx:
	$(call debian_package,nginx,$(NGINX),make cluster and the cluster tests)

test: $(KB) train browser nginx
	$(PY) -m pytest -q tests

run: $(KB) train
	$(PY) -m bot.run --rasa-port $(RASA_PORT) --action-port $(ACTION_PORT) --web-port $(WEB_PORT)

# N Rasa replicas and M action servers behind nginx on this machine's PostgreSQL and Redis (bot/cluster.py).
RASA ?= 2
ACTIONS ?= 2
cluster: $(KB) train nginx
	$(PY) -m bot.cluster --rasa $(RASA) --actions $(ACTIONS) --port $(RASA_PORT) --action-port $(ACTION_PORT) --web-port $(WEB_PORT)

shell: $(KB) train
	$(PY) -m bot.run --rasa-port $(RASA_PORT) --action-port $(ACTION_PORT) --shell

# Answer quality on the project's copy of the development questions (starts kwalibot if none runs).
eval: $(KB) train
	$(PY) -m bot.evaluation --start --port $(RASA_PORT) --file $(or $(EVAL_FILE),tests/eval/dev_questions.yaml)

# The same, without servers: the model's NLU and the question model in this process (seconds per hundred).
eval-fast: $(KB) train
	$(PY) -m bot.evaluation --in-process --file $(or $(EVAL_FILE),tests/eval/dev_questions.yaml) $(EVAL_ARGS)

# REST latency/throughput of kwalibot next to a plain `rasa init` bot, in the same run.
bench: $(KB) train
	$(PY) -m bot.benchmark

# Throughput and latency of 1 Rasa replica + 1 action server vs 2 + 2, behind nginx (bot/bench_cluster.py).
bench-cluster: $(KB) train nginx
	$(PY) -m bot.bench_cluster

bench-kb: $(STAMP)
	$(PY) -m knowledge bench

# ~80 generated dossiers (one broken) next to the three sources: build and training time, linking, bare codes,
# reply p50/p95 and memory of both bots in one run (trains a model in a temporary folder: ~5-10 minutes).
bench-scale: $(KB) train
	$(PY) -m bot.bench_scale

# Regenerate constraints.txt (all transitive pins) from the current environment.
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -viE '^(pip|setuptools|wheel)==' > constraints.txt

# Refresh web/static/vendor/ (rasa-webchat) and tests/e2e/vendor/ (axe-core, for the accessibility tests)
# from the packages locked in web/package-lock.json (needs npm; `make run` and `make test` do not: the
# vendored files are committed).
webchat-vendor:
	$(PY) -m bot.web --vendor
	$(PY) -m tests.e2e.axe --vendor

clean:
	rm -rf var/*.sqlite3 models .pytest_cache
