package crawler

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
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
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/warcstore"
)

// Archive writes every request and response the crawler makes as gzip WARC
// (ISO 28500, WARC/1.1), one gzip member per record, so a record is read
// back from its location and offset alone. It writes to one of two sinks:
//
//   - a shared store (warcstore.Store: the JetStream object store or S3):
//     each exchange (response and request records) is one small WARC object
//     under <prefix>/<yyyy>/<mm>/<dd>/<host>/<uuid>.warc.gz, located by a
//     nats-os:// or s3:// URI, readable from every node;
//   - a local directory (OpenArchive, one-machine use): files rotate by size
//     and are named DRA-<UTC time>-<serial>-<host>-<pid>.warc.gz, so several
//     processes can share a directory; records are located by file:// URIs.
//
// Compression and the write run off the caller's goroutine (Submit), at
// most Workers at once, with at most QueueSize exchanges queued or in
// flight: Submit blocks when the queue is full. Close waits for every
// submitted exchange to be written. An Archive is safe for concurrent use.
type Archive struct {
	dir     string
	maxSize int64
	prefix  string

	store      warcstore.Store
	keyPrefix  string
	putTimeout time.Duration
	logger     *slog.Logger

	gzip  *sync.Pool    // of *gzip.Writer at the archive's level
	slots chan struct{} // queued or in flight
	cpus  chan struct{} // compressing
	wg    sync.WaitGroup

	mu     sync.Mutex
	f      *os.File
	name   string
	size   int64
	serial int
	closed bool
}

// DefaultWARCSize is the size at which a local WARC file is rotated.
const DefaultWARCSize = 1 << 30

// DefaultArchiveQueue bounds the exchanges queued or being written.
const DefaultArchiveQueue = 256

// DefaultWARCCompression is the records' default gzip level: the fastest.
// Measured on simulated portal pages, it writes about 10% more bytes than
// gzip's default level and lets the crawl fetch about 10% more pages per
// second on two CPUs (BenchmarkCrawl); --warc-compression trades back.
const DefaultWARCCompression = gzip.BestSpeed

// The gzip levels ArchiveOptions.Compression takes.
const (
	MinWARCCompression = gzip.BestSpeed
	MaxWARCCompression = gzip.BestCompression
)

// ArchiveOptions tune an Archive's writer.
type ArchiveOptions struct {
	// Workers compress and write at once; GOMAXPROCS when 0.
	Workers int
	// QueueSize is how many exchanges may be queued or in flight before
	// Submit blocks; DefaultArchiveQueue when 0.
	QueueSize int
	// Compression is the gzip level of the records, MinWARCCompression (1)
	// to MaxWARCCompression (9); DefaultWARCCompression when 0.
	Compression int
	// PutTimeout bounds one store write, retries included (30 s when 0).
	PutTimeout time.Duration
	// Logger logs the store write retries; slog.Default when nil.
	Logger *slog.Logger
}

func (a *Archive) init(o ArchiveOptions) {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.QueueSize <= 0 {
		o.QueueSize = DefaultArchiveQueue
	}
	if o.PutTimeout <= 0 {
		o.PutTimeout = 30 * time.Second
	}
	level := o.Compression
	if level < MinWARCCompression || level > MaxWARCCompression {
		level = DefaultWARCCompression
	}
	a.gzip = &sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, level) // a level in range: no error
		return w
	}}
	a.putTimeout, a.logger = o.PutTimeout, o.Logger
	a.slots = make(chan struct{}, max(o.QueueSize, o.Workers))
	a.cpus = make(chan struct{}, o.Workers)
}

// OpenArchive writes WARC files under dir, rotating at maxSize bytes
// (DefaultWARCSize when 0).
func OpenArchive(dir string, maxSize int64, opts ...ArchiveOptions) (*Archive, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("warc dir: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("warc dir: %w", err)
	}
	if maxSize <= 0 {
		maxSize = DefaultWARCSize
	}
	a := &Archive{dir: abs, maxSize: maxSize, prefix: hostPID()}
	a.init(firstOpts(opts))
	return a, nil
}

// NewStoreArchive writes one WARC object per exchange to store, under
// keyPrefix (none when empty).
func NewStoreArchive(store warcstore.Store, keyPrefix string, opts ...ArchiveOptions) *Archive {
	a := &Archive{store: store, keyPrefix: strings.Trim(keyPrefix, "/"), prefix: hostPID()}
	a.init(firstOpts(opts))
	return a
}

func firstOpts(opts []ArchiveOptions) ArchiveOptions {
	if len(opts) > 0 {
		return opts[0]
	}
	return ArchiveOptions{}
}

func hostPID() string {
	host, _ := os.Hostname()
	host = safeName(host)
	return fmt.Sprintf("%s-%d", host, os.Getpid())
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, s)
}

// Dir is the directory the WARC files are in (empty for a store archive).
func (a *Archive) Dir() string { return a.dir }

// Close waits for every submitted exchange to be written, then closes the
// current file. It is safe to call twice.
func (a *Archive) Close() error {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	a.wg.Wait()
	a.mu.Lock()
	defer a.mu.Unlock()
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

// Pending is an exchange submitted to an Archive.
type Pending struct {
	done chan struct{}
	ref  event.WARCRef
	err  error
}

// Wait returns the reference of the response record once the exchange is
// durable in the archive (written to the file, or acknowledged by the
// store), or the write's error.
func (p *Pending) Wait(ctx context.Context) (event.WARCRef, error) {
	select {
	case <-p.done:
		return p.ref, p.err
	default:
	}
	select {
	case <-p.done:
		return p.ref, p.err
	case <-ctx.Done():
		return event.WARCRef{}, ctx.Err()
	}
}

// Write archives a request and response pair and returns the reference of
// the response record once it is durable.
func (a *Archive) Write(x Exchange) (event.WARCRef, error) {
	return a.Submit(x).Wait(context.Background())
}

// errArchiveClosed: a Submit after Close.
var errArchiveClosed = errors.New("warc archive closed")

// Submit queues an exchange for archiving and returns at once unless the
// queue is full. The WARC headers are rendered here; the compression and
// the write happen on a worker. x.Body must not be modified until the
// Pending is done.
func (a *Archive) Submit(x Exchange) *Pending {
	p := &Pending{done: make(chan struct{})}
	a.mu.Lock()
	closed := a.closed
	if !closed {
		a.wg.Add(1)
	}
	a.mu.Unlock()
	if closed {
		p.err = errArchiveClosed
		close(p.done)
		return p
	}
	resp, req, respID := headers(x)
	host := x.Request.URL.Hostname()
	if x.Original != "" {
		if u, err := url.Parse(x.Original); err == nil {
			host = u.Hostname()
		}
	}
	a.slots <- struct{}{}
	go func() {
		defer a.wg.Done()
		defer func() { <-a.slots }()
		p.ref, p.err = a.write(resp, req, respID, host, x.Body)
		if p.err != nil && a.logger != nil {
			// A listing's write has no one waiting for it: say it here.
			a.logger.Warn("warc write", "component", "crawler", "url", x.Request.URL.String(), "err", p.err)
		}
		close(p.done)
	}()
	return p
}

type recordParts struct {
	h    warc.Header
	head []byte
}

// headers renders the response and request records' WARC and HTTP headers.
func headers(x Exchange) (resp, req recordParts, respID string) {
	respID = "<urn:uuid:" + uuid.NewString() + ">"
	reqID := "<urn:uuid:" + uuid.NewString() + ">"
	date := x.At.UTC().Format(time.RFC3339Nano)
	target := x.Request.URL.String()
	var extra [][2]string
	if x.Original != "" {
		extra = [][2]string{{"WARC-Source-URI", target}, {"WARC-Creation-Date", date}}
		target, date = x.Original, x.CaptureAt.UTC().Format(time.RFC3339)
	}
	truncated := ""
	if x.Truncated {
		truncated = "length"
	}
	proto := fmt.Sprintf("HTTP/%d.%d", x.Response.ProtoMajor, x.Response.ProtoMinor)
	if x.Response.ProtoMajor == 0 {
		proto = "HTTP/1.1"
	}
	rh := recordHeader("response", respID, date, "application/http; msgtype=response", append([][2]string{
		{"WARC-Target-URI", target}, {"WARC-Concurrent-To", reqID}, {"WARC-Payload-Digest", sha1Digest(x.Body)},
		{"WARC-IP-Address", x.RemoteIP}, {"WARC-Truncated", truncated}}, extra...)...)
	qh := recordHeader("request", reqID, date, "application/http; msgtype=request", append([][2]string{
		{"WARC-Target-URI", target}, {"WARC-Concurrent-To", respID}}, extra...)...)
	respHead := httpHead(proto+" "+x.Response.Status, x.Response.Header)
	reqHead := httpHead(x.Request.Method+" "+x.Request.URL.RequestURI()+" HTTP/1.1\r\nHost: "+x.Request.URL.Host, x.Request.Header)
	return recordParts{rh, respHead}, recordParts{qh, reqHead}, respID
}

// recordHeader is the WARC header of a record of type typ: its ID, date
// and content type, then fields in order, those with an empty value left
// out.
func recordHeader(typ, id, date, contentType string, fields ...[2]string) warc.Header {
	h := warc.NewHeader()
	h.Set("WARC-Type", typ)
	h.Set("WARC-Record-ID", id)
	h.Set("WARC-Date", date)
	h.Set("Content-Type", contentType)
	for _, kv := range fields {
		if kv[1] != "" {
			h.Set(kv[0], kv[1])
		}
	}
	return h
}

// httpHead is an HTTP message's head as a WARC record's block starts with:
// the start line (and any lines before the header), the header, and the
// empty line.
func httpHead(start string, h http.Header) []byte {
	var b bytes.Buffer
	b.WriteString(start + "\r\n")
	_ = h.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
}

// write compresses the two records (on one of the Workers) and writes
// them to the sink.
func (a *Archive) write(resp, req recordParts, respID, host string, body []byte) (event.WARCRef, error) {
	a.cpus <- struct{}{}
	respBlock, err := a.member(resp.h, resp.head, body)
	var reqBlock []byte
	if err == nil {
		reqBlock, err = a.member(req.h, req.head, nil)
	}
	<-a.cpus
	if err != nil {
		return event.WARCRef{}, err
	}
	if a.store != nil {
		return a.put(respBlock, reqBlock, respID, host)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.rotate(int64(len(respBlock) + len(reqBlock))); err != nil {
		return event.WARCRef{}, err
	}
	off := a.size
	if _, err := a.f.Write(append(respBlock, reqBlock...)); err != nil {
		return event.WARCRef{}, fmt.Errorf("warc write %s: %w", a.name, err)
	}
	a.size += int64(len(respBlock) + len(reqBlock))
	return event.WARCRef{File: fileURI(filepath.Join(a.dir, a.name)), Offset: off, RecordID: respID}, nil
}

// put writes one exchange as one object, retrying transient failures (a
// cluster electing a leader) for up to PutTimeout.
func (a *Archive) put(respBlock, reqBlock []byte, respID, host string) (event.WARCRef, error) {
	id := strings.TrimSuffix(strings.TrimPrefix(respID, "<urn:uuid:"), ">")
	key := time.Now().UTC().Format("2006/01/02") + "/" + safeName(host) + "/" + id + ".warc.gz"
	if a.keyPrefix != "" {
		key = a.keyPrefix + "/" + key
	}
	data := append(respBlock, reqBlock...)
	ctx, cancel := context.WithTimeout(context.Background(), a.putTimeout)
	defer cancel()
	err := bus.Retry(ctx, a.logger, "archive "+key, func(ctx context.Context) error {
		return a.store.Put(ctx, key, data)
	})
	if err != nil {
		return event.WARCRef{}, err
	}
	return event.WARCRef{File: a.store.URI(key), Offset: 0, RecordID: respID}, nil
}

// fileURI is the file:// URI of an absolute path.
func fileURI(p string) string { return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String() }

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
	info := recordHeader("warcinfo", "<urn:uuid:"+uuid.NewString()+">", time.Now().UTC().Format(time.RFC3339Nano),
		"application/warc-fields", [2]string{"WARC-Filename", name})
	block, err := a.member(info, []byte("software: DRA (github.com/dra-archive/dra), gowarc\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"), nil)
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

func (a *Archive) member(h warc.Header, head, body []byte) ([]byte, error) {
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
	zw := a.gzip.Get().(*gzip.Writer)
	defer a.gzip.Put(zw)
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

func sha1Digest(b []byte) string {
	sum := sha1.Sum(b)
	return digestString(sum[:])
}

func digestString(sum []byte) string { return "sha1:" + base32.StdEncoding.EncodeToString(sum) }

// ReadArchived reads the response record ref points at from the local WARC
// files in warcDir (a bare file name or a file:// location there) and
// returns the archived response's header and body, byte for byte as
// received. The record's digests are checked.
func ReadArchived(warcDir string, ref event.WARCRef) (http.Header, []byte, error) {
	return ReadArchivedFrom(context.Background(), &warcstore.Reader{Dir: warcDir}, ref)
}

// ReadArchivedFrom reads the response record ref points at wherever its
// location is (nats-os://, s3://, file://, or a bare file name, through rd)
// and returns the archived response's header and body, byte for byte as
// received. The record's digests are checked.
func ReadArchivedFrom(ctx context.Context, rd *warcstore.Reader, ref event.WARCRef) (http.Header, []byte, error) {
	var header http.Header
	var body []byte
	err := readChecked(ctx, rd, ref, func(rec *warc.Record, where string) error {
		_, _ = rec.Content.Seek(0, io.SeekStart)
		resp, err := http.ReadResponse(bufio.NewReader(rec.Content), nil)
		if err != nil {
			return fmt.Errorf("warc %s@%d: %w", where, ref.Offset, err)
		}
		defer resp.Body.Close()
		body, err = io.ReadAll(io.LimitReader(resp.Body, MaxArchivedRecord)) // checkRecord bounded the block
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return err
		}
		header = resp.Header
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return header, body, nil
}

// readChecked reads the record ref points at wherever its location is
// (through rd), checks that it is the record ref names and that its
// digests hold, and calls fn with it and the location it was read from.
func readChecked(ctx context.Context, rd *warcstore.Reader, ref event.WARCRef, fn func(rec *warc.Record, where string) error) error {
	rc, where, err := rd.Open(ctx, ref.File, ref.Offset)
	if err != nil {
		return err
	}
	defer rc.Close()
	r, err := warc.NewReader(rc)
	if err != nil {
		return err
	}
	defer r.Close()
	rec, err := readRecord(r)
	if err != nil {
		return fmt.Errorf("warc %s@%d: %w", where, ref.Offset, err)
	}
	defer rec.Content.Close()
	if id := rec.Header.Get("WARC-Record-ID"); id != ref.RecordID {
		return fmt.Errorf("warc %s@%d: record %s, want %s", where, ref.Offset, id, ref.RecordID)
	}
	if err := checkRecord(rec); err != nil {
		return fmt.Errorf("warc %s@%d: %w", where, ref.Offset, err)
	}
	return fn(rec, where)
}

// readRecordMu serialises gowarc's ReadRecord: v0.8.96 parses header
// lines in a buffer it has already put back in a sync.Pool, so two records
// read at once (two API requests, a publish-time check and a crawl) can
// corrupt each other's headers; the race detector shows it.
var readRecordMu sync.Mutex

func readRecord(r *warc.Reader) (*warc.Record, error) {
	readRecordMu.Lock()
	defer readRecordMu.Unlock()
	return r.ReadRecord()
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
		rec, err := readRecord(r)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		err = checkRecord(rec)
		info := recordInfo(rec, event.WARCRef{File: filepath.Base(path), Offset: rec.Offset, RecordID: rec.Header.Get("WARC-Record-ID")}, err == nil)
		rec.Content.Close()
		if err != nil {
			return fmt.Errorf("%s@%d: %w", path, rec.Offset, err)
		}
		if fn != nil {
			if err := fn(info); err != nil {
				return err
			}
		}
	}
}

// recordInfo lists rec, found at ref; the HTTP status of a response is
// read from its block only when the block checked out.
func recordInfo(rec *warc.Record, ref event.WARCRef, checked bool) WARCRecord {
	status := 0
	if checked && rec.Header.Get("WARC-Type") == "response" {
		_, _ = rec.Content.Seek(0, io.SeekStart)
		if line, lerr := bufio.NewReader(rec.Content).ReadString('\n'); lerr == nil {
			if f := strings.Fields(line); len(f) >= 2 {
				status, _ = strconv.Atoi(f[1])
			}
		}
	}
	return WARCRecord{Type: rec.Header.Get("WARC-Type"), RecordID: ref.RecordID, TargetURI: rec.Header.Get("WARC-Target-URI"),
		Ref: ref, Truncated: rec.Header.Get("WARC-Truncated") != "", Status: status,
		Date: rec.Header.Get("WARC-Date"), SourceURI: rec.Header.Get("WARC-Source-URI")}
}

// RecordFrom lists the record ref points at wherever its location is
// (through rd), its digests checked, as ScanWARC lists records.
func RecordFrom(ctx context.Context, rd *warcstore.Reader, ref event.WARCRef) (WARCRecord, error) {
	var info WARCRecord
	err := readChecked(ctx, rd, ref, func(rec *warc.Record, _ string) error {
		info = recordInfo(rec, ref, true)
		return nil
	})
	return info, err
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

// SplitWARC reads a gzip WARC file member by member (one record each, as
// DRA writes them) and calls fn with each member's offset in the file and
// its bytes as stored, after checking the record's digests. It stops at
// the first member that does not read back as a whole record (a file cut
// by a crash) with an error naming its offset.
func SplitWARC(path string, fn func(offset int64, member []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := &countingReader{r: bufio.NewReaderSize(f, 64<<10)}
	var zr gzip.Reader
	for {
		start := cr.n
		cr.buf.Reset()
		if _, err := cr.ReadByte(); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s@%d: %w", path, start, err)
		}
		_ = cr.UnreadByte()
		if err := zr.Reset(cr); err != nil {
			return fmt.Errorf("%s@%d: not a gzip member: %w", path, start, err)
		}
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, io.LimitReader(&zr, MaxArchivedRecord+64<<10)); err != nil {
			return fmt.Errorf("%s@%d: %w", path, start, err)
		}
		member := cr.buf.Bytes()
		r, err := warc.NewReader(bytes.NewReader(member))
		if err != nil {
			return fmt.Errorf("%s@%d: %w", path, start, err)
		}
		rec, err := readRecord(r)
		if err == nil {
			err = checkRecord(rec)
			rec.Content.Close()
		}
		r.Close()
		if err != nil {
			return fmt.Errorf("%s@%d: %w", path, start, err)
		}
		if err := fn(start, member); err != nil {
			return err
		}
	}
}

// countingReader counts and keeps the bytes read through it. It is an
// io.ByteReader, so a gzip reader on it reads no further than its member.
type countingReader struct {
	r      *bufio.Reader
	n      int64
	buf    bytes.Buffer
	unread bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.buf.Write(p[:n])
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
		c.buf.WriteByte(b)
	}
	return b, err
}

// UnreadByte undoes the last ReadByte.
func (c *countingReader) UnreadByte() error {
	if err := c.r.UnreadByte(); err != nil {
		return err
	}
	c.n--
	c.buf.Truncate(c.buf.Len() - 1)
	return nil
}
