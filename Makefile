# trapvet's build, test and lint entry points. Everything a fresh machine
# needs comes from go.mod through the Go module proxy.

GO ?= go
BIN ?= bin

.PHONY: all build install test fmtcheck deadcode vet lint docs corpus bench

all: build

build:
	$(GO) build -o $(BIN)/trapvet ./cmd/trapvet

install:
	$(GO) install ./cmd/trapvet

# The one test command: CI (.ci/run) and the README call exactly this.
# After the tests, trapvet lints its own source in GitHub's annotation
# mode (docs/ci.md): a finding fails the run and shows on its line in CI.
test: fmtcheck deadcode
	$(GO) test -race -timeout 20m ./...
	$(GO) run ./cmd/trapvet -format=github ./...

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null | grep -v /testdata/ || find . -name '*.go' -not -path '*/testdata/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# Dead code (staticcheck's U1000) and unused parameters and results
# (unparam) in trapvet's own source; a finding fails. Both are pinned in
# internal/tools/lint/go.mod, a module of its own, so that trapvet's go.mod
# and its users' build lists stay free of them; go tool caches the binaries.
deadcode:
	sc=$$($(GO) -C internal/tools/lint tool -n staticcheck) && "$$sc" -checks U1000 ./...
	up=$$($(GO) -C internal/tools/lint tool -n unparam) && "$$up" ./...

vet:
	$(GO) vet ./...

# trapvet's own source must be clean under its own analyzers.
lint: vet
	$(GO) run ./cmd/trapvet ./...

# Regenerate docs/<name>.md from each analyzer's doc.go.
docs:
	$(GO) test ./analyzers -run TestDocsPages -update

# Real-code precision: run trapvet over the pinned corpus (corpus/modules.txt,
# fetched through the module proxy into the user cache) and check every
# finding against corpus/review.txt. Needs the network and minutes.
# CORPUS_FLAGS=-modules=github.com/spf13/cobra -analyzers=deferloop narrows it;
# CORPUS_FLAGS=-parity also runs each module through go vet -vettool=trapvet
# and fails if the two modes' findings differ; CORPUS_FLAGS=-validation also
# runs the validation split (reviewed once, at the end of a stop).
corpus:
	$(GO) run ./internal/tools/corpus $(CORPUS_FLAGS)

# Cost: trapvet against the no-op floor and go vet, standalone and as
# -vettool, each analyzer alone, and scaling on the corpus. The report is
# printed and written to bench.out; docs/performance.md quotes it.
# BENCH_FLAGS=-count=3 -scale=1,10,100 adjusts it.
bench:
	$(GO) run ./internal/tools/bench -o bench.out $(BENCH_FLAGS)
