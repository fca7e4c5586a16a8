# paycore — build, test and check. `make test` is the README's test command.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 2000x

.PHONY: all wasm build test check vectors bench fuzz mutate run clean

all: build

# The WebAssembly core (hosts/wasm/guest) beside the CLI: `--engine wasm` finds
# bin/paycore.wasm next to bin/paycore. Same flags as hosts/wasm/wasmtest, so tests and
# make produce the same bytes and share the compilation cache.
wasm:
	GOOS=wasip1 GOARCH=wasm $(GO) build -buildmode=c-shared -trimpath -buildvcs=false -tags=validator_novalidatefn -ldflags='-s -w' -o bin/paycore.wasm ./hosts/wasm/guest

build: wasm
	$(GO) build $(PKGS)
	$(GO) build -o bin/paycore ./hosts/cli

# Host and engine tests run Node.js and bin/paycore.wasm, which Go's test cache does not
# track: they always run (-count=1).
test: build wasm
	$(GO) test $$($(GO) list $(PKGS) | grep -v '/hosts/')
	$(GO) test -count=1 ./hosts/...
	$(MAKE) fuzz FUZZTIME=$(FUZZTIME)

# Every fuzz target for $(FUZZTIME) (see .ci/fuzz): a count by default, so a loaded machine
# is slower but cannot fail by chance; run longer locally with `make fuzz FUZZTIME=5m`.
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) ./.ci/fuzz

# Mutation testing of the rule packages (slow, local only; see docs/TESTING.md).
mutate:
	GO=$(GO) ./.ci/mutate $(MUTATE_PKGS)

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
	./bin/paycore validate
	./bin/paycore build

clean:
	rm -rf bin
