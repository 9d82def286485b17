package bleve

import "time"

// WaitIdle waits until the index's background persister and merger have
// been idle for two seconds (no merge running, segments unchanged), or timeout. It
// reports whether they were. Benchmarks call it after loading, so searches
// are timed on the settled index rather than against a merge in progress.
func WaitIdle(s *Store, timeout time.Duration) bool {
	ix, err := s.idx.Advanced()
	if err != nil {
		return false
	}
	st, ok := ix.(interface{ StatsMap() map[string]any })
	if !ok {
		return false
	}
	deadline := time.Now().Add(timeout)
	var last [3]uint64
	var since time.Time
	for time.Now().Before(deadline) {
		m := st.StatsMap()
		u := func(k string) uint64 { v, _ := m[k].(uint64); return v }
		cur := [3]uint64{u("TotFileMergeZapBeg"), u("TotFileSegmentsAtRoot"), u("TotMemorySegmentsAtRoot")}
		if cur == last && u("TotFileMergeZapBeg") == u("TotFileMergeZapEnd") && cur[2] == 0 {
			if since.IsZero() {
				since = time.Now()
			}
			if time.Since(since) >= 2*time.Second {
				return true
			}
		} else {
			since = time.Time{}
		}
		last = cur
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// SetParts makes every search of s run in n document-number ranges (0: by
// CPUs and index size), so tests exercise the concurrent search on small
// indexes.
func SetParts(s *Store, n int) { s.parts = n }

// SetBlevePhrases makes the store's phrase clauses Bleve's own
// MatchPhraseQuery (true) or DRA's phraseQuery (false).
func SetBlevePhrases(on bool) { blevePhrases = on }

// TermReadersStarted is the number of term readers the index has opened.
func TermReadersStarted(s *Store) uint64 {
	ix, err := s.idx.Advanced()
	if err != nil {
		return 0
	}
	st, ok := ix.(interface{ StatsMap() map[string]any })
	if !ok {
		return 0
	}
	v, _ := st.StatsMap()["TotTermSearchersStarted"].(uint64)
	return v
}

// StoredBytes is the stored form of article id (its fArticle field).
func StoredBytes(s *Store, id string) ([]byte, error) { return s.stored(id) }

// SetLayered makes every query of the store the boolean query with the kind
// filter (true) or, where nothing is filtered or excluded, the flat sum
// (false, the default).
func SetLayered(on bool) { layered = on }
