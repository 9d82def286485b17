package event

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func ptr[T any](v T) *T { return &v }

func sampleFetched() ArticleFetched {
	url := "https://thanhtri.hanoi.gov.vn/dang-doan-the/-/view_content/123-nang-cao.html"
	body := "<html><body><h1>Nâng cao năng lực</h1></body></html>"
	return ArticleFetched{
		SchemaVersion: FetchedVersion, ArticleID: ArticleID(url), URL: url, SourceID: "thanhtri",
		District: "Thanh Trì", Province: "Hà Nội",
		FetchedAt:  time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC),
		StatusCode: 200, ContentType: "text/html; charset=utf-8", ETag: `"abc"`,
		ContentSHA256: ContentHash([]byte(body)), Body: body,
		WARC: &WARCRef{File: "dra-20261126-00001.warc.gz", Offset: 1024, RecordID: "<urn:uuid:0f4b>"},
	}
}

// sampleFetchedAtAlias is sampleFetched as fetched from an alias of its
// source (a simulated portal on loopback): the ID names the portal's host.
func sampleFetchedAtAlias() ArticleFetched {
	f := sampleFetched()
	const path = "/dang-doan-the/-/view_content/123-nang-cao.html"
	f.URL, f.IdentityKey = "http://127.0.0.1:41234"+path, "thanhtri.hanoi.gov.vn"+path
	f.ArticleID = KeyID(f.IdentityKey)
	return f
}

func sampleProcessed() ArticleProcessed {
	f := sampleFetched()
	pub := time.Date(2020, 3, 18, 10, 53, 0, 0, time.FixedZone("ICT", 7*3600))
	body := "kết nạp 1.599/1000 đảng viên mới, đạt 159,9% kế hoạch"
	return ArticleProcessed{
		SchemaVersion: ProcessedVersion, ArticleID: f.ArticleID, URL: f.URL, SourceID: f.SourceID,
		FetchedAt: f.FetchedAt, ProcessedAt: f.FetchedAt.Add(time.Second), ContentSHA256: f.ContentSHA256,
		Title: "Nâng cao năng lực", Category: "Đảng, đoàn thể", PublishedAt: &pub, Views: ptr(1759),
		District: "Thanh Trì", Province: "Hà Nội", Byline: "Hoàng Thị Thu Thủy - Tuyên giáo Thanh Trì",
		Authors:   []Author{{Name: "Hoàng Thị Thu Thủy", Unit: "Tuyên giáo Thanh Trì"}},
		Documents: []Document{{Code: "09-NQ/TU", Type: "NQ", Issuer: "TU", Number: "09", Year: 2012, Date: "2012-02-27"}},
		Periods:   []string{"2015-2020"},
		Metrics: []Metric{{Value: 1599, Kind: "count", Unit: "đảng viên", Key: "party.new_members",
			Target: ptr(1000.0), PlanPercent: ptr(159.9), Text: body, Start: 0, End: 52, Measure: MeasureFlow,
			Period: &Period{Kind: PeriodTerm, Start: "2015-01-01", End: "2020-12-31", Label: "2015-2020", Found: FoundSentence}}},
		ReportPeriod: &Period{Kind: PeriodYear, Start: "2020-01-01", End: "2020-12-31", Label: "2020", Found: FoundTitle},
		Body:         body,
	}
}

// TestIdentity: the same page reached at another scheme, port or "www."
// host keeps its ID; a fetch from an alias host is valid with the portal's
// identity key, and refused when the key names another page.
func TestIdentity(t *testing.T) {
	want := ArticleID("https://thanhtri.hanoi.gov.vn/a/-/view_content/1-x.html?b=2")
	for _, u := range []string{
		"http://thanhtri.hanoi.gov.vn/a/-/view_content/1-x.html?b=2",
		"https://www.thanhtri.hanoi.gov.vn/a/-/view_content/1-x.html?b=2",
		"http://thanhtri.hanoi.gov.vn:8080/a/-/view_content/1-x.html?b=2",
	} {
		if got := ArticleID(u); got != want {
			t.Errorf("ArticleID(%s) = %s, want %s", u, got, want)
		}
	}
	if ArticleID("https://sontay.hanoi.gov.vn/a/-/view_content/1-x.html?b=2") == want {
		t.Error("another host has the same ID")
	}
	if got := IdentityKey("http://[::1]:8080/p"); got != "[::1]/p" {
		t.Errorf("IdentityKey of an IPv6 URL = %q", got)
	}
	f := sampleFetched()
	f.URL = "http://127.0.0.1:4321/dang-doan-the/-/view_content/123-nang-cao.html"
	f.IdentityKey = "thanhtri.hanoi.gov.vn/dang-doan-the/-/view_content/123-nang-cao.html"
	f.ArticleID = KeyID(f.IdentityKey)
	if err := f.Validate(); err != nil {
		t.Errorf("alias fetch: %v", err)
	}
	f.IdentityKey = "thanhtri.hanoi.gov.vn/another-page.html"
	f.ArticleID = KeyID(f.IdentityKey)
	if err := f.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("identity key of another page: err = %v, want invalid", err)
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		v    any
	}{
		{"article_fetched_v1.json", sampleFetched()},
		{"article_fetched_v1_alias.json", sampleFetchedAtAlias()},
		{"article_processed_v1.json", sampleProcessed()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Encode(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.name)
			if *update {
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != strings.TrimRight(string(want), "\n") {
				t.Errorf("wire format changed:\ngot  %s\nwant %s", got, want)
			}
		})
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	f := sampleFetched()
	data, _ := Encode(f)
	got, err := DecodeFetched(data)
	if err != nil {
		t.Fatal(err)
	}
	if got.ArticleID != f.ArticleID || got.Body != f.Body || !got.FetchedAt.Equal(f.FetchedAt) || got.WARC.Offset != 1024 {
		t.Errorf("round trip changed the event: %+v", got)
	}
	p := sampleProcessed()
	data, _ = Encode(p)
	gp, err := DecodeProcessed(data)
	if err != nil {
		t.Fatal(err)
	}
	if *gp.Metrics[0].PlanPercent != 159.9 || gp.Authors[0].Unit != "Tuyên giáo Thanh Trì" {
		t.Errorf("round trip changed the event: %+v", gp)
	}
}

func TestDecodeVersions(t *testing.T) {
	base, _ := Encode(sampleFetched())
	tests := []struct {
		name    string
		version string
		wantErr error
	}{
		{"same", `"` + FetchedVersion + `"`, nil},
		{"newer minor accepted", `"1.7"`, nil},
		{"unknown major", `"2.0"`, ErrUnknownMajor},
		{"missing", `""`, ErrInvalid},
		{"garbage", `"x.y"`, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := strings.Replace(string(base), `"`+FetchedVersion+`"`, tt.version, 1)
			_, err := DecodeFetched([]byte(data))
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
	// A new major may change a field's type: still an unknown major, not
	// an invalid event; a 1.x event with a wrong type is invalid.
	for version, want := range map[string]error{`"2.0"`: ErrUnknownMajor, `"1.0"`: ErrInvalid} {
		data := `{"schema_version":` + version + `,"fetched_at":42}`
		if _, err := DecodeFetched([]byte(data)); !errors.Is(err, want) {
			t.Errorf("%s with a number for fetched_at: err = %v, want %v", version, err, want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*ArticleFetched)
	}{
		{"no id", func(e *ArticleFetched) { e.ArticleID = "" }},
		{"id not from url", func(e *ArticleFetched) { e.ArticleID = ArticleID("https://other") }},
		{"no source", func(e *ArticleFetched) { e.SourceID = "" }},
		{"no time", func(e *ArticleFetched) { e.FetchedAt = time.Time{} }},
		{"hash mismatch", func(e *ArticleFetched) { e.Body += "x" }},
		{"bad utf8", func(e *ArticleFetched) { e.Body = "\xff"; e.ContentSHA256 = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := sampleFetched()
			tt.mutate(&e)
			if err := e.Validate(); !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate() = %v, want ErrInvalid", err)
			}
		})
	}
	for _, tt := range []struct {
		name   string
		mutate func(*ArticleFetched)
	}{
		{"identity key of another page", func(e *ArticleFetched) {
			e.IdentityKey = "thanhtri.hanoi.gov.vn/other.html"
			e.ArticleID = KeyID(e.IdentityKey)
		}},
		{"identity key with another query", func(e *ArticleFetched) {
			e.IdentityKey += "?page=2"
			e.ArticleID = KeyID(e.IdentityKey)
		}},
		{"id not from identity key", func(e *ArticleFetched) { e.ArticleID = ArticleID(e.URL) }},
		{"identity key without a url", func(e *ArticleFetched) { e.URL = "" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := sampleFetchedAtAlias()
			tt.mutate(&e)
			if err := e.Validate(); !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate() = %v, want ErrInvalid", err)
			}
		})
	}
	for name, e := range map[string]ArticleFetched{"url": sampleFetched(), "alias": sampleFetchedAtAlias()} {
		if err := e.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v", name, err)
		}
	}
	p := sampleProcessed()
	p.Metrics[0].End = 1000
	if err := p.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("metric offsets outside the body: Validate() = %v", err)
	}
}
