package web

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dra-archive/dra/search"
	"github.com/dra-archive/dra/vietnamese"
)

// MaxExport bounds the rows of one search export.
const MaxExport = search.MaxWindow

// exportFormat reads format (csv|json, default csv).
func exportFormat(r *http.Request) (string, error) {
	switch f := r.URL.Query().Get("format"); f {
	case "", "csv":
		return "csv", nil
	case "json":
		return "json", nil
	default:
		return "", fmt.Errorf("format must be csv or json, not %q", f)
	}
}

// SearchExport is the JSON form of a search export.
type SearchExport struct {
	Total     int          `json:"total"`
	Exported  int          `json:"exported"`
	Truncated bool         `json:"truncated"`
	Hits      []search.Hit `json:"hits"`
}

// exportSearch answers every hit of a search (up to limit, default 1000,
// at most MaxExport) as CSV or JSON, paging through the store with cursors.
func (a *api) exportSearch(w http.ResponseWriter, r *http.Request) {
	format, err := exportFormat(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	limit, err := intParam(r.URL.Query().Get("limit"), 1000, 1, MaxExport, "limit")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	q, err := ParseQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if q.Offset != 0 || q.After != "" {
		writeError(w, http.StatusBadRequest, "an export starts at the first hit: drop offset and after")
		return
	}
	q.Size, q.Facets = search.MaxSize, nil
	out := SearchExport{Hits: []search.Hit{}}
	for len(out.Hits) < limit {
		res, err := a.cfg.Store.Search(r.Context(), q)
		if err != nil {
			a.storeError(w, "export search", err)
			return
		}
		out.Total = res.Total
		out.Hits = append(out.Hits, res.Hits...)
		if res.Next == "" || len(res.Hits) == 0 {
			break
		}
		q.After = res.Next
	}
	if len(out.Hits) > limit {
		out.Hits = out.Hits[:limit]
	}
	out.Exported, out.Truncated = len(out.Hits), len(out.Hits) < out.Total
	name := "dra-search-" + time.Now().In(vietnamese.TimeZone).Format("20060102-150405")
	if format == "json" {
		attachment(w, name+".json")
		writeJSON(w, http.StatusOK, out)
		return
	}
	rows := [][]string{{"id", "published_at", "district", "province", "category", "title", "authors", "url", "score"}}
	for _, h := range out.Hits {
		pub := ""
		if h.PublishedAt != nil {
			pub = h.PublishedAt.In(vietnamese.TimeZone).Format(time.RFC3339)
		}
		rows = append(rows, []string{h.ID, pub, h.District, h.Province, h.Category, h.Title,
			strings.Join(h.Authors, "; "), h.URL, strconv.FormatFloat(h.Score, 'f', 4, 64)})
	}
	writeCSV(w, name+".csv", rows)
}

// exportTrends answers a trend as CSV (one row per group and bucket) or
// JSON (the TrendResult of /api/v1/trends).
func (a *api) exportTrends(w http.ResponseWriter, r *http.Request) {
	format, err := exportFormat(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	q, err := ParseTrendQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := a.cfg.Store.Trend(r.Context(), q)
	if err != nil {
		a.storeError(w, "export trend", err)
		return
	}
	name := "dra-trend-" + safeName(q.Key) + "-" + string(q.Interval)
	if q.SplitBy != "" {
		name += "-by-" + string(q.SplitBy)
	}
	if format == "json" {
		attachment(w, name+".json")
		writeJSON(w, http.StatusOK, res)
		return
	}
	figures := r.URL.Query().Get("figures")
	if figures != "" && figures != "true" && figures != "false" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("figures must be true or false, not %q", figures))
		return
	}
	if figures == "true" {
		writeCSV(w, name+"-figures.csv", search.ObservationRows(res))
		return
	}
	writeCSV(w, name+".csv", search.TrendRows(res))
}

func day(t time.Time) string { return t.In(vietnamese.TimeZone).Format(time.DateOnly) }

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func nump(f *float64) string {
	if f == nil {
		return ""
	}
	return num(*f)
}

// safeName keeps a file name to ASCII letters, digits, '.', '_' and '-'.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '_' || r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, s)
}

func attachment(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
}

func writeCSV(w http.ResponseWriter, name string, rows [][]string) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	attachment(w, name)
	w.WriteHeader(http.StatusOK)
	// A UTF-8 byte-order mark first: without it Excel on Windows reads
	// the file as the local code page and breaks the diacritics.
	_, _ = io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	for _, row := range rows {
		for i, c := range row {
			row[i] = csvSafe(c)
		}
		_ = cw.Write(row)
	}
	cw.Flush()
}

// csvSafe defuses cells a spreadsheet would read as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+@\t\r", rune(s[0])) {
		return "'" + s
	}
	if s != "" && s[0] == '-' {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}
