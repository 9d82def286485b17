package crawler_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/dra-archive/dra/crawler"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"scheme and host case", "HTTPS://ThanhTri.Hanoi.GOV.vn/Kinh-Te", "https://thanhtri.hanoi.gov.vn/Kinh-Te"},
		{"default http port", "http://thanhtri.hanoi.gov.vn:80/a", "http://thanhtri.hanoi.gov.vn/a"},
		{"default https port", "https://thanhtri.hanoi.gov.vn:443/a", "https://thanhtri.hanoi.gov.vn/a"},
		{"other port kept", "http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"},
		{"fragment", "https://x.vn/a.html#binh-luan", "https://x.vn/a.html"},
		{"empty path", "https://x.vn", "https://x.vn/"},
		{"user info", "https://u:p@x.vn/a", "https://x.vn/a"},
		{"utm", "https://x.vn/a.html?utm_source=fb&utm_medium=social", "https://x.vn/a.html"},
		{"fbclid gclid", "https://x.vn/a.html?fbclid=IwAR0&gclid=EAIa", "https://x.vn/a.html"},
		{"tracking case", "https://x.vn/a?UTM_Source=x&FBCLID=y", "https://x.vn/a"},
		{"query order", "https://x.vn/list?page=2&cat=5", "https://x.vn/list?cat=5&page=2"},
		{"tracking among real params", "https://x.vn/list?page=2&utm_campaign=x&cat=5", "https://x.vn/list?cat=5&page=2"},
		{"repeated key order kept", "https://x.vn/a?b=2&a=1&b=1", "https://x.vn/a?a=1&b=2&b=1"},
		{"empty query", "https://x.vn/a?", "https://x.vn/a"},
		{"vietnamese path", "https://x.vn/tin-tức/Hà-Nội", "https://x.vn/tin-t%E1%BB%A9c/H%C3%A0-N%E1%BB%99i"},
		{"ipv6", "http://[::1]:80/a", "http://[::1]/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := crawler.Canonical(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "/relative/path", "mailto:a@b.vn", "http://", "::"} {
		if got, err := crawler.Canonical(bad); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", bad, got)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{
		"https://ThanhTri.hanoi.gov.vn:443/dang-doan-the/-/view_content/123-a.html?utm_source=x#y",
		"http://127.0.0.1:8080/kinh-te?page=2&b=1&a=%20",
		"https://x.vn/a%2Fb/c?q=%ZZ&fbclid=1", "http://[::1]:80/", "https://x.vn/tin-tức?x=Hà Nội",
		"HTTP://a.b/../c/./d?&&=&a", "https://x.vn/%E1%BB",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c1, err := crawler.Canonical(raw)
		if err != nil {
			return
		}
		c2, err := crawler.Canonical(c1)
		if err != nil {
			t.Fatalf("Canonical(%q) = %q, which does not canonicalise: %v", raw, c1, err)
		}
		if c1 != c2 {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, c1, c2)
		}
		u, err := url.Parse(c1)
		if err != nil {
			t.Fatalf("%q does not parse: %v", c1, err)
		}
		if u.Fragment != "" || u.User != nil || u.Host != strings.ToLower(u.Host) {
			t.Fatalf("%q keeps a fragment, user info or an uppercase host", c1)
		}
		for k := range u.Query() {
			if strings.HasPrefix(strings.ToLower(k), "utm_") || strings.EqualFold(k, "fbclid") || strings.EqualFold(k, "gclid") {
				t.Fatalf("%q keeps tracking parameter %q", c1, k)
			}
		}
	})
}
