package bus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/goleak"

	"github.com/dra-archive/dra/event"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var quiet = slog.New(slog.DiscardHandler)

// startBus starts a real embedded server on a random port with a temp store.
func startBus(t *testing.T, dir string) (*Embedded, *Conn) {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	srv, err := StartEmbedded(EmbeddedConfig{StoreDir: dir}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := Connect(ctx, srv.ClientURL(), "test", DefaultTopology(), quiet)
	if err != nil {
		srv.Shutdown()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = conn.Close()
		srv.Shutdown()
	})
	return srv, conn
}

// consumeUntil runs the consumer until done() holds, failing after 30s.
func consumeUntil(t *testing.T, conn *Conn, cc ConsumerConfig, h Handler, done func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = conn.Consume(ctx, cc, h)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !done() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	if !done() {
		t.Fatal("condition not reached within 30s")
	}
}

func testConsumer(name string) ConsumerConfig {
	return ConsumerConfig{Stream: event.StreamFetched, Durable: name, Stage: name, MaxDeliver: 3,
		Backoff: func(uint64) time.Duration { return 10 * time.Millisecond }, MaxWait: 100 * time.Millisecond}
}

func TestPublishDedupesByMessageID(t *testing.T) {
	_, conn := startBus(t, "")
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if err := conn.Publish(ctx, event.SubjectFetched, "article-1", []byte("same")); err != nil {
			t.Fatal(err)
		}
	}
	if err := conn.Publish(ctx, event.SubjectFetched, "article-2", []byte("other")); err != nil {
		t.Fatal(err)
	}
	s, err := conn.JS.Stream(ctx, event.StreamFetched)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := info.State.Msgs, uint64(2); got != want {
		t.Errorf("stream holds %d messages, want %d", got, want)
	}
}

func TestLargePayloadTravelsByReference(t *testing.T) {
	_, conn := startBus(t, "")
	ctx := context.Background()
	big := bytes.Repeat([]byte("Nâng cao năng lực lãnh đạo. "), 5*1024*1024/30+1)
	if len(big) < 5*1024*1024 {
		t.Fatalf("payload only %d bytes", len(big))
	}
	if err := conn.Publish(ctx, event.SubjectFetched, "big", big); err != nil {
		t.Fatal(err)
	}
	var got []byte
	var mu sync.Mutex
	consumeUntil(t, conn, testConsumer("big"), func(_ context.Context, msgs []Msg) []error {
		mu.Lock()
		defer mu.Unlock()
		got = msgs[0].Data
		return nil
	}, func() bool { mu.Lock(); defer mu.Unlock(); return got != nil })
	if !bytes.Equal(got, big) {
		t.Errorf("received %d bytes, want the %d published", len(got), len(big))
	}
}

func TestTransientErrorsRetryThenSucceed(t *testing.T) {
	_, conn := startBus(t, "")
	ctx := context.Background()
	if err := conn.Publish(ctx, event.SubjectFetched, "m1", []byte("x")); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var deliveries []uint64
	acked := false
	consumeUntil(t, conn, testConsumer("retry"), func(_ context.Context, msgs []Msg) []error {
		mu.Lock()
		defer mu.Unlock()
		deliveries = append(deliveries, msgs[0].Deliveries)
		if len(deliveries) < 3 {
			return []error{errors.New("store unavailable")}
		}
		acked = true
		return nil
	}, func() bool { mu.Lock(); defer mu.Unlock(); return acked })
	if fmt.Sprint(deliveries) != "[1 2 3]" {
		t.Errorf("deliveries = %v, want [1 2 3]", deliveries)
	}
	dl, err := conn.DeadLetters(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(dl) != 0 {
		t.Errorf("dead letters = %v, want none", dl)
	}
}

func TestDeadLetters(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		wantTries int
		wantError string
	}{
		{"permanent at once", Permanent(errors.New("schema 9.0 unknown")), 1, "schema 9.0 unknown"},
		{"transient until max deliver", errors.New("still down"), 3, "still down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, conn := startBus(t, "")
			ctx := context.Background()
			payload := []byte(`{"schema_version":"9.0"}`)
			if err := conn.Publish(ctx, event.SubjectFetched, "bad", payload); err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			tries := 0
			consumeUntil(t, conn, testConsumer("dl"), func(_ context.Context, msgs []Msg) []error {
				mu.Lock()
				defer mu.Unlock()
				tries++
				return []error{tt.err}
			}, func() bool {
				dl, _ := conn.DeadLetters(ctx, "dl")
				return len(dl) == 1
			})
			dl, err := conn.DeadLetters(ctx, "dl")
			if err != nil {
				t.Fatal(err)
			}
			if len(dl) != 1 {
				t.Fatalf("dead letters = %d, want 1", len(dl))
			}
			d := dl[0]
			if d.Stage != "dl" || !strings.Contains(d.Error, tt.wantError) || d.Subject != event.SubjectFetched || !bytes.Equal(d.Data, payload) {
				t.Errorf("dead letter = %+v", d)
			}
			mu.Lock()
			defer mu.Unlock()
			if tries != tt.wantTries {
				t.Errorf("handler called %d times, want %d", tries, tt.wantTries)
			}
		})
	}
}

func TestTopologyIdempotentAndDurableAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	srv, err := StartEmbedded(EmbeddedConfig{StoreDir: dir}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // second Connect re-ensures the same topology
		conn, err := Connect(ctx, srv.ClientURL(), "t", DefaultTopology(), quiet)
		if err != nil {
			t.Fatal(err)
		}
		if err := conn.Publish(ctx, event.SubjectFetched, fmt.Sprintf("m%d", i), []byte("x")); err != nil {
			t.Fatal(err)
		}
		_ = conn.Close()
	}
	srv.Shutdown()

	_, conn := startBus(t, dir)
	var mu sync.Mutex
	n := 0
	consumeUntil(t, conn, testConsumer("after-restart"), func(_ context.Context, msgs []Msg) []error {
		mu.Lock()
		defer mu.Unlock()
		n += len(msgs)
		return nil
	}, func() bool { mu.Lock(); defer mu.Unlock(); return n == 2 })
}

func TestExpBackoff(t *testing.T) {
	b := ExpBackoff(time.Second, 5*time.Second)
	got := []time.Duration{b(1), b(2), b(3), b(4), b(10)}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("backoff = %v, want %v", got, want)
	}
}

func TestSlowHandlerIsNotRedelivered(t *testing.T) {
	_, conn := startBus(t, "")
	if err := conn.Publish(context.Background(), event.SubjectFetched, "slow", []byte("x")); err != nil {
		t.Fatal(err)
	}
	cc := testConsumer("slow")
	cc.AckWait = time.Second
	var mu sync.Mutex
	calls := 0
	start := time.Now()
	// The consumer runs 5s: a redelivery after the 1s AckWait would show.
	consumeUntil(t, conn, cc, func(_ context.Context, msgs []Msg) []error {
		mu.Lock()
		calls++
		mu.Unlock()
		time.Sleep(2500 * time.Millisecond) // well past AckWait
		return nil
	}, func() bool { return time.Since(start) > 5*time.Second })
	mu.Lock()
	defer mu.Unlock()
	if calls != 1 {
		t.Errorf("handler called %d times, want 1 (in-progress signals keep the message)", calls)
	}
}

// TestRetryStoppedBySignalIsCanceled: a set-up call still retrying when
// its process is told to stop ends with an error that is context.Canceled
// (a clean stop), naming the last attempt's failure too.
func TestRetryStoppedBySignalIsCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	attempts := 0
	err := Retry(ctx, slog.New(slog.DiscardHandler), "consumer processor", func(context.Context) error {
		attempts++
		if attempts == 2 {
			cancel() // the signal arrives during the second attempt
		}
		return context.DeadlineExceeded // no answer from a cluster electing a leader
	})
	if !errors.Is(err, context.Canceled) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Retry = %v, want context.Canceled wrapping the last attempt's timeout", err)
	}
	if attempts != 2 {
		t.Errorf("%d attempts, want 2 (none after the stop)", attempts)
	}
}

// TestNotReadyWhileCreatingAConsumer: Ready fails while Consume is still
// creating its consumer, and succeeds once it consumes.
func TestNotReadyWhileCreatingAConsumer(t *testing.T) {
	_, conn := startBus(t, "")
	ctx := context.Background()
	conn.settingUpConsumer("processor", 1)
	if err := conn.Ready(ctx); err == nil || !strings.Contains(err.Error(), "consumer processor") {
		t.Errorf("Ready while the consumer is being created = %v, want an error naming it", err)
	}
	conn.settingUpConsumer("processor", -1)
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- conn.Consume(cctx, ConsumerConfig{Stream: event.StreamFetched, Durable: "ready-test", Stage: "test"},
			func(context.Context, []Msg) []error { return nil })
	}()
	deadline := time.Now().Add(30 * time.Second)
	for conn.Ready(ctx) != nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := conn.Ready(ctx); err != nil {
		t.Errorf("Ready once consuming = %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Consume = %v", err)
	}
}

// TestConcurrentBatches: with Concurrency n, a process has n batches in
// hand at once, and every message is still handled and acked once.
func TestConcurrentBatches(t *testing.T) {
	_, conn := startBus(t, "")
	ctx := context.Background()
	const n, total = 3, 60
	for i := range total {
		if err := conn.Publish(ctx, event.SubjectFetched, fmt.Sprintf("article-%d", i), []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	inHand, most := 0, 0
	seen := map[uint64]int{}
	cc := testConsumer("concurrent")
	cc.Batch, cc.Concurrency = 5, n
	h := func(_ context.Context, msgs []Msg) []error {
		mu.Lock()
		inHand++
		most = max(most, inHand)
		for _, m := range msgs {
			seen[m.Sequence]++
		}
		mu.Unlock()
		// Hold the batch until n are in hand (or a while: with one loop
		// they never would be).
		deadline := time.Now().Add(2 * time.Second)
		for time.Now().Before(deadline) {
			mu.Lock()
			full := most >= n
			mu.Unlock()
			if full {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		mu.Lock()
		inHand--
		mu.Unlock()
		return nil
	}
	consumeUntil(t, conn, cc, h, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) == total
	})
	if most != n {
		t.Errorf("%d batches in hand at most, want %d", most, n)
	}
	for seq, k := range seen {
		if k != 1 {
			t.Errorf("message %d handled %d times", seq, k)
		}
	}
	cons, err := conn.JS.Consumer(ctx, event.StreamFetched, "concurrent")
	if err != nil {
		t.Fatal(err)
	}
	// Acks are asynchronous: give the server a moment to count the last.
	var info *jetstream.ConsumerInfo
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if info, err = cons.Info(ctx); err != nil {
			t.Fatal(err)
		}
		if info.NumAckPending == 0 && info.NumPending == 0 || time.Now().After(deadline) {
			break
		}
	}
	if info.NumAckPending != 0 || info.NumPending != 0 {
		t.Errorf("ack pending %d, pending %d; want every message acked", info.NumAckPending, info.NumPending)
	}
}
