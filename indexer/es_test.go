package indexer_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// dropES deletes the indices and templates of a test store base name.
func dropES(t testing.TB, esURL, base string) {
	t.Helper()
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	for _, path := range []string{
		"/" + base + "-v1," + base + "-v2," + base + "-v3," + base + "-v4," + base + "-metrics-v1," + base + "-metrics-v2?ignore_unavailable=true",
		"/_index_template/" + base, "/_index_template/" + base + "-metrics",
	} {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodDelete, strings.TrimRight(esURL, "/")+path, nil)
		res, err := c.Do(req)
		if err != nil {
			t.Errorf("delete %s: %v", path, err)
			continue
		}
		res.Body.Close()
	}
}
