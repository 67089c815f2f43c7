# trapvet's build, test and lint entry points. Everything a fresh machine
# needs comes from go.mod through the Go module proxy.

GO ?= go
BIN ?= bin

.PHONY: all build install test test-all test-race integration fmtcheck deadcode vet lint docs corpus bench

all: build

build:
	$(GO) build -o $(BIN)/trapvet ./cmd/trapvet

install:
	$(GO) install ./cmd/trapvet

# The packages whose code runs concurrently in-process (the engine and its
# cache, the driver, the reporter, the baseline) and the analyzers package,
# whose TestTorture runs every analyzer at once over net/http, run a second
# time under the race detector; -short leaves out their tests that analyze
# a whole module with the full suite, which the first run covers and which
# the race detector would make four times slower. (The editor server and the
# command are tested as processes of their own, built without it.)
MODULE = github.com/trapvet/trapvet
RACE_PKGS = $(addprefix $(MODULE)/,analyzers internal/runner internal/driver internal/report internal/baseline)

# The one test command: CI (.ci/run) and the README call exactly this.
# After the tests, trapvet lints its own source in GitHub's annotation
# mode (docs/ci.md): a finding fails the run and shows on its line in CI.
# The two test runs and the dead-code check go side by side: the
# end-to-end tests wait on the processes they start, and the race run and
# the dead-code check fill those gaps. go test's own vet pass (a subset of
# go vet's analyzers) is off in both runs: that last step runs go vet's
# whole suite, beside trapvet's analyzers, over the same packages and
# their tests. The tests type-check the standard library from source again
# and again, in the test processes and in the trapvet and go vet processes
# they start: GOGC=400 lets each heap grow to five times its live data
# between collections, trading memory this machine has for a tenth of the
# run's CPU.
test: fmtcheck
	@$(MAKE) --no-print-directory -j3 deadcode test-all test-race
	$(GO) run ./cmd/trapvet -format=github ./...

test-all:
	GOGC=400 $(GO) test -vet=off -timeout 10m ./...

test-race:
	GOGC=400 $(GO) test -vet=off -race -short -timeout 10m $(RACE_PKGS)

# End-to-end tests that build third-party programs from source and take
# minutes: golangci-lint built with trapvet's plugin the way its users
# build it (docs/golangci-lint.md). Not part of make test's budget.
integration:
	TRAPVET_INTEGRATION=1 $(GO) test -timeout 30m -run 'TestCustomGCL' -v ./plugin/golangci/

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
# runs the validation split (reviewed once, at the end of a stop);
# CORPUS_FLAGS=-keep=DIR keeps each module's output, and -replay=DIR reads it
# back instead of running trapvet: review a complete run's new findings,
# then regenerate docs/found.md from it without a second run.
corpus:
	$(GO) run ./internal/tools/corpus $(CORPUS_FLAGS)

# Cost: trapvet against the no-op floor and go vet, standalone and as
# -vettool, each analyzer alone, and scaling on the corpus. The report is
# printed and written to bench.out; docs/performance.md quotes it.
# BENCH_FLAGS=-count=3 -scale=1,10,100 adjusts it.
bench:
	$(GO) run ./internal/tools/bench -o bench.out $(BENCH_FLAGS)
