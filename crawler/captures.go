package crawler

import (
	"path/filepath"
	"sort"

	"github.com/dra-archive/dra/event"
)

// Captures lists every archived response of an article's page, oldest
// first, from the WARC files in warcDir: the response records whose target
// URL is canonicalURL or has the article ID articleID. Truncated records
// and error answers are listed too (the caller shows what was kept).
func Captures(warcDir, articleID, canonicalURL string) ([]WARCRecord, error) {
	files, err := filepath.Glob(filepath.Join(warcDir, "*.warc.gz"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files) // names start with the UTC time they were opened
	var out []WARCRecord
	for _, f := range files {
		err := ScanWARC(f, func(r WARCRecord) error {
			if r.Type != "response" {
				return nil
			}
			u, err := Canonical(r.TargetURI)
			if err != nil {
				return nil
			}
			if u == canonicalURL || event.ArticleID(u) == articleID || event.KeyID(u) == articleID {
				out = append(out, r)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out, nil
}
