# caregap: the commands people expect. Each target installs what it needs first.
SHELL := /bin/bash
SOURCES := $(shell find pipeline rules reports sample-data bench -name '*.ts' -not -path '*/node_modules/*' 2>/dev/null)
CAREGAP := node bin/caregap.js
DEMO_INPUT := sample-data/claims

.PHONY: setup demo test check typecheck bench sample clean

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

dist/.built: node_modules/.installed tsconfig.json tsconfig.build.json $(SOURCES)
	npx tsc -p tsconfig.build.json
	@touch $@

## setup: install the pinned dependencies and build the CLI
setup: dist/.built

## demo: run the whole pipeline on the bundled synthetic claims sample
demo: setup
	$(CAREGAP) run --input $(DEMO_INPUT) --valuesets $(DEMO_INPUT)/valuesets --out out/demo
	@sed -n '/^## Overview/,/^## Attrition/p' out/demo/summary.md | sed '$$d'
	@echo "caregap demo: reports written to out/demo (report.html, summary.md, patient_gaps.csv, manifest.json)"

## test: the whole test suite; the closing `tests: N passed, N failed` line prints on failure too,
## and make still exits with vitest's status
test: setup
	@mkdir -p .tmp && rm -f .tmp/vitest-results.json
	CAREGAP_BUILT=1 npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-results.json; \
	  status=$$?; node test/printTestSummary.mjs .tmp/vitest-results.json; exit $$status

## typecheck: strict TypeScript over sources and tests
typecheck: node_modules/.installed
	npx tsc -p tsconfig.json --noEmit

## check: typecheck, then the tests
check: typecheck test

## bench: speed and memory against DuckDB's bare load (writes bench/results.md)
bench: setup
	node dist/bench/runBench.js

## sample: regenerate the committed synthetic samples
sample: setup
	bash sample-data/generate-sample.sh

clean:
	rm -rf dist out .tmp test-artifacts
