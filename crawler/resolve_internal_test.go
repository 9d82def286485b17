package crawler

import (
	"net/url"
	"testing"

	"github.com/gocolly/colly/v2"
)

// longWay is how links were resolved before the resolver, and is still
// the reference: Colly's WHATWG resolution, then Canonical.
func longWay(base, href string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	abs := (&colly.Request{URL: u}).AbsoluteURL(href)
	if abs == "" {
		return ""
	}
	c, err := Canonical(abs)
	if err != nil {
		return ""
	}
	return c
}

var resolveBases = []string{
	"http://127.0.0.1:8080/",
	"http://127.0.0.1:8080/tin-tuc/-/view_content/123-bao-cao.html",
	"https://thanhtri.hanoi.gov.vn/en/dang-doan-the?page=2&utm_source=x",
	"http://Sontay.Hanoi.gov.vn:80/a/b/c/",
	"https://[2001:db8::1]:8443/x/y",
	"http://h.example/%C3%A1/p%41th?q=%20",
	"http://h.example/a b/", // not plain: the long way for every link
	"mailto:someone@example.com",
	// Hosts the WHATWG parser rewrites: an IPv4 address in another form,
	// a non-canonical IPv6 address, punycode, upper case, a trailing dot.
	"http://0x7f.1/a/", "http://127.1/a/", "http://1.2.3/a/", "http://[2001:0db8:0::1]/a/", "http://xn--nxasmq6b.example/a/",
	"http://EXAMPLE.com/a/", "http://example.com./a/", "http://a-b.example-1.vn:8080/a/",
}

var resolveHrefs = []string{
	"", "#", "#top", "/", "/tin-tuc", "tin-tuc/2", "./x", "../x", "../../../../x", "/a/./b/../c", "/a/b/..", "/a/b/.",
	"..", ".", "?", "?page=3", "?b=2&a=1&utm_medium=y", "x?gclid=1&z=2#frag", "/p?q#f", "//other.host/x",
	"//127.0.0.1:8080/x", "http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:80801/x",
	"http://127.0.0.1:8080?x=1", "http://127.0.0.1:8080#f", "HTTP://127.0.0.1:8080/x", "https://127.0.0.1:8080/x",
	"http://other/x", "mailto:a@b.c", "javascript:void(0)", "tel:+84", "a:b", "1:2", " /x", "/x ", "/a\tb", "/a\\b",
	"\\\\evil/x", "/%2e%2e/x", "/%2E/x", "/a%2fb", "/%41%c3%a1", "/%zz", "/%4", "/tiếng-việt", "/a b", "/a\"b", "/a'b?c='d'",
	"/a<b>", "/a{b}", "/a|b", "/a^b", "/a`b", "/!$&()*+,;=:@~_.-", "?a=1&&b=2&", "/x?=1", "?%20=1", "/x/;p?q",
	"http://127.0.0.1:8080/../x", "/.../x", "/..a/x", "/a..", "//", "///x", "/./", "a/../../b",
	"https://thanhtri.hanoi.gov.vn/en/x", "https://thanhtri.hanoi.gov.vn:443/en/x", "http://sontay.hanoi.gov.vn/a",
	"http://h.example/%C3%A1/", "p%41th2",
}

func TestResolverAgreesWithTheLongWay(t *testing.T) {
	fast := 0
	for _, base := range resolveBases {
		// onHTML passes the request's URL, or AbsoluteURL("") when the
		// page may have a <base>: both must resolve as the long way does.
		for form, b := range map[string]string{"url": requestURL(base), "absolute": longWayBase(base)} {
			r := newResolver(b, func(h string) string { return absolute(base, h) })
			for _, href := range resolveHrefs {
				t.Run(form+" "+base+" "+href, func(t *testing.T) {
					got, host := r.resolve(href)
					want := longWay(base, href)
					if got != want {
						t.Fatalf("resolve(%q) against %q = %q, want %q", href, base, got, want)
					}
					if host != "" {
						fast++
						if pu, err := url.Parse(got); err != nil || pu.Hostname() != host {
							t.Fatalf("resolve(%q) host %q, URL %q", href, host, got)
						}
					}
				})
			}
		}
	}
	// The fast path must carry the common links, or it saves nothing.
	if fast < 100 {
		t.Fatalf("only %d links took the fast path", fast)
	}
}

// absolute is Colly's AbsoluteURL against base.
func absolute(base, href string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return (&colly.Request{URL: u}).AbsoluteURL(href)
}

// requestURL is the base as onHTML passes it for a page without <base>:
// the request's URL.
func requestURL(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	return u.String()
}

// longWayBase is the base as onHTML passes it for a page with a <base>:
// AbsoluteURL("").
func longWayBase(base string) string { return absolute(base, "") }

func FuzzResolve(f *testing.F) {
	for _, b := range resolveBases {
		for _, h := range resolveHrefs {
			f.Add(b, h)
		}
	}
	f.Fuzz(func(t *testing.T, base, href string) {
		want := longWay(base, href)
		for _, b := range []string{requestURL(base), longWayBase(base)} {
			r := newResolver(b, func(h string) string { return absolute(base, h) })
			if got, _ := r.resolve(href); got != want {
				t.Fatalf("resolve(%q) against %q (as %q) = %q, want %q", href, base, b, got, want)
			}
		}
	})
}

func BenchmarkResolve(b *testing.B) {
	base := "http://127.0.0.1:8080/tin-tuc?page=2"
	hrefs := []string{"/tin-tuc/-/view_content/123-bao-cao-tong-ket.html", "/tin-tuc?page=3", "../x/y.html",
		"http://127.0.0.1:8080/en/dang-doan-the"}
	b.Run("colly+canonical", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			_ = longWay(base, hrefs[i%len(hrefs)])
		}
	})
	b.Run("resolver", func(b *testing.B) {
		r := newResolver(longWayBase(base), func(h string) string { return absolute(base, h) })
		for i := 0; b.Loop(); i++ {
			_, _ = r.resolve(hrefs[i%len(hrefs)])
		}
	})
}

func TestHasBaseTag(t *testing.T) {
	tests := []struct {
		name string
		body string
		want bool
	}{
		{"none", `<html><head><title>x</title></head><body><a href="/a">a</a></body></html>`, false},
		{"base", `<html><head><base href="/en/"></head></html>`, true},
		{"upper case", `<HTML><HEAD><BASE HREF="/en/"></HEAD></HTML>`, true},
		{"mixed case", `<Base href=/x>`, true},
		{"basefont (kept on the long way)", `<basefont size=3>`, true},
		{"cut short", `<bas`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hasBaseTag([]byte(tt.body)); got != tt.want {
				t.Errorf("hasBaseTag(%q) = %v, want %v", tt.body, got, tt.want)
			}
		})
	}
}
