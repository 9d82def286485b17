package crawler_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dra-archive/dra/crawler"
)

// TestArchiveCompressionLevel archives one page at the fastest and the
// smallest gzip level: both read back byte for byte, and the smallest
// level's record is smaller (the level is really applied).
func TestArchiveCompressionLevel(t *testing.T) {
	body := []byte(strings.Repeat("<p>Tổng thu ngân sách nhà nước trên địa bàn quý I đạt 512 tỷ đồng, bằng 35% dự toán năm.</p>\n", 400))
	sizes := map[int]int64{}
	for _, level := range []int{1, 9} {
		dir := filepath.Join(t.TempDir(), "warc")
		a, err := crawler.OpenArchive(dir, 0, crawler.ArchiveOptions{Compression: level})
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(http.MethodGet, "http://portal.example/bai-viet/1", nil)
		resp := &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Request: req}
		ref, err := a.Write(crawler.Exchange{Request: req, Response: resp, Body: body, At: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		_, got, err := crawler.ReadArchived(dir, ref)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, body) {
			t.Errorf("level %d: read back %d bytes, want the %d archived", level, len(got), len(body))
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
		if err != nil || len(files) != 1 {
			t.Fatalf("WARC files %v, %v: want one", files, err)
		}
		fi, err := os.Stat(files[0])
		if err != nil {
			t.Fatal(err)
		}
		sizes[level] = fi.Size()
	}
	if sizes[9] >= sizes[1] {
		t.Errorf("record at level 9 is %d bytes, at level 1 %d: the level is not applied", sizes[9], sizes[1])
	}
}
