# paycore-http in a container: a static binary and the WebAssembly core on
# distroless, run as a non-root user.
#
#   make docker                                   # docker build -t paycore-http .
#   docker run --rm -p 8080:8080 paycore-http      # native engine
#   docker run --rm -p 8080:8080 -e PAYCORE_ENGINE=wasm paycore-http
#
# Configuration is by PAYCORE_* variables (paycore-http --help lists them).

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same commands as `make build` (CI): the WebAssembly core, then paycore-http
# without cgo, so the binary is static. A test keeps this line and the Makefile's
# equal.
RUN make wasm
RUN CGO_ENABLED=0 go build -trimpath -o bin/paycore-http ./hosts/http

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/bin/paycore-http /src/bin/paycore.wasm /app/
USER nonroot:nonroot
# Listen on every interface inside the container; drain within docker stop's
# 10 s grace period.
ENV PAYCORE_ADDR=0.0.0.0:8080 \
    PAYCORE_SHUTDOWN_TIMEOUT=8s
EXPOSE 8080
# No shell or curl in the image: the binary probes its own /healthz.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["/app/paycore-http", "probe"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/paycore-http"]
