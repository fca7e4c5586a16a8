# paycore — build, test and check. `make test` is the README's test command.
GO      ?= go
PKGS    := ./...
FUZZTIME ?= 2000x

.PHONY: all wasm build test check vectors bench fuzz mutate run clean sandbox sandbox-screenshots

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

# The README's main job: paycore-http with the sandbox in-process as Antom and SQLite in
# a temporary directory walks a payment end to end, then keeps serving (Ctrl-C stops).
RUN_ADDR ?= 127.0.0.1:8080
run: build
	./bin/paycore-http demo --serve --addr $(RUN_ADDR)

# The same walk with a scripted buyer; exits 0 only if every step behaved as expected.
.PHONY: demo
demo: build
	./bin/paycore-http demo

# The paycore-http container image (Dockerfile: the same build as above, on
# distroless, non-root). Needs a Docker daemon; CI builds the binary, not the image.
.PHONY: docker
DOCKER ?= docker
IMAGE  ?= paycore-http
docker:
	$(DOCKER) build -t $(IMAGE) .

# The offline Antom on 127.0.0.1:8090, verifying requests with the repository's test-only
# merchant key (testvectors/keys); see README, "The sandbox".
sandbox:
	$(GO) run ./hosts/sandbox/cmd/paycore-sandbox --merchant-public-key testvectors/keys/merchant_public.pem

# Rerun the sandbox's browser tests and refresh the README's screenshots in docs/img.
sandbox-screenshots:
	rm -rf bin/artifacts && mkdir -p bin/artifacts
	$(GO) test -count=1 -run Browser ./hosts/sandbox -artifacts -outputdir $(CURDIR)/bin/artifacts
	mkdir -p docs/img && for f in $$(find bin/artifacts -name '*.png'); do cp $$f docs/img/sandbox-$$(basename $$f); done

clean:
	rm -rf bin

# The Node.js and Python packages of the WebAssembly core (hosts/node, hosts/python) and
# their tests: every golden vector byte-identical to the native engine
# (.cache/conformance.jsonl), the packages installed as users get them, the examples.
VENV   ?= .venv
PYTHON ?= python3
NODE   ?= node

.PHONY: conformance node-test python-env python-test hosts-test node-pack python-wheel

test: hosts-test

hosts-test: node-test python-test

conformance:
	$(GO) run ./internal/conformance -o .cache/conformance.jsonl

node-test: wasm conformance
	cp bin/paycore.wasm hosts/node/paycore.wasm
	cd hosts/node && $(NODE) --test test/*.test.mjs

# A virtual environment with the tests' packages from PyPI, and wasmtime's wheel kept
# in $(VENV)/wheelhouse so the wheel test installs into a fresh environment offline.
python-env: $(VENV)/.paycore-env

$(VENV)/.paycore-env: hosts/python/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q -r hosts/python/requirements-dev.txt
	$(VENV)/bin/python -m pip download -q --no-deps -d $(VENV)/wheelhouse $$(grep '^wasmtime==' hosts/python/requirements-dev.txt)
	touch $@

python-test: wasm conformance python-env
	cp bin/paycore.wasm hosts/python/src/paycore/paycore.wasm
	cd hosts/python && ../../$(VENV)/bin/python -m pytest -q

# dist/paycore-core-<version>.tgz: `npm install ./dist/paycore-core-*.tgz` (no network needed).
node-pack: wasm
	cp bin/paycore.wasm hosts/node/paycore.wasm
	mkdir -p dist
	cd hosts/node && npm pack --pack-destination ../../dist --loglevel=error

# dist/paycore-<version>-py3-none-any.whl: `pip install dist/paycore-*.whl` (wasmtime from PyPI).
python-wheel: wasm python-env
	cp bin/paycore.wasm hosts/python/src/paycore/paycore.wasm
	$(VENV)/bin/python -m pip wheel -q --no-deps --no-build-isolation -w dist ./hosts/python
