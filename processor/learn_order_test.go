package processor_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/processor"
)

// learnedProfile runs a processor stage with the given workers over a zoo
// portal's pages, all published before it starts (so its batches are
// full), and returns the source's learned template once every page's last
// processed event was read with it, as JSON without its learning time.
func learnedProfile(t *testing.T, served []portalsim.ServedPage, source string, workers int) string {
	t.Helper()
	conn, quiet := embeddedBus(t, fmt.Sprintf("order-%d", workers))
	ctx := context.Background()
	for _, sp := range served {
		id := event.ArticleID(sp.Truth.URL)
		f := event.ArticleFetched{SchemaVersion: event.FetchedVersion, ArticleID: id, URL: sp.Truth.URL, SourceID: source,
			FetchedAt: time.Now().UTC(), StatusCode: sp.Status, ContentSHA256: event.ContentHash(sp.Body), Body: string(sp.Body)}
		data, err := event.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := conn.Publish(ctx, event.SubjectFetched, id, data); err != nil {
			t.Fatal(err)
		}
	}
	runStage(t, processor.NewStage(conn, quiet, nil).WithWorkers(workers))
	// Done when every page's last processed event was read with the
	// template: the pages it was learned from are processed again with it.
	cons, err := conn.JS.OrderedConsumer(ctx, event.StreamProcessed, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	last := map[string]string{} // article ID -> template of its last event
	templated := func() bool {
		for _, sp := range served {
			if last[event.ArticleID(sp.Truth.URL)] == "" {
				return false
			}
		}
		return true
	}
	for deadline := time.Now().Add(time.Minute); !templated(); {
		if time.Now().After(deadline) {
			t.Fatalf("%d workers: after a minute, not every page was read with a learned template", workers)
		}
		msg, err := cons.Next(jetstream.FetchMaxWait(time.Second))
		if err != nil {
			continue
		}
		pe, err := event.DecodeProcessed(msg.Data())
		if err != nil {
			t.Fatal(err)
		}
		last[pe.ArticleID] = pe.Template
	}
	prof, err := processor.ReadProfile(ctx, conn.JS, source)
	if err != nil {
		t.Fatal(err)
	}
	if prof == nil {
		t.Fatalf("%d workers: no template learned from %d pages", workers, len(served))
	}
	prof.LearnedAt = time.Time{}
	b, err := json.Marshal(prof)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLearnedTemplateIndependentOfWorkers: a source's template is learned
// from the pages in stream order, so a stage extracting 8 pages at once
// learns the very template a stage reading them one at a time learns.
// (Learning once sampled the pages in the order their extraction finished:
// on the randomised families the template, and every field it reads,
// changed from run to run.) Tuning families only.
func TestLearnedTemplateIndependentOfWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("serves zoo portals")
	}
	tried := 0
	for _, fam := range portalsim.Families() {
		if fam.Eval || !fam.Randomised || tried == 3 {
			continue
		}
		tried++
		t.Run(fam.Name, func(t *testing.T) {
			p, served, err := portalsim.ServeZoo(fam.Name, 3, 24)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			one := learnedProfile(t, served, fam.Name, 1)
			for round := range 2 {
				if many := learnedProfile(t, served, fam.Name, 8); many != one {
					t.Errorf("round %d: 8 workers learned\n%s\none worker learned\n%s", round, many, one)
				}
			}
		})
	}
	if tried < 3 {
		t.Fatalf("only %d randomised tuning families", tried)
	}
}
