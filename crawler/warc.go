package crawler

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	warc "github.com/internetarchive/gowarc"
	"github.com/internetarchive/gowarc/pkg/spooledtempfile"
	"github.com/klauspost/compress/gzip"

	"github.com/dra-archive/dra/event"
)

// Archive writes every request and response the crawler makes to gzip WARC
// files (ISO 28500, WARC/1.1): one gzip member per record, so a record is
// read back from its file name and offset alone. Files rotate by size and
// are named DRA-<UTC time>-<serial>-<host>-<pid>.warc.gz, so several
// processes can share a directory. An Archive is safe for concurrent use.
type Archive struct {
	dir     string
	maxSize int64
	prefix  string

	mu     sync.Mutex
	f      *os.File
	name   string
	size   int64
	serial int
	closed bool
}

// DefaultWARCSize is the size at which a WARC file is rotated.
const DefaultWARCSize = 1 << 30

// OpenArchive writes WARC files under dir, rotating at maxSize bytes
// (DefaultWARCSize when 0).
func OpenArchive(dir string, maxSize int64) (*Archive, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("warc dir: %w", err)
	}
	if maxSize <= 0 {
		maxSize = DefaultWARCSize
	}
	host, _ := os.Hostname()
	host = strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, host)
	return &Archive{dir: dir, maxSize: maxSize, prefix: fmt.Sprintf("%s-%d", host, os.Getpid())}, nil
}

// Dir is the directory the WARC files are in.
func (a *Archive) Dir() string { return a.dir }

// Close closes the current file. It is safe to call twice.
func (a *Archive) Close() error {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.closed = true
	if a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	return err
}

// Exchange is one HTTP request and its response as seen on the wire.
type Exchange struct {
	Request  *http.Request
	Response *http.Response // headers and status; the body is Body
	Body     []byte         // the payload as received (possibly truncated)
	// Truncated is set when the body was cut at the size limit.
	Truncated bool
	RemoteIP  string
	At        time.Time
	// Original and CaptureAt are set for a capture fetched from a web
	// archive: the records then name the original URL (WARC-Target-URI)
	// and the capture time (WARC-Date), and keep the archive's replay URL
	// (WARC-Source-URI) and the time DRA fetched it (WARC-Creation-Date),
	// the two fields the IIPC proposes for records copied from another
	// archive.
	Original  string
	CaptureAt time.Time
}

// Write archives a request and response pair and returns the reference of
// the response record.
func (a *Archive) Write(x Exchange) (event.WARCRef, error) {
	respID := "<urn:uuid:" + uuid.NewString() + ">"
	reqID := "<urn:uuid:" + uuid.NewString() + ">"
	date := x.At.UTC().Format(time.RFC3339Nano)
	target := x.Request.URL.String()
	var extra [][2]string
	if x.Original != "" {
		extra = [][2]string{{"WARC-Source-URI", target}, {"WARC-Creation-Date", date}}
		target, date = x.Original, x.CaptureAt.UTC().Format(time.RFC3339)
	}

	var head bytes.Buffer
	fmt.Fprintf(&head, "HTTP/%d.%d %s\r\n", max(x.Response.ProtoMajor, 1), x.Response.ProtoMinor, x.Response.Status)
	if x.Response.ProtoMajor == 0 {
		head.Reset()
		fmt.Fprintf(&head, "HTTP/1.1 %s\r\n", x.Response.Status)
	}
	_ = x.Response.Header.Write(&head)
	head.WriteString("\r\n")
	resp := warc.NewHeader()
	resp.Set("WARC-Type", "response")
	resp.Set("WARC-Record-ID", respID)
	resp.Set("WARC-Date", date)
	resp.Set("WARC-Target-URI", target)
	resp.Set("WARC-Concurrent-To", reqID)
	resp.Set("Content-Type", "application/http; msgtype=response")
	resp.Set("WARC-Payload-Digest", sha1Digest(x.Body))
	if x.RemoteIP != "" {
		resp.Set("WARC-IP-Address", x.RemoteIP)
	}
	if x.Truncated {
		resp.Set("WARC-Truncated", "length")
	}
	for _, kv := range extra {
		resp.Set(kv[0], kv[1])
	}
	respBlock, err := member(resp, head.Bytes(), x.Body)
	if err != nil {
		return event.WARCRef{}, err
	}

	var rh bytes.Buffer
	uri := x.Request.URL.RequestURI()
	fmt.Fprintf(&rh, "%s %s HTTP/1.1\r\nHost: %s\r\n", x.Request.Method, uri, x.Request.URL.Host)
	_ = x.Request.Header.Write(&rh)
	rh.WriteString("\r\n")
	req := warc.NewHeader()
	req.Set("WARC-Type", "request")
	req.Set("WARC-Record-ID", reqID)
	req.Set("WARC-Date", date)
	req.Set("WARC-Target-URI", target)
	req.Set("WARC-Concurrent-To", respID)
	req.Set("Content-Type", "application/http; msgtype=request")
	for _, kv := range extra {
		req.Set(kv[0], kv[1])
	}
	reqBlock, err := member(req, rh.Bytes(), nil)
	if err != nil {
		return event.WARCRef{}, err
	}

	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return event.WARCRef{}, errors.New("warc archive closed")
	}
	if err := a.rotate(int64(len(respBlock) + len(reqBlock))); err != nil {
		return event.WARCRef{}, err
	}
	off := a.size
	if _, err := a.f.Write(append(respBlock, reqBlock...)); err != nil {
		return event.WARCRef{}, fmt.Errorf("warc write %s: %w", a.name, err)
	}
	a.size += int64(len(respBlock) + len(reqBlock))
	return event.WARCRef{File: a.name, Offset: off, RecordID: respID}, nil
}

// rotate opens a new file when there is none or the next write would pass
// the size limit. Called with a.mu held.
func (a *Archive) rotate(next int64) error {
	if a.f != nil && (a.size == 0 || a.size+next <= a.maxSize) {
		return nil
	}
	if a.f != nil {
		if err := a.f.Close(); err != nil {
			return err
		}
		a.f = nil
	}
	a.serial++
	name := fmt.Sprintf("DRA-%s-%05d-%s.warc.gz", time.Now().UTC().Format("20060102150405"), a.serial, a.prefix)
	f, err := os.OpenFile(filepath.Join(a.dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("warc file: %w", err)
	}
	info := warc.NewHeader()
	info.Set("WARC-Type", "warcinfo")
	info.Set("WARC-Record-ID", "<urn:uuid:"+uuid.NewString()+">")
	info.Set("WARC-Date", time.Now().UTC().Format(time.RFC3339Nano))
	info.Set("WARC-Filename", name)
	info.Set("Content-Type", "application/warc-fields")
	block, err := member(info, []byte("software: DRA (github.com/dra-archive/dra), gowarc\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"), nil)
	if err == nil {
		_, err = f.Write(block)
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("warc file: %w", err)
	}
	a.f, a.name, a.size = f, name, int64(len(block))
	return nil
}

// member renders one record as a complete gzip member with gowarc's writer.

func member(h warc.Header, head, body []byte) ([]byte, error) {
	h.Set("Content-Length", strconv.Itoa(len(head)+len(body)))
	d := sha1.New()
	d.Write(head)
	d.Write(body)
	h.Set("WARC-Block-Digest", "sha1:"+base32.StdEncoding.EncodeToString(d.Sum(nil)))
	content := spooledtempfile.NewSpooledTempFile("dra-warc", "", len(head)+len(body)+1, false, -1)
	if _, err := content.Write(head); err != nil {
		return nil, err
	}
	if _, err := content.Write(body); err != nil {
		return nil, err
	}
	// gowarc's own gzip writer allocates a compressor per record; a pooled
	// one, reset per member, writes the same gzip members far cheaper.
	var buf bytes.Buffer
	buf.Grow((len(head)+len(body))/3 + 512)
	zw := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(zw)
	zw.Reset(&buf)
	w := &warc.Writer{FileWriter: bufio.NewWriterSize(zw, 32<<10), DigestAlgorithm: warc.SHA1}
	if _, err := w.WriteRecord(&warc.Record{Header: h, Content: content}); err != nil {
		return nil, fmt.Errorf("warc record: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var gzipPool = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

func sha1Digest(b []byte) string {
	sum := sha1.Sum(b)
	return digestString(sum[:])
}

func digestString(sum []byte) string { return "sha1:" + base32.StdEncoding.EncodeToString(sum) }

// ReadArchived reads the response record ref points at from the WARC files
// in warcDir and returns the archived response's header and body, byte for
// byte as received. The record's digests are checked.
func ReadArchived(warcDir string, ref event.WARCRef) (http.Header, []byte, error) {
	name := filepath.Base(ref.File)
	if name != ref.File || name == "." || name == ".." {
		return nil, nil, fmt.Errorf("warc file %q: not a file name", ref.File)
	}
	f, err := os.Open(filepath.Join(warcDir, name))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if _, err := f.Seek(ref.Offset, io.SeekStart); err != nil {
		return nil, nil, err
	}
	r, err := warc.NewReader(f)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	rec, err := r.ReadRecord()
	if err != nil {
		return nil, nil, fmt.Errorf("warc %s@%d: %w", name, ref.Offset, err)
	}
	defer rec.Content.Close()
	if id := rec.Header.Get("WARC-Record-ID"); id != ref.RecordID {
		return nil, nil, fmt.Errorf("warc %s@%d: record %s, want %s", name, ref.Offset, id, ref.RecordID)
	}
	if err := checkRecord(rec); err != nil {
		return nil, nil, fmt.Errorf("warc %s@%d: %w", name, ref.Offset, err)
	}
	_, _ = rec.Content.Seek(0, io.SeekStart)
	resp, err := http.ReadResponse(bufio.NewReader(rec.Content), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("warc %s@%d: %w", name, ref.Offset, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxArchivedRecord)) // checkRecord bounded the block
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, nil, err
	}
	return resp.Header, body, nil
}

// MaxArchivedRecord bounds the block of a WARC record that ReadArchived
// and ScanWARC read: a larger record (or a gzip member that inflates past
// its Content-Length) is refused, not read into memory. The crawler never
// writes a body over its source's limits.max_body_bytes.
var MaxArchivedRecord int64 = 256 << 20

// checkRecord verifies a record's block digest and, for responses, its
// payload digest, streaming (the block is not held in memory).
func checkRecord(rec *warc.Record) error {
	n, err := strconv.ParseInt(rec.Header.Get("Content-Length"), 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("content-length %q", rec.Header.Get("Content-Length"))
	}
	if n > MaxArchivedRecord {
		return fmt.Errorf("record of %d bytes, over the %d-byte limit", n, MaxArchivedRecord)
	}
	_, _ = rec.Content.Seek(0, io.SeekStart)
	block, payload := sha1.New(), sha1.New()
	wantPayload := rec.Header.Get("WARC-Payload-Digest")
	var w io.Writer = block
	var hs *headerSplit
	if wantPayload != "" {
		hs = &headerSplit{payload: payload}
		w = io.MultiWriter(block, hs)
	}
	got, err := io.Copy(w, io.LimitReader(rec.Content, MaxArchivedRecord+1))
	if err != nil {
		return err
	}
	if want := rec.Header.Get("WARC-Block-Digest"); want != "" && digestString(block.Sum(nil)) != want {
		return fmt.Errorf("block digest %s does not match", want)
	}
	if hs != nil {
		if !hs.found {
			return errors.New("no HTTP header end in the block")
		}
		if g := digestString(payload.Sum(nil)); g != wantPayload {
			return fmt.Errorf("payload digest %s does not match %s", wantPayload, g)
		}
	}
	if got != n {
		return fmt.Errorf("content-length %d, block is %d bytes", n, got)
	}
	return nil
}

// headerSplit passes what follows the first "\r\n\r\n" to payload.
type headerSplit struct {
	payload io.Writer
	tail    []byte // the last bytes of the header so far (at most 3)
	found   bool
}

func (h *headerSplit) Write(p []byte) (int, error) {
	if h.found {
		return h.payload.Write(p)
	}
	buf := append(h.tail, p...)
	if i := bytes.Index(buf, []byte("\r\n\r\n")); i >= 0 {
		h.found = true
		if _, err := h.payload.Write(buf[i+4:]); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	h.tail = append([]byte(nil), buf[max(0, len(buf)-3):]...)
	return len(p), nil
}

// WARCRecord is one record as listed by ScanWARC.
type WARCRecord struct {
	Type, RecordID, TargetURI string
	Ref                       event.WARCRef
	Truncated                 bool
	Status                    int // HTTP status of a response record
	// Date is WARC-Date (for a web-archive capture: the capture time);
	// SourceURI is WARC-Source-URI (the archive's replay URL), if any.
	Date      string
	SourceURI string
}

// ScanWARC reads every record of one WARC file in order, checking each
// record's digests, and calls fn for each.
func ScanWARC(path string, fn func(WARCRecord) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := warc.NewReader(f)
	if err != nil {
		return err
	}
	defer r.Close()
	for {
		rec, err := r.ReadRecord()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		err = checkRecord(rec)
		status := 0
		if err == nil && rec.Header.Get("WARC-Type") == "response" {
			_, _ = rec.Content.Seek(0, io.SeekStart)
			if line, lerr := bufio.NewReader(rec.Content).ReadString('\n'); lerr == nil {
				if f := strings.Fields(line); len(f) >= 2 {
					status, _ = strconv.Atoi(f[1])
				}
			}
		}
		rec.Content.Close()
		if err != nil {
			return fmt.Errorf("%s@%d: %w", path, rec.Offset, err)
		}
		if fn != nil {
			id := rec.Header.Get("WARC-Record-ID")
			if err := fn(WARCRecord{Type: rec.Header.Get("WARC-Type"), RecordID: id, TargetURI: rec.Header.Get("WARC-Target-URI"),
				Ref:       event.WARCRef{File: filepath.Base(path), Offset: rec.Offset, RecordID: id},
				Truncated: rec.Header.Get("WARC-Truncated") != "", Status: status,
				Date: rec.Header.Get("WARC-Date"), SourceURI: rec.Header.Get("WARC-Source-URI")}); err != nil {
				return err
			}
		}
	}
}

// FindArchived scans the WARC files in warcDir for the latest complete 200
// response of the article with this ID. A record is the article's when its
// target URL has this ID by itself (event.ArticleID), under one of srcs
// (Source.ArticleID: the portal's host and aliases), or as IDs were before
// identity keys (the hash of the whole canonical URL). It is the fallback
// when the state bucket is out of reach.
func FindArchived(warcDir, articleID string, srcs ...Source) (event.WARCRef, error) {
	files, err := filepath.Glob(filepath.Join(warcDir, "*.warc.gz"))
	if err != nil {
		return event.WARCRef{}, err
	}
	sort.Strings(files) // names start with the UTC time they were opened
	idents := make([]Source, len(srcs))
	for i := range srcs {
		idents[i] = Source{ident: srcs[i].identity()}
	}
	matches := func(u string) bool {
		if event.ArticleID(u) == articleID || event.KeyID(u) == articleID {
			return true
		}
		for i := range idents {
			if idents[i].ArticleID(u) == articleID {
				return true
			}
		}
		return false
	}
	var found event.WARCRef
	var at string
	for _, f := range files {
		err := ScanWARC(f, func(r WARCRecord) error {
			if r.Type != "response" || r.Status != 200 || r.Truncated {
				return nil
			}
			if u, err := Canonical(r.TargetURI); err == nil && matches(u) {
				found, at = r.Ref, f
			}
			return nil
		})
		if err != nil {
			return event.WARCRef{}, err
		}
	}
	if at == "" {
		return event.WARCRef{}, fmt.Errorf("article %s: %w", articleID, ErrNotArchived)
	}
	return found, nil
}
