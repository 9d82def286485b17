package processor_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/portalsim"
	"github.com/dra-archive/dra/processor"
)

// rebuild renames the simulated portal's classes, as a portal rebuilt on
// a new CMS version would: the same articles, another markup.
var rebuild = strings.NewReplacer(`class="journal-content-article"`, `class="news-detail"`, `class="content"`, `class="detail-body"`,
	`class="title"`, `class="detail-title"`, `class="date-view"`, `class="meta-line"`, `class="category"`, `class="cat-label"`,
	`id="content"`, `id="main-col"`)

// TestTemplateLearnedOnTheStage runs the processor stage on an embedded
// NATS server over a simulated portal's pages: after MinSamples pages the
// source's template is learned (version 1, in the profile bucket) and the
// pages it was learned from are processed again with it; then the portal
// is rebuilt (its markup changes), the rebuilt pages stop fitting, the
// template is learned again (version 2), and no article is lost: each
// one's last processed event was read with a template and has the title,
// date and body the simulator wrote.
func TestTemplateLearnedOnTheStage(t *testing.T) {
	p, err := portalsim.New(portalsim.Config{Seed: 5, District: "thuongtin", Articles: 36})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Start(); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	conn, quiet := embeddedBus(t, "test")
	ctx := context.Background()

	runStage(t, processor.NewStage(conn, quiet, nil))

	arts := p.Articles()
	half := len(arts) / 2
	publish := func(a portalsim.Article, rebuilt bool) {
		resp, err := http.Get(a.URL)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(body)
		if rebuilt {
			page = rebuild.Replace(page)
		}
		f := event.ArticleFetched{SchemaVersion: event.FetchedVersion, ArticleID: event.ArticleID(a.URL), URL: a.URL,
			SourceID: "thuongtin", District: "Thường Tín", Province: "Hà Nội", FetchedAt: time.Now().UTC(), StatusCode: 200,
			ContentSHA256: event.ContentHash([]byte(page)), Body: page}
		data, _ := event.Encode(f)
		if err := conn.Publish(ctx, event.SubjectFetched, f.ArticleID+"@"+f.ContentSHA256[:16], data); err != nil {
			t.Fatal(err)
		}
	}
	// The last processed event of each article, read as they come.
	cons, err := conn.JS.OrderedConsumer(ctx, event.StreamProcessed, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	last := map[string]event.ArticleProcessed{}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("waited 30 s for %s", what)
			}
			msg, err := cons.Next(jetstream.FetchMaxWait(time.Second))
			if err != nil {
				continue
			}
			pe, err := event.DecodeProcessed(msg.Data())
			if err != nil {
				t.Fatal(err)
			}
			last[pe.ArticleID] = pe
		}
	}
	templated := func(version string, from, to int) func() bool {
		return func() bool {
			for _, a := range arts[from:to] {
				if last[event.ArticleID(a.URL)].Template != "thuongtin@"+version {
					return false
				}
			}
			return true
		}
	}
	for _, a := range arts[:half] {
		publish(a, false)
	}
	waitFor("the first half read with template v1", templated("v1", 0, half))
	prof, err := processor.ReadProfile(ctx, conn.JS, "thuongtin")
	if err != nil || prof == nil || prof.Version != 1 {
		t.Fatalf("profile %+v, %v; want version 1", prof, err)
	}
	t.Log(prof.Describe())

	for _, a := range arts[half:] {
		publish(a, true)
	}
	waitFor("the rebuilt half read with template v2", templated("v2", half, len(arts)))
	prof, err = processor.ReadProfile(ctx, conn.JS, "thuongtin")
	if err != nil || prof == nil || prof.Version != 2 {
		t.Fatalf("profile %+v, %v; want version 2 after the rebuild", prof, err)
	}
	right := 0
	for _, a := range arts {
		pe, ok := last[event.ArticleID(a.URL)]
		if !ok {
			t.Errorf("%s: no processed event", a.URL)
			continue
		}
		date := !a.HasDate && pe.PublishedAt == nil || a.HasDate && pe.PublishedAt != nil && pe.PublishedAt.Equal(a.PublishedAt)
		if pe.Title == a.Title && date && pe.Body == strings.Join(a.Paragraphs, "\n\n") {
			right++
		} else {
			t.Errorf("%s (%s): title %q date %v body %.60q", a.URL, pe.Template, pe.Title, pe.PublishedAt, pe.Body)
		}
	}
	t.Logf("%d of %d articles right, %d before and %d after the rebuild", right, len(arts), half, len(arts)-half)
}
