package cli

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"go.yaml.in/yaml/v3"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/indexer"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/processor"
)

// recordingRegisterer keeps every collector registered through it.
type recordingRegisterer struct {
	*prometheus.Registry
	collectors []prometheus.Collector
}

func (r *recordingRegisterer) Register(c prometheus.Collector) error {
	r.collectors = append(r.collectors, c)
	return r.Registry.Register(c)
}

func (r *recordingRegisterer) MustRegister(cs ...prometheus.Collector) {
	for _, c := range cs {
		if err := r.Register(c); err != nil {
			panic(err)
		}
	}
}

var fqName = regexp.MustCompile(`fqName: "([^"]+)"`)

// exportedMetrics registers every collector the binary's processes
// register (the stages, the bus, HTTP, Go and process) and returns the
// names of the metrics they describe, histograms with their suffixes.
func exportedMetrics(t *testing.T) map[string]bool {
	t.Helper()
	srv := startNATS(t)
	rr := &recordingRegisterer{Registry: newRegistry()}
	conn, err := bus.Connect(context.Background(), srv.ClientURL(), "metrics", bus.DefaultTopology(), nil, bus.WithRegisterer(rr))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	quiet := slog.New(slog.DiscardHandler)
	crawler.New(conn, quiet, rr)
	processor.NewStage(conn, quiet, rr)
	indexer.New(conn, nil, quiet, rr)
	instrumentHTTP(rr, http.NotFoundHandler())

	names := map[string]bool{}
	ch := make(chan *prometheus.Desc, 1000)
	for _, c := range rr.collectors {
		c.Describe(ch)
	}
	close(ch)
	for d := range ch {
		m := fqName.FindStringSubmatch(d.String())
		if m == nil {
			continue
		}
		names[m[1]] = true
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			names[m[1]+suffix] = true // histograms' (harmless for the rest)
		}
	}
	// The Go collector describes its metrics lazily: gather them too.
	mfs, err := rr.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		names[mf.GetName()] = true
	}
	return names
}

var metricRef = regexp.MustCompile(`\b(?:dra|go|process)_[a-z0-9_]+\b`)

// TestDeployMetricsAreExported: the Grafana dashboard and the Prometheus
// alert rules in deploy/ use exactly the metric names the binary exports,
// and the rules cover what operators alert on.
func TestDeployMetricsAreExported(t *testing.T) {
	exported := exportedMetrics(t)

	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	data, err := os.ReadFile("../../deploy/grafana/dra-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &dash); err != nil {
		t.Fatalf("dashboard: %v", err)
	}
	var rules struct {
		Groups []struct {
			Rules []struct {
				Alert string `yaml:"alert"`
				Expr  string `yaml:"expr"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	data, err = os.ReadFile("../../deploy/prometheus/alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &rules); err != nil {
		t.Fatalf("alert rules: %v", err)
	}

	exprs := map[string]string{} // where -> expression
	for _, p := range dash.Panels {
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for i, tg := range p.Targets {
			exprs["panel "+p.Title+" #"+string(rune('A'+i))] = tg.Expr
		}
	}
	var ruleText strings.Builder
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			exprs["alert "+r.Alert] = r.Expr
			ruleText.WriteString(r.Expr + "\n")
		}
	}
	if len(exprs) < 10 {
		t.Fatalf("only %d expressions in the dashboard and the rules", len(exprs))
	}
	keys := make([]string, 0, len(exprs))
	for k := range exprs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, where := range keys {
		refs := metricRef.FindAllString(exprs[where], -1)
		if len(refs) == 0 && !strings.Contains(exprs[where], "up{") {
			t.Errorf("%s: no metric in %q", where, exprs[where])
		}
		for _, name := range refs {
			if !exported[name] {
				t.Errorf("%s uses %s, which the binary does not export", where, name)
			}
		}
	}
	for _, must := range []string{
		"dra_bus_consumer_pending_messages", "dra_bus_consumer_redelivered_messages", "dra_bus_deadletters_total",
		"dra_crawler_last_success_timestamp_seconds", "dra_http_request_duration_seconds_bucket",
		"dra_indexer_bulk_seconds_bucket", "dra_indexer_store_errors_total",
	} {
		if !slices.Contains(metricRef.FindAllString(ruleText.String(), -1), must) {
			t.Errorf("no alert rule on %s", must)
		}
	}
}
