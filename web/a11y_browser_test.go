package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/dra-archive/dra/internal/testenv"
)

// axeSource reads axe-core from the test data, where scripts/vendor-axe.sh
// puts it (scripts/test.sh runs it; so does this function when it is
// missing). Under CI=true a missing axe-core fails the test.
func axeSource(t *testing.T) string {
	t.Helper()
	path := filepath.Join("testdata", "axe", "axe.min.js")
	if _, err := os.Stat(path); err != nil {
		out, err := exec.Command(filepath.Join("..", "scripts", "vendor-axe.sh")).CombinedOutput()
		if err != nil {
			if testenv.CI() {
				t.Fatalf("axe-core is missing and scripts/vendor-axe.sh failed: %v\n%s", err, out)
			}
			t.Skipf("axe-core is missing (scripts/vendor-axe.sh: %v)", err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// axeViolation is one serious or critical finding of axe-core.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe injects axe-core into the page and returns its serious and
// critical violations. The archived original inside the banner page's
// sandboxed frame is the portal's page as it was, not ours: it is left out.
func (b browser) runAxe(src string) []axeViolation {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](src+";\ntrue")); err != nil {
		b.t.Fatalf("inject axe-core: %v", err)
	}
	js := `axe.run({exclude: [['iframe.archframe']]}, {resultTypes: ['violations']}).then(r => JSON.stringify(
		r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' '))}))))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe.run: %v", err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		b.t.Fatal(err)
	}
	return vs
}

// TestAccessibility opens every page of the UI in Vietnamese and English,
// at 1280 px and at 390 px, runs axe-core on each (failing on any serious
// or critical violation), checks what the page promises at that width and
// keeps a screenshot of each in test-output/screenshots.
func TestAccessibility(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests in -short mode")
	}
	src := axeSource(t)
	srv, c, _ := newApp(t, nil)
	ctx := newBrowser(t, 1280, 900)
	seed := url.PathEscape(c.seedID)
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"search", "/?q=" + url.QueryEscape("kết nạp đảng viên")},
		{"search-error", "/?q=" + url.QueryEscape("colour:red")},
		{"article", "/articles/" + seed + "?q=" + url.QueryEscape("năng lực lãnh đạo")},
		{"archive", "/articles/" + seed + "/archive"},
		{"trends", "/trends?key=party.new_members&by=district&interval=year"},
		{"trends-pick", "/trends"},
		{"catalogue", "/catalogue"},
		{"sources", "/sources"},
	}
	for _, width := range []int{1280, 390} {
		for _, lang := range []string{"vi", "en"} {
			for _, p := range pages {
				t.Run(fmt.Sprintf("%s/%s/%d", p.name, lang, width), func(t *testing.T) {
					b := browser{t, ctx}
					u, _ := url.Parse(srv.URL + p.path)
					q := u.Query()
					q.Set("lang", lang)
					u.RawQuery = q.Encode()
					b.do(chromedp.EmulateViewport(int64(width), 844), chromedp.Navigate(u.String()), ready(u.Path))
					if vs := b.runAxe(src); len(vs) > 0 {
						for _, v := range vs {
							t.Errorf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
						}
					}
					// No page scrolls sideways; each has one h1, a skip
					// link first in the tab order, and a status region
					// rather than a live <main>.
					over := eval[int](b, `document.documentElement.scrollWidth - window.innerWidth`)
					h1s := eval[int](b, `document.querySelectorAll('h1').length`)
					firstFocus := eval[string](b, `[...document.querySelectorAll('a[href],button,input,select,summary,[tabindex]')].filter(e => e.tabIndex >= 0)[0].className`)
					live := eval[string](b, `(document.querySelector('main').getAttribute('aria-live') || '') + '|' + document.querySelectorAll('[role=status]').length`)
					if over > 0 || h1s != 1 || firstFocus != "skip" || live != "|1" {
						t.Errorf("%d px wider than the window, %d h1, first focusable %q, main aria-live|status regions %q", over, h1s, firstFocus, live)
					}
					b.shot(fmt.Sprintf("%s-%s-%d.png", p.name, lang, width))
					b.view(fmt.Sprintf("%s-%s-%d-top.png", p.name, lang, width))
				})
			}
		}
	}
	t.Run("search page at 390 px: every facet in view, author last, no null", func(t *testing.T) {
		b := browser{t, ctx}
		b.do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/?q="+url.QueryEscape("kết nạp đảng viên")), ready("/"),
			until(`document.querySelectorAll('.chips .chip').length > 0`))
		order := eval[[]string](b, `[...document.querySelectorAll('.facets section')].map(s => s.dataset.facet)`)
		outside := eval[[]string](b, `[...document.querySelectorAll('.facets section')].filter(s => s.getBoundingClientRect().right > window.innerWidth + 0.5).map(s => s.dataset.facet)`)
		nulls := eval[int](b, `[...document.querySelectorAll('.chips')].filter(c => /null|undefined/.test(c.textContent)).length`)
		ids := eval[int](b, `[...document.querySelectorAll('li.hit')].filter(h => h.querySelector('.hitid code').textContent === h.dataset.id).length`)
		hits := eval[int](b, `document.querySelectorAll('li.hit').length`)
		if len(order) < 3 || order[0] != "district" || order[1] != "year" || order[len(order)-1] != "author" {
			t.Errorf("facet order %v, want district, year, …, author last", order)
		}
		if len(outside) > 0 || nulls > 0 || ids != hits || hits == 0 {
			t.Errorf("facets past the right edge %v, %d chip boxes with null, %d of %d hits show their ID", outside, nulls, ids, hits)
		}
	})
	t.Run("keyboard: the skip link leads to the results", func(t *testing.T) {
		b := browser{t, ctx}
		b.do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/?q="+url.QueryEscape("kết nạp đảng viên")), ready("/"),
			chromedp.KeyEvent("\t"))
		if got := eval[string](b, `document.activeElement.className`); got != "skip" {
			t.Fatalf("first Tab focuses %q, want the skip link", got)
		}
		b.do(chromedp.KeyEvent("\r"), until(`location.hash === '#app'`))
		b.do(chromedp.KeyEvent("\t"))
		inMain := eval[bool](b, `document.querySelector('main').contains(document.activeElement)`)
		if !inMain {
			t.Errorf("after the skip link, Tab focuses %s outside main", eval[string](b, `document.activeElement.outerHTML.slice(0, 80)`))
		}
	})
	t.Run("article: each figure marked by itself, linked to its row and back", func(t *testing.T) {
		b := browser{t, ctx}
		b.do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/articles/"+seed), ready("/articles/"+c.seedID))
		type fig struct {
			Text, Href, Back, Clause string
		}
		figs := eval[[]fig](b, `[...document.querySelectorAll('.articletext a.figlink')].map(a => {
			const row = document.getElementById(a.getAttribute('href').slice(1));
			return {Text: a.querySelector('mark').firstChild.textContent, Href: a.getAttribute('href'),
				Back: row ? row.querySelector('td.n a').getAttribute('href') : '', Clause: row ? row.querySelector('td.quote').textContent : ''};
		})`)
		if len(figs) == 0 {
			t.Fatal("no figure marked in the text")
		}
		for _, f := range figs {
			if f.Back == "" || !strings.Contains(f.Clause, f.Text) || len(f.Text) >= len(f.Clause) {
				t.Errorf("figure %q (%s): row link back %q, clause %q", f.Text, f.Href, f.Back, f.Clause)
			}
		}
		// Keyboard: Tab reaches a figure; Enter follows it to its row.
		b.do(chromedp.Focus(chromedp.CSS(`.articletext a.figlink`)), chromedp.KeyEvent("\r"), until(`location.hash.startsWith('#f')`))
		unnamed := eval[[]string](b, `[...document.querySelectorAll('table.metrics tbody td:nth-child(2)')].map(td => td.textContent).filter(s => /\b(count|percent|money|measure)\b/.test(s))`)
		if len(unnamed) > 0 {
			t.Errorf("English kind names in the Vietnamese table: %v", unnamed)
		}
	})
	t.Run("errors speak the page's language", func(t *testing.T) {
		b := browser{t, ctx}
		for _, lang := range []string{"vi", "en"} {
			b.do(chromedp.Navigate(srv.URL+"/articles/no-such-article?lang="+lang), ready("/articles/no-such-article"))
			msg := eval[string](b, `document.querySelector('.error').firstChild.nextSibling.textContent`)
			want := map[string]string{"vi": "Không tìm thấy", "en": "Not found"}[lang]
			if !strings.HasPrefix(msg, want) {
				t.Errorf("%s: error %q, want %q…", lang, msg, want)
			}
		}
	})
	t.Run("a server out of reach is said in the page's language", func(t *testing.T) {
		b := browser{t, ctx}
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			t.Fatal(err)
		}
		block := func(patterns ...*network.BlockPattern) {
			if _, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns}); err != nil {
				t.Fatal(err)
			}
		}
		block(&network.BlockPattern{URLPattern: srv.URL + "/api/*", Block: true})
		defer block()
		for _, lang := range []string{"vi", "en"} {
			b.do(chromedp.Navigate(srv.URL+"/?q=x&lang="+lang), ready("/"))
			msg := eval[string](b, `document.querySelector('.error').textContent`)
			want := map[string]string{"vi": "Không kết nối được với máy chủ", "en": "Cannot reach the server"}[lang]
			if !strings.Contains(msg, want) || (lang == "vi" && strings.Contains(strings.SplitN(msg, "Chi tiết", 2)[0], "Failed to fetch")) {
				t.Errorf("%s: error %q, want %q", lang, msg, want)
			}
		}
	})
	t.Run("trends: district and date filters, one hover band per period", func(t *testing.T) {
		b := browser{t, ctx}
		b.do(chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/trends?key=party.new_members&by=district&interval=year&district="+
			url.QueryEscape("Sơn Tây")+"&from=2016-01-01&to=2020-12-31"), ready("/trends"))
		series := eval[[]string](b, `[...document.querySelectorAll('svg.linechart g.series')].map(g => g.dataset.group)`)
		periods := eval[[]string](b, `[...document.querySelectorAll('table.trendtable tbody th')].map(th => th.textContent)`)
		bands := eval[int](b, `document.querySelectorAll('svg.linechart rect.hover').length`)
		tick := eval[float64](b, `Math.min(...[...document.querySelectorAll('svg.linechart text.tick')].map(e => e.getBoundingClientRect().height))`)
		selectOver := eval[float64](b, `Math.max(...[...document.querySelectorAll('.trendform select, .trendform input')].map(e => e.getBoundingClientRect().right)) - window.innerWidth`)
		if len(series) != 1 || series[0] != "Sơn Tây" {
			t.Errorf("series %v, want Sơn Tây alone", series)
		}
		for _, p := range periods {
			if p < "2016" || p > "2020" {
				t.Errorf("period %s outside 2016-2020", p)
			}
		}
		if bands != len(periods) || len(periods) == 0 {
			t.Errorf("%d hover bands for %d periods", bands, len(periods))
		}
		if tick < 10 || selectOver > 0 {
			t.Errorf("at 390 px the axis labels are %.1f px high (want ≥ 10) and the form passes the edge by %.0f px", tick, selectOver)
		}
		b.shot("trends-filtered-vi-390.png")
	})
	t.Run("archive banner: capture date, source, original URL and the captures", func(t *testing.T) {
		b := browser{t, ctx}
		b.do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/articles/"+seed+"/archive"), ready("/articles/"+c.seedID+"/archive"))
		original := eval[string](b, `document.querySelector('.capmeta a.cite').getAttribute('href')`)
		caps := eval[int](b, `document.querySelectorAll('.caplist li').length`)
		frame := eval[string](b, `document.querySelector('iframe.archframe').getAttribute('src')`)
		sandbox := eval[string](b, `document.querySelector('iframe.archframe').getAttribute('sandbox')`)
		when := eval[string](b, `document.querySelector('.capmeta time').getAttribute('datetime')`)
		v, err := c.store.Get(context.Background(), c.seedID)
		if err != nil {
			t.Fatal(err)
		}
		if original != v.URL || caps != 2 || !strings.Contains(frame, "/archive?record=") || sandbox != "" || !strings.HasPrefix(when, "2025-06-01") {
			t.Errorf("banner: original %q (want %q), %d captures, frame %q sandbox %q, captured %q", original, v.URL, caps, frame, sandbox, when)
		}
		b.do(chromedp.Click(chromedp.CSS(`.caplist a`)), until(`location.search.includes('record=') && document.body.dataset.ready === 'true'`))
		if when2 := eval[string](b, `document.querySelector('.capmeta time').getAttribute('datetime')`); !strings.HasPrefix(when2, "2024-06-01") {
			t.Errorf("the earlier capture shows %q", when2)
		}
		b.shot("archive-earlier-vi-1280.png")
	})
}
