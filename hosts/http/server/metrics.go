package server

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the server's Prometheus collectors. Labels are closed sets: route
// patterns, status codes, known op names (else "unknown") and envelope codes.
type metrics struct {
	requests       *prometheus.CounterVec
	duration       *prometheus.HistogramVec
	inFlight       prometheus.Gauge
	outcomes       *prometheus.CounterVec
	engineDuration *prometheus.HistogramVec
	engineInFlight prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer, cfg Config) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "paycore_http_requests_total",
			Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "paycore_http_request_duration_seconds",
			Help:    "Time from routing to the end of the handler, by route pattern.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "paycore_http_requests_in_flight",
			Help: "Requests being served.",
		}),
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "paycore_op_outcomes_total",
			Help: `Op answers by op and envelope code ("ok" for an ok envelope).`,
		}, []string{"op", "code"}),
		engineDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "paycore_engine_call_duration_seconds",
			Help:    "Time of one engine call (waiting for an instance included), by op.",
			Buckets: []float64{.00005, .0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}, []string{"op"}),
		engineInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name:        "paycore_engine_calls_in_flight",
			Help:        "Engine calls running or waiting for an instance.",
			ConstLabels: prometheus.Labels{"engine": cfg.EngineName},
		}),
	}
	cs := []prometheus.Collector{m.requests, m.duration, m.inFlight, m.outcomes, m.engineDuration, m.engineInFlight}
	if cfg.PoolStats != nil {
		labels := prometheus.Labels{"engine": cfg.EngineName}
		stats := cfg.PoolStats
		cs = append(cs,
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "paycore_engine_pool_size", Help: "Instances that may run at once.", ConstLabels: labels,
			}, func() float64 { return float64(stats().Size) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: "paycore_engine_instances_created_total", Help: "Engine instances started.", ConstLabels: labels,
			}, func() float64 { return float64(stats().Created) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: "paycore_engine_instances_replaced_total", Help: "Engine instances thrown away after a trap or an interrupted call.", ConstLabels: labels,
			}, func() float64 { return float64(stats().Replaced) }),
		)
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	// The Go runtime and process collectors may already be in a registry the
	// embedding program shares.
	for _, c := range []prometheus.Collector{collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		if err := reg.Register(c); err != nil && !errors.As(err, new(prometheus.AlreadyRegisteredError)) {
			return nil, err
		}
	}
	return m, nil
}
