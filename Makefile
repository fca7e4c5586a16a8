# paycore — build, test and check. `make test` is the README's test command.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 3s

.PHONY: all wasm build test check vectors bench fuzz run clean

all: build

# The WebAssembly core (hosts/wasm/guest) beside the CLI: `--engine wasm` finds
# bin/paycore.wasm next to bin/paycore. Same flags as hosts/wasm/wasmtest, so tests and
# make produce the same bytes and share the compilation cache.
wasm:
	GOOS=wasip1 GOARCH=wasm $(GO) build -buildmode=c-shared -trimpath -buildvcs=false -tags=validator_novalidatefn -ldflags='-s -w' -o bin/paycore.wasm ./hosts/wasm/guest

build: wasm
	$(GO) build $(PKGS)
	$(GO) build -o bin/paycore ./hosts/cli
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/paycore-http ./hosts/http

test: build wasm
	$(GO) test $(PKGS)
	$(MAKE) fuzz FUZZTIME=$(FUZZTIME)

# Short fuzz runs of every fuzz target (each for $(FUZZTIME)); run longer locally with
# `make fuzz FUZZTIME=5m`.
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg >/dev/null || { $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; exit 1; }; \
	  done; \
	done

check:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)
	$(GO) mod tidy -diff
	GOOS=wasip1 GOARCH=wasm $(GO) build ./core/...

vectors:
	$(GO) test ./testvectors -count=1 -v -run 'Vectors' | grep -E '^(=== RUN|--- FAIL|ok|FAIL)' | grep -v '=== RUN' || true
	$(GO) test ./testvectors -count=1

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

run: build
	./bin/paycore validate --example
	./bin/paycore build --example

# The paycore-http container image (Dockerfile: the same build as above, on
# distroless, non-root). Needs a Docker daemon; CI builds the binary, not the image.
.PHONY: docker
DOCKER ?= docker
IMAGE  ?= paycore-http
docker:
	$(DOCKER) build -t $(IMAGE) .

clean:
	rm -rf bin
