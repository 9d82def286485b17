package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/dra-archive/dra/search"
)

// adminBody is the answer of an accepted admin action.
type adminBody struct {
	Status  string `json:"status"` // "queued"
	Message string `json:"message"`
}

// admin guards an admin handler with the bearer token of Extras.AdminToken:
// no token configured answers 403, a missing or wrong one 401, and the
// handler never runs.
func (a *api) admin(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if a.x.AdminToken == "" {
			writeError(w, http.StatusForbidden, "admin endpoints are disabled: start the server with DRA_ADMIN_TOKEN set")
			return
		}
		auth := r.Header.Get("Authorization")
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(a.x.AdminToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dra-admin"`)
			writeError(w, http.StatusUnauthorized, "send the admin token as the header Authorization: Bearer <DRA_ADMIN_TOKEN>")
			return
		}
		h(w, r)
	}
}

// crawl queues a crawl of one source: POST /api/v1/admin/sources/{id}/crawl[?full=true].
func (a *api) crawl(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		writeError(w, http.StatusBadRequest, "source id: must be 1 to 128 letters, digits, '.', '_' or '-' (see /api/v1/sources)")
		return
	}
	full := false
	switch v := r.URL.Query().Get("full"); v {
	case "", "false", "0":
	case "true", "1":
		full = true
	default:
		writeError(w, http.StatusBadRequest, "full must be true or false, not "+quote(v))
		return
	}
	if a.x.Crawl == nil {
		writeError(w, http.StatusServiceUnavailable, "this server cannot queue crawls (it is not connected to NATS)")
		return
	}
	if err := a.x.Crawl(r.Context(), id, full); err != nil {
		if errors.Is(err, search.ErrNotFound) {
			writeError(w, http.StatusNotFound, "no source "+quote(id)+"; see /api/v1/sources")
			return
		}
		a.cfg.Logger.Error("admin crawl", "component", "web", "source", id, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the crawl could not be queued: "+err.Error())
		return
	}
	a.cfg.Logger.Info("admin: crawl queued", "component", "web", "source", id, "full", full)
	writeJSON(w, http.StatusAccepted, adminBody{Status: "queued", Message: "a crawl of " + id + " is queued; a crawl worker will pick it up"})
}

// reprocess runs the processor again on an article's archived original:
// POST /api/v1/admin/articles/{id}/reprocess.
func (a *api) reprocess(w http.ResponseWriter, r *http.Request) {
	art, ok := a.getArticle(w, r)
	if !ok {
		return
	}
	if a.x.Reprocess == nil {
		writeError(w, http.StatusServiceUnavailable, "this server cannot re-process articles (it is not connected to NATS)")
		return
	}
	if err := a.x.Reprocess(r.Context(), art); err != nil {
		if errors.Is(err, search.ErrNotFound) {
			writeError(w, http.StatusNotFound, "article "+art.ID+" has no archived original to re-process")
			return
		}
		a.cfg.Logger.Error("admin reprocess", "component", "web", "article_id", art.ID, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the article could not be queued for processing: "+err.Error())
		return
	}
	a.cfg.Logger.Info("admin: reprocess queued", "component", "web", "article_id", art.ID)
	writeJSON(w, http.StatusAccepted, adminBody{Status: "queued", Message: "article " + art.ID + " is queued for the processor"})
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}
