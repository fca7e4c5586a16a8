package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/paycore/paycore/core"
	"github.com/paycore/paycore/gateway"
	"github.com/paycore/paycore/gateway/antomclient"
	"github.com/paycore/paycore/gateway/database"
	"github.com/paycore/paycore/gateway/forwarder"
	"github.com/paycore/paycore/gateway/httpapi"
	"github.com/paycore/paycore/hosts/http/server"
)

// gatewayOptions are the payments gateway's settings. The gateway is on when a
// client id is given.
type gatewayOptions struct {
	clientID           string
	antomURL           string
	db                 string
	privateKeyFile     string
	antomPublicKeyFile string
	keyVersion         string
	webhookURL         string
	webhookSecretFile  string
	webhookLease       time.Duration
	webhookAttempts    int
	antomTimeout       time.Duration
}

// Key values may also come whole from these variables (never from flags, so
// they stay out of process listings). They are never logged.
const (
	envPrivateKey     = "PAYCORE_PRIVATE_KEY"
	envAntomPublicKey = "PAYCORE_ANTOM_PUBLIC_KEY"
	envWebhookSecret  = "PAYCORE_WEBHOOK_SECRET"
)

// secret reads a key from its file, else from its variable.
func secret(file, envName string, getenv func(string) string, what string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", &usageError{fmt.Sprintf("%s: %v", what, err)}
		}
		return strings.TrimSpace(string(b)), nil
	}
	if v := getenv(envName); v != "" {
		return v, nil
	}
	return "", nil
}

// startGateway opens the store, builds the gateway and its routes, and starts
// the forwarder (when a webhook URL is set). stop closes what it opened.
func startGateway(ctx context.Context, g gatewayOptions, getenv func(string) string, engine core.Engine, reg *prometheus.Registry, logger *slog.Logger) ([]server.Mount, func(), error) {
	if g.clientID == "" {
		return nil, func() {}, nil
	}
	priv, err := secret(g.privateKeyFile, envPrivateKey, getenv, "merchant private key")
	if err != nil {
		return nil, nil, err
	}
	pub, err := secret(g.antomPublicKeyFile, envAntomPublicKey, getenv, "Antom public key")
	if err != nil {
		return nil, nil, err
	}
	if priv == "" || pub == "" {
		return nil, nil, &usageError{"the gateway needs the merchant private key (--private-key-file or $" + envPrivateKey +
			") and Antom's public key (--antom-public-key-file or $" + envAntomPublicKey + ")"}
	}
	whSecret, err := secret(g.webhookSecretFile, envWebhookSecret, getenv, "webhook secret")
	if err != nil {
		return nil, nil, err
	}
	if g.webhookURL != "" && whSecret == "" {
		return nil, nil, &usageError{"--webhook-url needs a shared secret (--webhook-secret-file or $" + envWebhookSecret + ")"}
	}
	kind, _, err := database.Parse(g.db)
	if err != nil {
		return nil, nil, &usageError{err.Error()}
	}
	store, err := database.Open(ctx, g.db)
	if err != nil {
		return nil, nil, err
	}
	client, err := antomclient.New(antomclient.Config{BaseURL: g.antomURL, Engine: engine, PublicKey: pub, Timeout: g.antomTimeout})
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	svc, err := gateway.New(gateway.Config{Engine: engine, Store: store, Antom: client, ClientID: g.clientID,
		PrivateKey: priv, KeyVersion: g.keyVersion, AntomPublicKey: pub})
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	var stats func() any
	if g.webhookURL != "" {
		fwd := forwarder.New(forwarder.Config{Store: store, WebhookURL: g.webhookURL, Secret: []byte(whSecret),
			Lease: g.webhookLease, MaxAttempts: g.webhookAttempts})
		stats = func() any { return fwd.Stats() }
		for name, f := range map[string]func() int64{
			"delivered":     func() int64 { return fwd.Stats().Delivered },
			"retried":       func() int64 { return fwd.Stats().Retried },
			"dead_lettered": func() int64 { return fwd.Stats().DeadLettered },
		} {
			reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: "paycore_gateway_events_" + name + "_total",
				Help: "Outbox events " + strings.ReplaceAll(name, "_", " ") + " by the webhook forwarder.",
			}, func() float64 { return float64(f()) }))
		}
		go func() { fwd.Run(fctx); close(done) }()
	} else {
		close(done)
	}
	api := httpapi.New(svc, store, stats)
	var mounts []server.Mount
	for _, r := range api.Routes() {
		// Antom calls get up to 3 attempts of antomTimeout plus an inquiry.
		mounts = append(mounts, server.Mount{Pattern: r.Pattern, Handler: r.Handler, Timeout: 5*g.antomTimeout + 5*time.Second})
	}
	logger.Info("gateway ready", "store", kind, "antom_url", g.antomURL, "client_id", g.clientID,
		"webhook", g.webhookURL != "", "routes", len(mounts))
	stop := func() {
		cancel()
		<-done
		if err := store.Close(); err != nil && !errors.Is(err, context.Canceled) {
			logger.Warn("store close", "error", err.Error())
		}
	}
	return mounts, stop, nil
}
