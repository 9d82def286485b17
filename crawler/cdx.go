package crawler

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CDXCapture is one row of a CDX index in the Wayback Machine's CDX server
// format: one capture of one URL by a web archive.
type CDXCapture struct {
	URLKey    string    // SURT form of the URL, the index's sort key
	Timestamp string    // yyyyMMddhhmmss, UTC: when the archive captured it
	At        time.Time // Timestamp parsed
	Original  string    // the URL as captured
	MIMEType  string
	// Status is the captured HTTP status; 0 when the index has none ("-",
	// as for revisit records).
	Status int
	Digest string // the archive's payload digest (base32 SHA-1 at the Internet Archive)
	Length int64  // the archived record's length; 0 when unknown
}

// cdxFields are the default fields of a CDX server row, in order.
var cdxFields = []string{"urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"}

// CDXTimeLayout is the layout of CDX timestamps.
const CDXTimeLayout = "20060102150405"

// ErrCDX is wrapped by every error of the CDX parsers.
var ErrCDX = errors.New("cdx")

// ParseCDXTimestamp reads a CDX timestamp: 14 digits, UTC.
func ParseCDXTimestamp(ts string) (time.Time, error) {
	if len(ts) != 14 || !allDigits(ts) {
		return time.Time{}, fmt.Errorf("%w: timestamp %q is not yyyyMMddhhmmss", ErrCDX, ts)
	}
	t, err := time.Parse(CDXTimeLayout, ts)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: timestamp %q: %v", ErrCDX, ts, err)
	}
	return t, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// cdxRow reads one row given the field names (the header row of JSON
// output, else cdxFields).
func cdxRow(names, vals []string) (CDXCapture, error) {
	if len(vals) != len(names) {
		return CDXCapture{}, fmt.Errorf("%w: row has %d fields, want %d", ErrCDX, len(vals), len(names))
	}
	var c CDXCapture
	for i, n := range names {
		v := vals[i]
		switch n {
		case "urlkey":
			c.URLKey = v
		case "timestamp":
			c.Timestamp = v
		case "original":
			c.Original = v
		case "mimetype":
			c.MIMEType = v
		case "statuscode":
			if v != "-" && v != "" {
				s, err := strconv.Atoi(v)
				if err != nil || s < 100 || s > 999 {
					return CDXCapture{}, fmt.Errorf("%w: status %q", ErrCDX, v)
				}
				c.Status = s
			}
		case "digest":
			c.Digest = v
		case "length":
			if v != "-" && v != "" {
				l, err := strconv.ParseInt(v, 10, 64)
				if err != nil || l < 0 {
					return CDXCapture{}, fmt.Errorf("%w: length %q", ErrCDX, v)
				}
				c.Length = l
			}
		}
	}
	if c.Original == "" {
		return CDXCapture{}, fmt.Errorf("%w: row without original url", ErrCDX)
	}
	at, err := ParseCDXTimestamp(c.Timestamp)
	if err != nil {
		return CDXCapture{}, err
	}
	c.At = at
	return c, nil
}

// ParseCDXLine reads one line of the CDX server's plain output: the seven
// default fields separated by single spaces.
func ParseCDXLine(line string) (CDXCapture, error) {
	return cdxRow(cdxFields, strings.Fields(strings.TrimRight(line, "\r\n")))
}

// ParseCDXJSON reads one page of the CDX server's JSON output
// (output=json): an array of rows whose first row names the fields, and,
// with showResumeKey=true, an empty row followed by a one-element row
// holding the key that resumes the query after this page. An empty body
// or "[]" is a page with no capture. Rows that cannot be read are an
// error: a silent skip would lose captures.
func ParseCDXJSON(data []byte) (caps []CDXCapture, resumeKey string, err error) {
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, "", nil
	}
	var rows [][]string
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, "", fmt.Errorf("%w: json: %v", ErrCDX, err)
	}
	if len(rows) == 0 {
		return nil, "", nil
	}
	names := rows[0]
	if !contains(names, "timestamp") || !contains(names, "original") {
		return nil, "", fmt.Errorf("%w: header row %q lacks timestamp or original", ErrCDX, names)
	}
	for i := 1; i < len(rows); i++ {
		r := rows[i]
		if len(r) == 0 {
			// The resume key follows the empty row.
			if i+1 < len(rows) && len(rows[i+1]) == 1 && i+2 == len(rows) {
				return caps, rows[i+1][0], nil
			}
			if i+1 == len(rows) {
				return caps, "", nil
			}
			return nil, "", fmt.Errorf("%w: unexpected rows after an empty row", ErrCDX)
		}
		c, err := cdxRow(names, r)
		if err != nil {
			return nil, "", fmt.Errorf("row %d: %w", i, err)
		}
		caps = append(caps, c)
	}
	return caps, "", nil
}

// ReplayURL is the address of a capture's bytes as originally archived:
// the raw ("id_") form of Wayback replay, <replay>/<timestamp>id_/<original>.
func ReplayURL(replay string, c CDXCapture) string {
	return strings.TrimRight(replay, "/") + "/" + c.Timestamp + "id_/" + c.Original
}
