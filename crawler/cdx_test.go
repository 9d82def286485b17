package crawler_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dra-archive/dra/crawler"
)

func TestParseCDXJSON(t *testing.T) {
	head := `["urlkey","timestamp","original","mimetype","statuscode","digest","length"]`
	row := `["vn,gov,hanoi,thanhtri)/kinh-te","20240102030405","https://thanhtri.hanoi.gov.vn/kinh-te","text/html","200","ABC","123"]`
	tests := []struct {
		name       string
		in         string
		wantN      int
		wantResume string
		wantErr    string
	}{
		{name: "empty body", in: ""},
		{name: "no captures", in: "[]"},
		{name: "header only", in: "[" + head + "]"},
		{name: "one row", in: "[" + head + "," + row + "]", wantN: 1},
		{name: "resume key", in: "[" + head + "," + row + ",[],[\"vn,gov)/ 20240102030405\"]]", wantN: 1, wantResume: "vn,gov)/ 20240102030405"},
		{name: "trailing empty row", in: "[" + head + "," + row + ",[]]", wantN: 1},
		{name: "revisit status dash", in: "[" + head + `,["k","20240102030405","http://x/","warc/revisit","-","D","-"]]`, wantN: 1},
		{name: "reordered fields", in: `[["original","timestamp"],["http://x/a","20200101000000"]]`, wantN: 1},
		{name: "short row", in: "[" + head + `,["k","20240102030405"]]`, wantErr: "fields"},
		{name: "bad timestamp", in: "[" + head + `,["k","2024","http://x/","text/html","200","D","1"]]`, wantErr: "timestamp"},
		{name: "bad status", in: "[" + head + `,["k","20240102030405","http://x/","text/html","abc","D","1"]]`, wantErr: "status"},
		{name: "bad length", in: "[" + head + `,["k","20240102030405","http://x/","text/html","200","D","-5"]]`, wantErr: "length"},
		{name: "header without original", in: `[["urlkey","timestamp"]]`, wantErr: "header"},
		{name: "not json", in: "vn,gov)/ 2024 x", wantErr: "json"},
		{name: "rows after empty row", in: "[" + head + ",[],[\"a\"],[\"b\"]]", wantErr: "after an empty row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, resume, err := crawler.ParseCDXJSON([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want one mentioning %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantN || resume != tt.wantResume {
				t.Errorf("got %d captures, resume %q; want %d, %q", len(got), resume, tt.wantN, tt.wantResume)
			}
		})
	}
	caps, _, _ := crawler.ParseCDXJSON([]byte("[" + head + "," + row + "]"))
	want := crawler.CDXCapture{URLKey: "vn,gov,hanoi,thanhtri)/kinh-te", Timestamp: "20240102030405",
		At: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Original: "https://thanhtri.hanoi.gov.vn/kinh-te",
		MIMEType: "text/html", Status: 200, Digest: "ABC", Length: 123}
	if caps[0] != want {
		t.Errorf("got %+v, want %+v", caps[0], want)
	}
	if got := crawler.ReplayURL("https://web.archive.org/web/", want); got != "https://web.archive.org/web/20240102030405id_/https://thanhtri.hanoi.gov.vn/kinh-te" {
		t.Errorf("replay url %s", got)
	}
}

func TestParseCDXLine(t *testing.T) {
	tests := []struct {
		name       string
		line       string
		wantStatus int
		wantErr    bool
	}{
		{name: "ok", line: "vn,gov)/ 20190607084000 http://x.gov.vn/ text/html 200 SHA 2045\n", wantStatus: 200},
		{name: "redirect", line: "vn,gov)/a 20190607084000 http://x.gov.vn/a text/html 301 SHA 10", wantStatus: 301},
		{name: "too few", line: "vn,gov)/ 20190607084000", wantErr: true},
		{name: "empty", line: "", wantErr: true},
		{name: "bad date", line: "k 20191332084000 http://x/ text/html 200 SHA 1", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crawler.ParseCDXLine(tt.line)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v", err, tt.wantErr)
			}
			if err == nil && got.Status != tt.wantStatus {
				t.Errorf("status %d, want %d", got.Status, tt.wantStatus)
			}
		})
	}
}

func FuzzParseCDXLine(f *testing.F) {
	f.Add("vn,gov)/ 20190607084000 http://x.gov.vn/ text/html 200 SHA 2045")
	f.Add("k 20190607084000 http://x/ warc/revisit - SHA -")
	f.Add("k 99999999999999 http://x/ a 999 b 1")
	f.Fuzz(func(t *testing.T, line string) {
		c, err := crawler.ParseCDXLine(line)
		if err != nil {
			return
		}
		if c.Original == "" || c.At.Format("20060102150405") != c.Timestamp || c.Length < 0 || (c.Status != 0 && (c.Status < 100 || c.Status > 999)) {
			t.Errorf("%q: inconsistent capture %+v", line, c)
		}
		if utf8.ValidString(line) && !utf8.ValidString(c.Original) {
			t.Errorf("%q: invalid UTF-8 out of valid input", line)
		}
	})
}

func FuzzParseCDXJSON(f *testing.F) {
	f.Add([]byte(`[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],["k","20240102030405","http://x/","text/html","200","D","1"],[],["k 1"]]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		caps, _, err := crawler.ParseCDXJSON(data)
		if err != nil && len(caps) != 0 {
			t.Errorf("captures returned with an error")
		}
		for _, c := range caps {
			if c.Original == "" || c.At.Format("20060102150405") != c.Timestamp {
				t.Errorf("inconsistent capture %+v", c)
			}
		}
	})
}

func TestWaybackSourceValidation(t *testing.T) {
	data := []byte(`sources:
  - id: wa
    kind: wayback
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    article_pattern: "view_content"
    unit_codes: ["new:commune:99999", "bogus", "mid:province:01"]
    archive: {cdx_url: "ftp://cdx", replay_url: "", from: "20x5", to: "2019", rate: -1, page_size: -2}
  - id: live
    district: Thanh Trì
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    listing_pattern: "^https://thanhtri"
    article_pattern: "view_content"
    archive: {cdx_url: "https://web.archive.org/cdx/search/cdx", replay_url: "https://web.archive.org/web"}
  - id: odd
    kind: mirror
    district: Thanh Trì
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    listing_pattern: "^https://thanhtri"
    article_pattern: "view_content"
  - id: later
    kind: wayback
    district: Thanh Trì
    start_urls: ["https://thanhtri.hanoi.gov.vn/"]
    article_pattern: "view_content"
    archive: {cdx_url: "https://web.archive.org/cdx/search/cdx", replay_url: "https://web.archive.org/web", from: "2025", to: "2019"}
`)
	_, err := crawler.ParseSources(data)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`unit code "new:commune:99999"`, `unit code "bogus"`, `era "mid"`, "archive.cdx_url", "archive.replay_url",
		"archive.from \"20x5\"", "archive.rate", "archive.page_size", "archive: only for kind wayback", `kind "mirror"`, "is after archive.to"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
	ok := []byte(`sources:
  - id: hanoi
    kind: live
    start_urls: ["https://hanoi.gov.vn/"]
    listing_pattern: "^https://hanoi"
    article_pattern: "\\.htm$"
    unit_codes: ["new:province:01"]
`)
	srcs, err := crawler.ParseSources(ok)
	if err != nil || srcs[0].UnitCodes[0] != "new:province:01" {
		t.Fatalf("%v %v", srcs, err)
	}
}
