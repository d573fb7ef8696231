# tearsheet: build the example site, test, preview, benchmark.
GO      ?= go
BIN     := bin/tearsheet
PKGS    := ./generator/...
# Flags passed to the build, e.g. make build ARGS="--drafts"
ARGS    ?=

.PHONY: all build fresh test test-go test-browser serve bench bench-base bench-all clean vet fmt tearsheet

all: build

# The generator binary; rebuilt when any Go file changes.
$(BIN): go.mod go.sum $(shell find generator -name '*.go' -not -name '*_test.go')
	$(GO) build -buildvcs=auto -o $(BIN) ./generator/cmd/tearsheet

tearsheet: $(BIN)

# make build reads remote datasets from their committed and cached copies;
# OFFLINE= (empty) fetches them first, as make fresh does.
OFFLINE ?= --offline

## build: build the example site into public/ from committed and cached data (no network)
build: $(BIN)
	./$(BIN) build $(OFFLINE) $(ARGS)

## fresh: fetch the remote datasets (FRED), then build; falls back to the committed copies
fresh: $(BIN)
	./$(BIN) build $(ARGS)

## test: formatting, vet, then the whole test suite beside the browser tests
## (two jobs at once: the browser tests wait on chromium much of the time)
test:
	@unformatted=$$(gofmt -l generator); if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	@$(MAKE) --no-print-directory -j2 test-go test-browser

## test-go: every package's tests but the browser tests
test-go:
	$(GO) test -count=1 -timeout 30m $$($(GO) list $(PKGS) | grep -v /browsertest$$)

## test-browser: drive chromium through the example site, print the drawdowns
## article to PDF, and run html-validate on every page of the example site and
## of a generated 200-article site (verbose, so a skip, the axe-core counts,
## the contrast figures, the validator's counts and the screenshot path show;
## .ci/run installs html-validate, see generator/browsertest/doc.go)
test-browser:
	$(GO) test -count=1 -timeout 30m -v ./generator/browsertest

## serve: live preview on http://127.0.0.1:1313/tearsheet/ (site.yaml's base path), rebuilt as you save
serve: $(BIN)
	./$(BIN) serve $(ARGS)

# Sizes of the generated sites make bench builds, e.g. make bench SIZES=1000,
# and runs of each build (the fastest is shown), e.g. make bench RUNS=3
SIZES   ?= 1000,10000
RUNS    ?= 1
# A commit whose tearsheet make bench measures beside this tree's in the
# same run, taking turns, e.g. make bench BASE=HEAD~3 (see bench-base).
BASE    ?=
BASEBIN := bin/tearsheet-base
BASETHEME := bin/tearsheet-base-theme
# Seeds of the longer run of the model-based test (TestModel) make bench
# ends with; make test runs seed 1.
MODEL_SEEDS ?= 2,3,4,5,6,7,8,9
# Hot stages of a build: markdown, chart SVG, templates, email editions,
# writing; a preview's rebuild after an edit, a retitle and a retag (the
# last a full rebuild), the heap a long preview keeps (live-MB), and the
# query store the incremental engines are moving to (issue 17).
HOT     := 'BenchmarkConvert$$|BenchmarkSVG$$|BenchmarkPNG$$|BenchmarkTemplates$$|BenchmarkText$$|BenchmarkEmail$$|BenchmarkStageWrite$$|BenchmarkStageWarm$$|BenchmarkRelated10k$$|BenchmarkServeArticleEdit$$|BenchmarkSessionArticleEdit10k$$|BenchmarkSessionRetitle10k$$|BenchmarkSessionRetag10k$$|BenchmarkSessionLongPreview$$|BenchmarkStoreEdit10k$$|BenchmarkStoreSaveLoad10k$$|BenchmarkContentEdit10k$$'

## bench: whole builds of generated sites (cold, warm, after an edit), a save to its
## paint in chromium, the hot stages, then the model-based test on more seeds
bench: $(BIN) $(if $(BASE),bench-base)
	$(GO) run ./generator/cmd/benchsite -bin $(BIN) $(if $(BASE),-base $(BASEBIN) -base-theme $(BASETHEME)) -sizes $(SIZES) -runs $(RUNS)
	TEARSHEET_BENCH_SIZES=$(SIZES) $(GO) test -run='^$$' -bench='BenchmarkServePaint$$' -benchtime=10x ./generator/browsertest
	TEARSHEET_BENCH_SIZES=$(SIZES) $(GO) test -v -run='^$$' -bench='BenchmarkSearch$$' -benchtime=3x ./generator/browsertest
	$(GO) test -run='^$$' -bench=$(HOT) -benchmem ./generator/markdown ./generator/chart ./generator/feed ./generator/build ./generator/output ./generator/site ./generator/serve ./generator/internal/query
	TEARSHEET_MODEL_SEEDS=$(MODEL_SEEDS) $(GO) test -timeout 60m -run='^TestModel$$' -v ./generator/cli

## bench-base: build the tearsheet of commit BASE into bin/tearsheet-base, and
## copy its theme (which its sites are built with) into bin/tearsheet-base-theme,
## from a temporary git worktree, for make bench BASE=<commit>
bench-base:
	@test -n "$(BASE)" || { echo "make bench-base: say which commit, e.g. BASE=HEAD~3"; exit 2; }
	@tmp=$$(mktemp -d) && git worktree add --detach -q "$$tmp/base" "$(BASE)" && \
	  (cd "$$tmp/base" && $(GO) build -o "$(CURDIR)/$(BASEBIN)" ./generator/cmd/tearsheet && \
	   rm -rf "$(CURDIR)/$(BASETHEME)" && cp -R themes/default "$(CURDIR)/$(BASETHEME)"); \
	  st=$$?; git worktree remove --force "$$tmp/base"; rm -rf "$$tmp"; exit $$st

## bench-all: every benchmark of every package
bench-all:
	$(GO) test -run='^$$' -bench=. -benchmem $(PKGS)

## clean: remove build output and caches
clean:
	rm -rf public bin .cache
