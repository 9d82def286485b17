package processor_test

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/processor"
)

var (
	stageArticles = flag.Int("stage.articles", 2000, "filler articles of the BenchmarkStage portal")
	stageWorkers  = flag.Int("stage.workers", 0, "workers of BenchmarkStage's concurrent processor (0: the default)")
	stageBatch    = flag.Int("stage.batch", 0, "batch of BenchmarkStage's processors, both (0: the default of each)")
	stageRounds   = flag.Int("stage.rounds", 3, "rounds of BenchmarkStage, each running the sequential and the concurrent processor")
)

// BenchmarkStage measures the processor stage alone on an embedded NATS
// server: the simulated portal's article pages (fetched once over HTTP)
// wait in the fetched stream, and the stage runs from an empty consumer
// until every page's article.processed event is stored. Each round runs
// the processor as it was (one worker: one message at a time, a
// synchronous publish each) and the concurrent one (the default
// workers, asynchronous publishes), alternately; it prints pages/s of
// each and the ratio, min/median/max over the rounds.
//
//	go test ./processor -run '^$' -bench 'BenchmarkStage$' -benchtime 1x
func BenchmarkStage(b *testing.B) {
	p, err := portalsim.New(portalsim.Config{Seed: 1, District: "sontay", Articles: *stageArticles, PageSize: 50})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	var fetched [][]byte
	for _, a := range p.Articles() {
		resp, err := http.Get(a.URL)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		u, _ := crawler.Canonical(a.URL)
		sel := crawler.HanoiSelectors
		f := event.ArticleFetched{SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(u), URL: u,
			SourceID: "sontay", District: "Sơn Tây", Province: "Hà Nội", FetchedAt: time.Now().UTC(), StatusCode: 200,
			ContentSHA256: event.ContentHash(body), Body: string(body), Selectors: &sel}
		data, err := event.Encode(f)
		if err != nil {
			b.Fatal(err)
		}
		fetched = append(fetched, data)
	}
	variants := []struct {
		name    string
		workers int
	}{{"sequential", 1}, {"concurrent", cmp.Or(*stageWorkers, processor.DefaultWorkers())}}
	rates := make([][]float64, len(variants))
	for range b.N {
		for round := range *stageRounds {
			for i, v := range variants {
				r := stageRun(b, fetched, v.workers)
				rates[i] = append(rates[i], r)
				fmt.Printf("round %d %-10s (%2d workers): %d pages, %.0f pages/s\n", round+1, v.name, v.workers, len(fetched), r)
			}
		}
	}
	ratios := make([]float64, len(rates[0]))
	for i := range ratios {
		ratios[i] = rates[1][i] / rates[0][i]
	}
	show := func(xs []float64, format string) string {
		s := slices.Clone(xs)
		slices.Sort(s)
		return fmt.Sprintf(format+" / "+format+" / "+format, s[0], s[len(s)/2], s[len(s)-1])
	}
	fmt.Printf("sequential pages/s            min/median/max %s\n", show(rates[0], "%.0f"))
	fmt.Printf("concurrent pages/s            min/median/max %s\n", show(rates[1], "%.0f"))
	fmt.Printf("ratio concurrent/sequential   min/median/max %s\n", show(ratios, "%.2f"))
	b.ReportMetric(rates[1][len(rates[1])/2], "pages/s")
}

// stageRun publishes the pages on a fresh embedded server and runs the
// stage with workers until every page is processed; it returns pages/s
// from the stage's start.
func stageRun(b *testing.B, fetched [][]byte, workers int) float64 {
	b.Helper()
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Shutdown()
	quiet := slog.New(slog.DiscardHandler)
	ctx := context.Background()
	conn, err := bus.Connect(ctx, srv.ClientURL(), "bench", bus.DefaultTopology(), quiet)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	for i, data := range fetched {
		if err := conn.Publish(ctx, event.SubjectFetched, fmt.Sprint(i), data); err != nil {
			b.Fatal(err)
		}
	}
	s, err := conn.JS.Stream(ctx, event.StreamProcessed)
	if err != nil {
		b.Fatal(err)
	}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	cpu0 := cpuTime()
	start := time.Now()
	go func() {
		defer close(done)
		st := processor.NewStage(conn, quiet, nil).WithWorkers(workers)
		st.WithBatch(*stageBatch)
		_ = st.Run(rctx)
	}()
	defer func() { cancel(); <-done }()
	for {
		info, err := s.Info(ctx, jetstream.WithSubjectFilter(event.SubjectProcessed))
		if err != nil {
			b.Fatal(err)
		}
		if info.State.Msgs >= uint64(len(fetched)) {
			wall := time.Since(start)
			cpu := cpuTime() - cpu0
			fmt.Printf("    %.2f ms of CPU per page, %.0f%% of one CPU used\n",
				float64(cpu.Milliseconds())/float64(len(fetched)), 100*cpu.Seconds()/wall.Seconds())
			return float64(len(fetched)) / wall.Seconds()
		}
		if time.Since(start) > 10*time.Minute {
			b.Fatalf("%d of %d pages processed in 10 minutes", info.State.Msgs, len(fetched))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
