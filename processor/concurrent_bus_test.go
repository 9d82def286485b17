package processor_test

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/processor"
)

// fetchedPages publishes n small article pages to the fetched stream and
// returns each one's article ID by its sequence in the stream.
func fetchedPages(t *testing.T, conn *bus.Conn, n int) map[uint64]string {
	t.Helper()
	ctx := context.Background()
	ids := map[uint64]string{}
	for i := range n {
		url := fmt.Sprintf("https://thanhtri.hanoi.gov.vn/dang-doan-the/-/view_content/%d-bai.html", i+1)
		page := fmt.Sprintf("<html><body><div class=\"category\">Đảng, đoàn thể</div><h1>Bài số %d</h1>"+
			"<div>Ngày đăng 18/03/2020 | 10:53 | View count: %d</div><p>Toàn huyện kết nạp %d đảng viên mới.</p><p>Nguyễn Văn An</p></body></html>", i+1, i, 100+i)
		f := event.ArticleFetched{SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(url), URL: url,
			SourceID: "thanhtri", District: "Thanh Trì", Province: "Hà Nội", FetchedAt: time.Now().UTC(), StatusCode: 200,
			ContentSHA256: event.ContentHash([]byte(page)), Body: page}
		data, err := event.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		ack, err := conn.JS.Publish(ctx, event.SubjectFetched, data, jetstream.WithMsgID(f.ArticleID))
		if err != nil {
			t.Fatal(err)
		}
		ids[ack.Sequence] = f.ArticleID
	}
	return ids
}

// processedIDs reads the processed stream from sequence from on and adds
// each event's article ID to seen; it returns the next sequence to read.
func processedIDs(ctx context.Context, js jetstream.JetStream, from uint64, seen map[string]int) (uint64, error) {
	s, err := js.Stream(ctx, event.StreamProcessed)
	if err != nil {
		return from, err
	}
	info, err := s.Info(ctx)
	if err != nil {
		return from, err
	}
	for ; from <= info.State.LastSeq; from++ {
		m, err := s.GetMsg(ctx, from)
		if err != nil {
			return from, err
		}
		p, err := event.DecodeProcessed(m.Data)
		if err != nil {
			return from, err
		}
		seen[p.ArticleID]++
	}
	return from, nil
}

// ackSubjectSeq returns the stream sequence a JetStream ack subject names
// ($JS.ACK.[<domain>.<account>.]<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<time>.<pending>[...]).
func ackSubjectSeq(subject string) (stream string, seq uint64, ok bool) {
	tok := strings.Split(subject, ".")
	if len(tok) < 9 {
		return "", 0, false
	}
	i := 2 // the short form
	if len(tok) >= 12 {
		i = 4 // with domain and account hash
	}
	seq, err := strconv.ParseUint(tok[i+3], 10, 64)
	return tok[i], seq, err == nil
}

// TestConcurrentAckAfterPublish runs the processor with several workers on
// an embedded NATS server and watches every ack it sends (a plain
// subscription on the ack subjects, on a connection of its own): when an
// input message is acked, its article.processed event is already stored in
// the processed stream. Every input is acked once and every article is
// processed.
func TestConcurrentAckAfterPublish(t *testing.T) {
	srv, err := bus.StartEmbedded(bus.EmbeddedConfig{StoreDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	quiet := slog.New(slog.DiscardHandler)
	conn, err := bus.Connect(context.Background(), srv.ClientURL(), "test", bus.DefaultTopology(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })

	const n = 120
	ids := fetchedPages(t, conn, n)

	watcher, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(watcher.Close)
	wjs, err := jetstream.New(watcher)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	acked := map[uint64]int{}
	var early []string
	next, stored := uint64(1), map[string]int{}
	sub, err := watcher.Subscribe("$JS.ACK.>", func(m *nats.Msg) {
		stream, seq, ok := ackSubjectSeq(m.Subject)
		if !ok || stream != event.StreamFetched || string(m.Data) != "+ACK" {
			return // in-progress signals, other streams
		}
		mu.Lock()
		defer mu.Unlock()
		acked[seq]++
		id := ids[seq]
		if stored[id] == 0 {
			// Read what the processed stream holds now.
			var err error
			if next, err = processedIDs(context.Background(), wjs, next, stored); err != nil {
				early = append(early, fmt.Sprintf("seq %d: reading the processed stream: %v", seq, err))
				return
			}
		}
		if stored[id] == 0 {
			early = append(early, fmt.Sprintf("seq %d (%s) acked before its article.processed event was stored", seq, id))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sub.Unsubscribe() })
	if err := watcher.Flush(); err != nil {
		t.Fatal(err)
	}

	runStage(t, processor.NewStage(conn, quiet, nil).WithWorkers(8).WithBatch(32))

	deadline := time.Now().Add(60 * time.Second)
	for {
		mu.Lock()
		got := len(acked)
		mu.Unlock()
		if got == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d inputs acked in 60 s", got, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, e := range early {
		t.Error(e)
	}
	for seq, k := range acked {
		if k != 1 {
			t.Errorf("seq %d acked %d times", seq, k)
		}
	}
	if _, err := processedIDs(context.Background(), wjs, next, stored); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if stored[id] == 0 {
			t.Errorf("article %s was never processed", id)
		}
	}
}

// TestFailedPublishIsRedelivered: while the processed stream is missing,
// every publish of the concurrent processor fails; nothing is acked, the
// inputs are nak'ed and redelivered, and once the stream is back every
// article is processed, with no dead letter: a failed publish leads to a
// redelivery, never to a loss.
func TestFailedPublishIsRedelivered(t *testing.T) {
	conn, quiet := embeddedBus(t, "test")
	ctx := context.Background()
	si, err := conn.JS.Stream(ctx, event.StreamProcessed)
	if err != nil {
		t.Fatal(err)
	}
	info, err := si.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cfg := info.Config
	if err := conn.JS.DeleteStream(ctx, event.StreamProcessed); err != nil {
		t.Fatal(err)
	}
	const n = 24
	ids := fetchedPages(t, conn, n)

	reg := prometheus.NewRegistry()
	runStage(t, processor.NewStage(conn, quiet, reg).WithWorkers(4).WithBatch(8))
	naks := func() float64 {
		mfs, _ := reg.Gather()
		for _, mf := range mfs {
			for _, m := range mf.GetMetric() {
				for _, l := range m.GetLabel() {
					if l.GetValue() == "nak" {
						return m.GetCounter().GetValue()
					}
				}
			}
		}
		return 0
	}
	for deadline := time.Now().Add(90 * time.Second); naks() == 0; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no input nak'ed in 90 s while its publishes fail")
		}
	}
	cons, err := conn.JS.Consumer(ctx, event.StreamFetched, processor.ConsumerConfig(8).Durable)
	if err != nil {
		t.Fatal(err)
	}
	ci, err := cons.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ci.AckFloor.Stream != 0 {
		t.Errorf("ack floor %d while every publish failed: an input was acked without its output", ci.AckFloor.Stream)
	}
	if _, err := conn.JS.CreateStream(ctx, cfg); err != nil {
		t.Fatal(err)
	}

	stored := map[string]int{}
	next := uint64(1)
	for deadline := time.Now().Add(120 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if next, err = processedIDs(ctx, conn.JS, next, stored); err != nil {
			t.Fatal(err)
		}
		if len(stored) == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d articles processed 120 s after the stream came back", len(stored), n)
		}
	}
	for _, id := range ids {
		if stored[id] == 0 {
			t.Errorf("article %s lost", id)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if ci, err = cons.Info(ctx); err != nil {
			t.Fatal(err)
		}
		if ci.AckFloor.Stream == n || time.Now().After(deadline) {
			break
		}
	}
	if ci.AckFloor.Stream != n || ci.NumAckPending != 0 {
		t.Errorf("ack floor %d, %d pending; want every one of the %d inputs acked", ci.AckFloor.Stream, ci.NumAckPending, n)
	}
	if dl, _ := conn.DeadLetters(ctx, "processor"); len(dl) != 0 {
		t.Errorf("%d dead letters, first: %s", len(dl), dl[0].Error)
	}
}
