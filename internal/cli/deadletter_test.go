package cli

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
)

// TestDeadLetterListShowReplay dead-letters three messages of two stages
// on an embedded NATS server, lists them with filters, shows one and
// replays it: it is back on its original subject and gone from the
// dead-letter stream.
func TestDeadLetterListShowReplay(t *testing.T) {
	srv := startNATS(t)
	ctx := context.Background()
	conn, err := bus.Connect(ctx, srv.ClientURL(), "test", bus.DefaultTopology(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, m := range []struct{ subject, id, data string }{
		{event.SubjectFetched, "f1", "fetched-one"},
		{event.SubjectProcessed, "p1", "processed-one"},
		{event.SubjectProcessed, "p2", "processed-two"},
	} {
		if err := conn.Publish(ctx, m.subject, m.id, []byte(m.data)); err != nil {
			t.Fatal(err)
		}
	}
	deadLetterAll := func(stream, stage, reason string, n int) {
		var got atomic.Int32
		cctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			_ = conn.Consume(cctx, bus.ConsumerConfig{Stream: stream, Durable: stage, Stage: stage, MaxWait: 100 * time.Millisecond},
				func(_ context.Context, msgs []bus.Msg) []error {
					got.Add(int32(len(msgs)))
					errs := make([]error, len(msgs))
					for i, m := range msgs {
						errs[i] = bus.Permanent(errors.New(reason + " " + string(m.Data)))
					}
					return errs
				})
		}()
		for got.Load() < int32(n) {
			time.Sleep(20 * time.Millisecond)
		}
		cancel()
		<-done
	}
	deadLetterAll(event.StreamFetched, "processor", "extraction failed", 1)
	deadLetterAll(event.StreamProcessed, "indexer", "store refused it 10 times: status 429", 2)

	url := srv.ClientURL()
	code, out, errOut := execute(t, "deadletter", "list", "--nats-url", url)
	if code != 0 || strings.Count(out, "\n") != 4 || !strings.Contains(errOut, "3 dead letters") {
		t.Fatalf("list: code %d\n%s%s", code, out, errOut)
	}
	code, out, _ = execute(t, "deadletter", "list", "--nats-url", url, "--stage", "indexer", "--reason", "429")
	if code != 0 || strings.Count(out, "\n") != 3 || strings.Contains(out, "processor") || !strings.Contains(out, event.SubjectProcessed) {
		t.Fatalf("list --stage indexer --reason 429: code %d\n%s", code, out)
	}
	code, out, _ = execute(t, "deadletter", "list", "--nats-url", url, "--reason", "EXTRACTION")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "processor") {
		t.Fatalf("list --reason EXTRACTION: code %d\n%s", code, out)
	}
	dls, err := conn.DeadLetters(ctx, "indexer")
	if err != nil || len(dls) != 2 {
		t.Fatalf("dead letters of the indexer: %d, %v", len(dls), err)
	}
	seq := dls[0].Seq
	code, out, _ = execute(t, "deadletter", "show", "--nats-url", url, strconvU(seq))
	for _, want := range []string{"Dra-Stage: indexer", "Dra-Original-Subject: " + event.SubjectProcessed, "processed-one", "payload:  13 bytes"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("show: code %d, no %q in\n%s", code, want, out)
		}
	}

	before := lastSeq(t, conn, event.StreamProcessed)
	code, out, errOut = execute(t, "deadletter", "replay", "--nats-url", url, strconvU(seq))
	if code != 0 || !strings.Contains(out, "replayed") {
		t.Fatalf("replay: code %d\n%s%s", code, out, errOut)
	}
	if after := lastSeq(t, conn, event.StreamProcessed); after != before+1 {
		t.Errorf("DRA_PROCESSED has %d messages after the replay, want %d", after, before+1)
	}
	last, err := conn.Get(ctx, event.StreamProcessed, before+1)
	if err != nil || string(last.Data) != "processed-one" {
		t.Errorf("replayed message = %q, %v; want the original payload", last.Data, err)
	}
	if dls, _ := conn.DeadLetters(ctx, ""); len(dls) != 2 {
		t.Errorf("%d dead letters after the replay, want 2", len(dls))
	}
	if code, _, _ := execute(t, "deadletter", "replay", "--nats-url", url); code != ExitUsage {
		t.Errorf("replay without sequences or filters: code %d, want %d", code, ExitUsage)
	}
}

func strconvU(n uint64) string { return strconv.FormatUint(n, 10) }

func lastSeq(t *testing.T, conn *bus.Conn, stream string) uint64 {
	t.Helper()
	s, err := conn.JS.Stream(context.Background(), stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.LastSeq
}
