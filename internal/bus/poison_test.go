package bus

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
)

// TestCrashLoopDeadLettersOnlyThePoison: a handler that crashes its
// process (simulated: the connection is closed at once, nothing is acked)
// whenever the poison message is in its batch is restarted until the
// stream is settled. Only the poison message is dead-lettered; every other
// message of its batch is handled.
func TestCrashLoopDeadLettersOnlyThePoison(t *testing.T) {
	srv, conn := startBus(t, "")
	ctx := context.Background()
	const n = 20
	for i := range n {
		if err := conn.Publish(ctx, event.SubjectFetched, fmt.Sprint("m", i), []byte(fmt.Sprint("m", i))); err != nil {
			t.Fatal(err)
		}
	}
	cc := testConsumer("crash")
	cc.Batch = n
	cc.AckWait = 300 * time.Millisecond // a crashed consumer's messages come back quickly

	var mu sync.Mutex
	handled := map[string]bool{}
	crashes := 0
	settled := func() bool {
		mu.Lock()
		defer mu.Unlock()
		dl, _ := conn.DeadLetters(ctx, "crash")
		return len(handled) == n-1 && len(dl) == 1
	}
	for run := 0; run < 10 && !settled(); run++ {
		// One "process": its own connection, crashed by the poison.
		pc, err := Connect(ctx, srv.ClientURL(), "crash", DefaultTopology(), quiet)
		if err != nil {
			t.Fatal(err)
		}
		pctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			_ = pc.Consume(pctx, cc, func(_ context.Context, msgs []Msg) []error {
				for _, m := range msgs {
					if string(m.Data) == "m7" {
						mu.Lock()
						crashes++
						mu.Unlock()
						cancel()
						pc.NC.Close() // dies holding the batch: no ack reaches the server
						return nil
					}
				}
				mu.Lock()
				for _, m := range msgs {
					handled[string(m.Data)] = true
				}
				mu.Unlock()
				return nil
			})
		}()
		deadline := time.Now().Add(5 * time.Second)
		for pctx.Err() == nil && !settled() && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		cancel()
		<-done
		pc.NC.Close()
	}
	dl, err := conn.DeadLetters(ctx, "crash")
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d crashes, %d handled, %d dead-lettered", crashes, len(handled), len(dl))
	if len(dl) != 1 || string(dl[0].Data) != "m7" {
		var got []string
		for _, d := range dl {
			got = append(got, string(d.Data))
		}
		t.Errorf("dead-lettered %v, want only m7", got)
	}
	if len(handled) != n-1 {
		t.Errorf("%d of the %d innocent messages handled", len(handled), n-1)
	}
}
