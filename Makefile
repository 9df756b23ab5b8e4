# The two commands of the README: `make run` and `make test`. Each sets up .venv from scratch.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test suite lint test-package package translations bench venv clean

# Python writes its compiled modules (__pycache__/, ignored by git) even where the environment asks it
# not to: without them every test process compiled the project and pytest re-wrote every test
# module's assertions again (~8 s of CPU per process, five processes a run, plus every subprocess).
unexport PYTHONDONTWRITEBYTECODE

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[desk,central,test,package]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/counter-app $(ARGS)

# The static checks and the suite side by side (make -j 2): mypy fills the minutes the tests spend
# waiting. Four xdist workers on two cores: most tests wait on a central server, PostgreSQL, a
# child process or fsync, and with two workers the cores sat half idle (docs/performance.md,
# "The test suite").
test: $(STAMP)
	$(MAKE) --no-print-directory -j 2 lint suite

suite: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 4 --dist worksteal $(PYTEST_ARGS)

# Static checks, configured in pyproject.toml ([tool.ruff], [tool.mypy]); part of `make test`.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The built wheel in fresh venvs outside the checkout (and the frozen bundle): minutes, so not in `make test`.
test-package: $(STAMP)
	COUNTER_PACKAGE_TESTS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/packaging -q $(PYTEST_ARGS)

# The desk application frozen with PyInstaller (dist/mot-cua-counter/); on Windows, deploy/desk/windows/build.ps1
# also wraps it in the Inno Setup installer. docs/operations.md says why PyInstaller.
package: $(STAMP)
	$(BIN)/python -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller deploy/desk/mot-cua-counter.spec
	@echo "Bundle: dist/mot-cua-counter/mot-cua-counter"

# Screen strings -> counter_app/resources/translations/*.ts (new ones "unfinished"), then the .qm
# the app loads. README, "Translations".
TRANSLATIONS := counter_app/resources/translations
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -target-language en $$(find counter_app -name '*.py' | sort) \
		-ts $(TRANSLATIONS)/counter_app_en.ts
	$(BIN)/pyside6-lrelease $(TRANSLATIONS)/counter_app_en.ts -qm $(TRANSLATIONS)/counter_app_en.qm

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis .mypy_cache .ruff_cache
