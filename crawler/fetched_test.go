package crawler

import (
	"testing"
	"time"

	"github.com/dra-archive/dra/event"
)

// TestFetchedEventKeepsProvenance: the one constructor of fetched events
// carries the capture, the WARC record, the identity key and the source's
// fields for every caller (live crawl, web-archive crawl, re-process).
func TestFetchedEventKeepsProvenance(t *testing.T) {
	src := HanoiSource("thanhtri", "Thanh Trì", "Hà Nội", "https://thanhtri.hanoi.gov.vn", false)
	src.UnitCodes = []string{"old:district:020"}
	at := time.Date(2020, 3, 18, 8, 40, 0, 0, time.UTC)
	capture := &event.Capture{ArchiveURL: "https://web.archive.org/web/20200318id_/x", Timestamp: at}
	warc := &event.WARCRef{File: "a.warc.gz", Offset: 7, RecordID: "r"}
	tests := []struct {
		name  string
		fetch Fetch
	}{
		{"live", Fetch{ID: "id1", URL: "https://thanhtri.hanoi.gov.vn/a", At: at, Status: 200, Body: "x", WARC: warc}},
		{"web archive", Fetch{ID: "id2", URL: "https://thanhtri.hanoi.gov.vn/b", FetchURL: "http://thanhtri.hanoi.gov.vn/b", At: at, Status: 200, Body: "y", WARC: warc, Capture: capture}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FetchedEvent(&src, tt.fetch)
			if got.Capture != tt.fetch.Capture || got.WARC != warc {
				t.Errorf("provenance lost: capture %v, warc %v", got.Capture, got.WARC)
			}
			if got.SourceID != "thanhtri" || got.District != "Thanh Trì" || len(got.UnitCodes) != 1 {
				t.Errorf("source fields: %+v", got)
			}
			if got.ContentSHA256 != event.ContentHash([]byte(tt.fetch.Body)) || got.SchemaVersion != event.FetchedVersion {
				t.Errorf("hash or version: %+v", got)
			}
			if (got.FetchURL != "") != (tt.fetch.FetchURL != "" && tt.fetch.FetchURL != tt.fetch.URL) {
				t.Errorf("fetch URL %q", got.FetchURL)
			}
		})
	}
}
