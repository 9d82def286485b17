package processor_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/processor"
)

// TestStageOnRealNATS runs the processor stage on an embedded NATS server:
// a valid page becomes an article.processed event; an event of an unknown
// schema major version is dead-lettered with the reason.
func TestStageOnRealNATS(t *testing.T) {
	conn, quiet := embeddedBus(t, "test")
	ctx := context.Background()

	url := "https://thanhtri.hanoi.gov.vn/dang-doan-the/-/view_content/1-a.html"
	page := "<html><body><div class=\"category\">Đảng, đoàn thể</div><h1>Tiêu đề bài</h1><div>Ngày đăng 18/03/2020 | 10:53 | View count: 12</div><p>Thân bài một.</p><p>Nguyễn Văn An</p></body></html>"
	f := event.ArticleFetched{SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(url), URL: url,
		SourceID: "thanhtri", District: "Thanh Trì", Province: "Hà Nội", FetchedAt: time.Now().UTC(), StatusCode: 200,
		ContentSHA256: event.ContentHash([]byte(page)), Body: page}
	good, _ := event.Encode(f)
	future := strings.Replace(string(good), `"schema_version":"`+event.FetchedVersion+`"`, `"schema_version":"2.3"`, 1)
	if future == string(good) {
		t.Fatal("the schema version was not replaced")
	}
	if err := conn.Publish(ctx, event.SubjectFetched, "good", good); err != nil {
		t.Fatal(err)
	}
	if err := conn.Publish(ctx, event.SubjectFetched, "future", []byte(future)); err != nil {
		t.Fatal(err)
	}

	runStage(t, processor.NewStage(conn, quiet, nil))

	cons, err := conn.JS.OrderedConsumer(ctx, event.StreamProcessed, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := cons.Next(jetstream.FetchMaxWait(20 * time.Second))
	if err != nil {
		t.Fatalf("no article.processed event: %v", err)
	}
	p, err := event.DecodeProcessed(msg.Data())
	if err != nil {
		t.Fatal(err)
	}
	if p.ArticleID != f.ArticleID || p.Title != "Tiêu đề bài" || p.Views == nil || *p.Views != 12 || p.District != "Thanh Trì" {
		t.Errorf("processed = %+v", p)
	}

	deadline := time.Now().Add(20 * time.Second)
	var dl []bus.DeadLetter
	for time.Now().Before(deadline) && len(dl) == 0 {
		dl, _ = conn.DeadLetters(ctx, "processor")
		time.Sleep(50 * time.Millisecond)
	}
	if len(dl) != 1 || !strings.Contains(dl[0].Error, "unknown schema major version") || string(dl[0].Data) != future {
		t.Errorf("dead letters = %+v, want the 2.3 event with its reason", dl)
	}
}

func TestProcessBoundsMetrics(t *testing.T) {
	var b strings.Builder
	b.WriteString("Đảng, đoàn thể\n\nBáo cáo số liệu\nNgày đăng 18/03/2020 | 10:53\n\n")
	for i := 0; i < processor.MaxMetrics+250; i++ {
		fmt.Fprintf(&b, "Xã thứ %d kết nạp %d đảng viên mới.\n", i+1, 10+i%7)
	}
	url := "https://thanhtri.hanoi.gov.vn/x/-/view_content/1-a.html"
	body := b.String()
	f := event.ArticleFetched{SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(url), URL: url,
		SourceID: "thanhtri", FetchedAt: time.Now().UTC(), ContentSHA256: event.ContentHash([]byte(body)), Body: body}
	p, err := processor.Process(f, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Metrics) != processor.MaxMetrics || p.MetricsDropped < 200 {
		t.Errorf("metrics %d, dropped %d; want %d kept and the rest counted", len(p.Metrics), p.MetricsDropped, processor.MaxMetrics)
	}
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
}

// TestOverBudgetIsDeadLettered: a page that takes longer than the stage's
// time budget is dead-lettered with the reason, and the page after it is
// processed: one page never holds the others.
func TestOverBudgetIsDeadLettered(t *testing.T) {
	conn, quiet := embeddedBus(t, "test")
	ctx := context.Background()
	var big strings.Builder
	big.WriteString("Tin\n\nBáo cáo số liệu\nNgày đăng 12/03/2019 | 08:00\n\n")
	for i := 0; i < 60000; i++ {
		fmt.Fprintf(&big, "xã %d đạt %d,5%%; ", i, i%100)
	}
	small := "Tin\n\nTiêu đề bài\nNgày đăng 12/03/2019 | 08:00\n\nToàn xã có 12 hộ nghèo.\n\nNguyễn Văn An\n"
	// The gazetteer and the taxonomy load on first use: loaded here, so
	// the small page's budget measures its extraction alone.
	if _, err := processor.Process(event.ArticleFetched{SchemaVersion: event.FetchedVersion, URL: "https://thanhtri.hanoi.gov.vn/x", Body: small}, time.Now()); err != nil {
		t.Fatal(err)
	}
	for i, body := range []string{big.String(), small} {
		url := fmt.Sprintf("https://thanhtri.hanoi.gov.vn/x/-/view_content/%d-a.html", i)
		f := event.ArticleFetched{SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(url), URL: url,
			SourceID: "thanhtri", FetchedAt: time.Now().UTC(), ContentSHA256: event.ContentHash([]byte(body)), Body: body}
		data, _ := event.Encode(f)
		if err := conn.Publish(ctx, event.SubjectFetched, f.ArticleID, data); err != nil {
			t.Fatal(err)
		}
	}
	// A budget the 60,000-figure page cannot meet (200 ms for its 1.3 MB;
	// it takes about 500 ms alone, several times that under the race
	// detector), and the small one meets by far. 250 ms per MiB, the
	// budget before, was as long as the big page took on a quiet machine.
	runStage(t, processor.NewStage(conn, quiet, nil).WithBudget(100*time.Millisecond))

	cons, err := conn.JS.OrderedConsumer(ctx, event.StreamProcessed, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := cons.Next(jetstream.FetchMaxWait(20 * time.Second))
	if err != nil {
		t.Fatalf("the small page after the big one was not processed: %v", err)
	}
	if p, _ := event.DecodeProcessed(msg.Data()); p.Title != "Tiêu đề bài" {
		t.Errorf("processed %q, want the small page", p.Title)
	}
	var dl []bus.DeadLetter
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && len(dl) == 0; time.Sleep(50 * time.Millisecond) {
		dl, _ = conn.DeadLetters(ctx, "processor")
	}
	if len(dl) != 1 || !strings.Contains(dl[0].Error, "time budget") {
		t.Errorf("dead letters %+v, want the big page with its reason", dl)
	}
}

// embeddedBus starts an embedded NATS server with DRA's topology and
// connects to it as name; both stop when the test ends.
func embeddedBus(t *testing.T, name string) (*bus.Conn, *slog.Logger) {
	t.Helper()
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	quiet := slog.New(slog.DiscardHandler)
	conn, err := bus.Connect(context.Background(), srv.ClientURL(), name, bus.DefaultTopology(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn, quiet
}

// runStage runs st until the test ends; the stage stops (and is waited
// for) before the connection closes.
func runStage(t *testing.T, st *processor.Stage) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = st.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}
