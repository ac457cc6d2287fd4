# make run: install, prepare the model, build/update the index, start the app.
# make test: install, run the whole test suite.
PY      := .venv/bin/python
STAMP   := .venv/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)

.PHONY: run test install model index browser bench

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	rm -f .venv/.installed-*
	touch $@

install: $(STAMP)

model: install
	$(PY) -m search model

index: model
	$(PY) -m search index --if-needed

run: index
	$(PY) -m streamlit run app.py --server.headless true --browser.gatherUsageStats false

# Debian's Chromium (and a Japanese font for readable screenshots) for the end-to-end browser test.
browser:
	@(command -v chromium && fc-list | grep -qi "noto sans cjk") >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

test: install model browser
	$(PY) -m pytest -q tests
