package web

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"time"
)

// The web UI: one HTML shell and a small hand-written script and style
// sheet, embedded in the binary; no CDN, no third-party code. The page
// reads its state from the URL (path and query string), so every search,
// article and chart can be shared and cited.
//
//go:embed ui
var uiFiles embed.FS

// uiCSP lets the UI load only its own files and talk only to this origin.
const uiCSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

func mountUI(mux *http.ServeMux) {
	static, _ := fs.Sub(uiFiles, "ui")
	index, _ := fs.ReadFile(static, "index.html")
	modTime := time.Now()
	page := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", uiCSP)
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "index.html", modTime, bytes.NewReader(index))
	}
	for _, p := range []string{"GET /{$}", "GET /articles/{id}", "GET /articles/{id}/archive", "GET /trends", "GET /catalogue", "GET /sources"} {
		mux.HandleFunc(p, page)
	}
	files := http.StripPrefix("/ui/", http.FileServerFS(static))
	mux.Handle("GET /ui/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		files.ServeHTTP(w, r)
	}))
}
