//go:build race

package indexer_test

// raceEnabled: the race detector slows encoding a 16 MB document to ~30 s.
const raceEnabled = true
