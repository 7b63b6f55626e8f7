package bot

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the bot's Prometheus figures. A nil *Metrics records nothing.
type Metrics struct {
	updates  *prometheus.CounterVec
	latency  prometheus.Histogram
	outcomes *prometheus.CounterVec
	reg      prometheus.Registerer
}

// NewMetrics registers the bot's metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "openkarir_updates_total", Help: "Updates handled, by kind.",
		}, []string{"kind"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "openkarir_handler_seconds", Help: "Time to handle one update, replies included.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}),
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "openkarir_outbox_messages_total", Help: "Messages the sender finished or retried, by outcome.",
		}, []string{"outcome"}),
		reg: reg,
	}
	reg.MustRegister(m.updates, m.latency, m.outcomes)
	return m
}

func (m *Metrics) update(kind string, took time.Duration) {
	if m == nil {
		return
	}
	m.updates.WithLabelValues(kind).Inc()
	m.latency.Observe(took.Seconds())
}

// outcome counts a sender result: sent, failed, unreachable or retried.
func (m *Metrics) outcome(o string) {
	if m != nil {
		m.outcomes.WithLabelValues(o).Inc()
	}
}

// watchDepth exposes the number of messages waiting in the outbox.
func (m *Metrics) watchDepth(depth func() float64) {
	if m != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "openkarir_outbox_depth", Help: "Messages waiting in the outbox (on the process that sends).",
		}, depth))
	}
}
