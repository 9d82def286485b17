package bus

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/event"
)

// metrics are the bus's Prometheus metrics.
type metrics struct {
	deadLetters     *prometheus.CounterVec
	publishRetries  prometheus.Counter
	publishFailures prometheus.Counter
}

func newMetrics() *metrics {
	return &metrics{
		deadLetters: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dra_bus_deadletters_total",
			Help: "Messages dead-lettered by this process, by stage and reason (permanent, max_deliveries, payload_missing).",
		}, []string{"stage", "reason"}),
		publishRetries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dra_bus_publish_retries_total", Help: "Publishes tried again (same message ID) after a transient failure.",
		}),
		publishFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dra_bus_publish_failures_total", Help: "Publishes that failed after every retry.",
		}),
	}
}

func (m *metrics) register(reg prometheus.Registerer, c *Conn) error {
	for _, col := range []prometheus.Collector{m.deadLetters, m.publishRetries, m.publishFailures, &consumerCollector{c: c}} {
		if err := reg.Register(col); err != nil {
			return fmt.Errorf("bus metrics: %w", err)
		}
	}
	return nil
}

// deadLetterReason is the dead-letter reason as a metric label.
func deadLetterReason(err error, msg Msg, cc ConsumerConfig) string {
	switch {
	case errors.Is(err, jetstream.ErrObjectNotFound):
		return "payload_missing"
	case errors.Is(err, ErrPermanent) && !strings.Contains(err.Error(), "without success"):
		return "permanent"
	case msg.Deliveries >= uint64(cc.MaxDeliver):
		return "max_deliveries"
	}
	return "permanent"
}

// Descriptions of the consumer metrics, read from the server at each scrape.
var (
	descPending = prometheus.NewDesc("dra_bus_consumer_pending_messages",
		"Messages in the stream not yet delivered to the durable consumer (its lag).", []string{"stream", "consumer"}, nil)
	descAckPending = prometheus.NewDesc("dra_bus_consumer_ack_pending_messages",
		"Messages delivered to the consumer and not yet acknowledged.", []string{"stream", "consumer"}, nil)
	descRedelivered = prometheus.NewDesc("dra_bus_consumer_redelivered_messages",
		"Messages delivered more than once and not yet acknowledged.", []string{"stream", "consumer"}, nil)
	descStreamMsgs = prometheus.NewDesc("dra_bus_stream_messages",
		"Messages stored in the stream (for DRA_DEADLETTER: dead letters kept).", []string{"stream"}, nil)
	descUp = prometheus.NewDesc("dra_bus_up",
		"1 when this process is connected to NATS and JetStream answered the scrape, else 0.", nil, nil)
)

// consumerCollector reads every DRA stream and its durable consumers from
// the server at scrape time, with a short timeout.
type consumerCollector struct{ c *Conn }

func (cc *consumerCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descPending
	ch <- descAckPending
	ch <- descRedelivered
	ch <- descStreamMsgs
	ch <- descUp
}

// streams are the streams whose consumers are exported.
var streams = []string{event.StreamFetched, event.StreamProcessed, event.StreamDeadLetter, event.StreamCrawlJobs}

func (cc *consumerCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	up := 1.0
	if !cc.c.NC.IsConnected() {
		ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 0)
		return
	}
	for _, name := range streams {
		s, err := cc.c.JS.Stream(ctx, name)
		if err != nil {
			up = 0
			continue
		}
		info := s.CachedInfo()
		ch <- prometheus.MustNewConstMetric(descStreamMsgs, prometheus.GaugeValue, float64(info.State.Msgs), name)
		lister := s.ListConsumers(ctx)
		for ci := range lister.Info() {
			if ci.Config.Durable == "" {
				continue
			}
			ch <- prometheus.MustNewConstMetric(descPending, prometheus.GaugeValue, float64(ci.NumPending), name, ci.Name)
			ch <- prometheus.MustNewConstMetric(descAckPending, prometheus.GaugeValue, float64(ci.NumAckPending), name, ci.Name)
			ch <- prometheus.MustNewConstMetric(descRedelivered, prometheus.GaugeValue, float64(ci.NumRedelivered), name, ci.Name)
		}
		if lister.Err() != nil {
			up = 0
		}
	}
	ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, up)
}
