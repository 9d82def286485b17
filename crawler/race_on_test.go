//go:build race

package crawler_test

// raceEnabled: the race detector's shadow memory inflates RSS several times.
const raceEnabled = true
