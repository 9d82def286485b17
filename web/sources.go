package web

import (
	"net/http"

	"github.com/dra-archive/dra/search"
)

// sourcesBody is the answer of GET /api/v1/sources.
type sourcesBody struct {
	Sources []SourceStatus `json:"sources"`
}

// sources lists the configured sources, their last crawl and the number of
// their articles in the store.
func (a *api) sources(w http.ResponseWriter, r *http.Request) {
	body := sourcesBody{Sources: []SourceStatus{}}
	if a.x.Sources != nil {
		srcs, err := a.x.Sources(r.Context())
		if err != nil {
			a.cfg.Logger.Error("sources", "component", "web", "err", err)
			writeError(w, http.StatusServiceUnavailable, "the source list could not be read; try again shortly")
			return
		}
		body.Sources = append(body.Sources, srcs...)
	}
	for i, s := range body.Sources {
		if s.StartURLs == nil {
			body.Sources[i].StartURLs = []string{}
		}
		res, err := a.cfg.Store.Search(r.Context(), search.Query{SourceID: s.ID, Size: 1})
		if err == nil {
			body.Sources[i].Articles = res.Total
		}
	}
	writeJSON(w, http.StatusOK, body)
}
