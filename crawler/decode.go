package crawler

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// DecodeHTML returns a page as UTF-8 in NFC. The charset comes from, in
// order: a byte-order mark, the Content-Type header, a <meta> declaration
// in the first 1024 bytes; without any, valid UTF-8 is taken as UTF-8 and
// anything else is detected (Windows-1258 when its combining tone marks
// show, else Windows-1252).
func DecodeHTML(body []byte, contentType string) []byte {
	enc, name := pickEncoding(body, contentType)
	var out []byte
	if name == "utf-8" {
		out = body
		if !utf8.Valid(out) {
			out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
		}
	} else {
		dec, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			dec = bytes.ToValidUTF8(body, []byte("\uFFFD"))
		}
		out = dec
	}
	if norm.NFC.IsNormal(out) {
		return out
	}
	return norm.NFC.Bytes(out)
}

func pickEncoding(body []byte, contentType string) (encoding.Encoding, string) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if certain || (enc != nil && declaresCharset(body)) {
		return enc, name
	}
	if utf8.Valid(body) {
		return encoding.Nop, "utf-8"
	}
	if looksWindows1258(body) {
		return charmap.Windows1258, "windows-1258"
	}
	return charmap.Windows1252, "windows-1252"
}

// declaresCharset reports whether the head of a page has a charset
// declaration in a meta tag.
func declaresCharset(body []byte) bool {
	head := body[:min(len(body), 1024)]
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

// looksWindows1258 reports whether a non-UTF-8 page has the bytes of
// Windows-1258's combining tone marks (grave, acute, hook, tilde, dot
// below) after letters, as Vietnamese text in that code page does.
func looksWindows1258(b []byte) bool {
	n := 0
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case 0xCC, 0xEC, 0xD2, 0xDE, 0xF2:
			if c := b[i-1]; (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0 {
				n++
			}
		}
	}
	return n >= 3 || (n > 0 && n*200 >= len(b))
}
