# trapvet's build, test and lint entry points. Everything a fresh machine
# needs comes from go.mod through the Go module proxy.

GO ?= go
BIN ?= bin

.PHONY: all build install test fmtcheck vet lint docs

all: build

build:
	$(GO) build -o $(BIN)/trapvet ./cmd/trapvet

install:
	$(GO) install ./cmd/trapvet

# The one test command: CI (.ci/run) and the README call exactly this.
test: fmtcheck
	$(GO) test -race ./...

fmtcheck:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null | grep -v /testdata/ || find . -name '*.go' -not -path '*/testdata/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# trapvet's own source must be clean under its own analyzers.
lint: vet
	$(GO) run ./cmd/trapvet ./...

# Regenerate docs/<name>.md from each analyzer's doc.go.
docs:
	$(GO) test ./analyzers -run TestDocsPages -update
