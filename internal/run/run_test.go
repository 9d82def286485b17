package run

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// journal records what the fake units do, in order.
type journal struct {
	mu  sync.Mutex
	log []string
}

func (j *journal) add(s string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.log = append(j.log, s)
}

func (j *journal) get() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.log)
}

// fake is a unit that starts, runs until cancelled (or fails) and closes,
// writing each step to the journal.
type fake struct {
	name     string
	startErr error
	runErr   error // returned at once when set
	runNil   bool  // returns nil at once
	finished bool  // returns Finished at once
	closeErr error
}

func (f fake) unit(j *journal, running *sync.WaitGroup) Unit {
	u := Unit{Name: f.name,
		Start: func(context.Context) error { j.add("start " + f.name); return f.startErr },
		Close: func() error { j.add("close " + f.name); return f.closeErr },
	}
	blocking := f.runErr == nil && !f.runNil && !f.finished
	if blocking {
		running.Add(1)
	}
	u.Run = func(ctx context.Context) error {
		switch {
		case f.runErr != nil:
			return f.runErr
		case f.runNil:
			return nil
		case f.finished:
			return Finished
		}
		running.Done()
		<-ctx.Done()
		j.add("stop " + f.name)
		return nil
	}
	return u
}

func TestGroup(t *testing.T) {
	boom := errors.New("consumer processor: already bound")
	tests := []struct {
		name      string
		units     []fake
		signal    bool // cancel the parent context once every blocking unit runs
		wantErr   error
		wantUnit  string // the failing unit named in the error
		wantStart bool   // a *StartError
		want      []string
	}{
		{
			name:   "signal stops every unit in reverse order",
			units:  []fake{{name: "nats"}, {name: "store"}, {name: "indexer"}},
			signal: true,
			want: []string{"start nats", "start store", "start indexer",
				"stop indexer", "close indexer", "stop store", "close store", "stop nats", "close nats"},
		},
		{
			name:     "a failing stage stops the others in reverse order",
			units:    []fake{{name: "nats"}, {name: "processor", runErr: boom}, {name: "http"}},
			wantErr:  boom,
			wantUnit: "processor",
			want: []string{"start nats", "start processor", "start http",
				"stop http", "close http", "close processor", "stop nats", "close nats"},
		},
		{
			name:     "a stage that stops on its own stops the process with an error",
			units:    []fake{{name: "nats"}, {name: "processor", runNil: true}},
			wantErr:  ErrStopped,
			wantUnit: "processor",
			want:     []string{"start nats", "start processor", "close processor", "stop nats", "close nats"},
		},
		{
			name:  "a finished unit stops the group cleanly",
			units: []fake{{name: "nats"}, {name: "crawl", finished: true}},
			want:  []string{"start nats", "start crawl", "close crawl", "stop nats", "close nats"},
		},
		{
			name:      "a failed start-up closes what was opened, in reverse order",
			units:     []fake{{name: "nats"}, {name: "store"}, {name: "index", startErr: boom}, {name: "http"}},
			wantErr:   boom,
			wantUnit:  "index",
			wantStart: true,
			want:      []string{"start nats", "start store", "start index", "close store", "close nats"},
		},
		{
			name:    "close errors are reported",
			units:   []fake{{name: "nats", closeErr: boom}, {name: "archive"}},
			signal:  true,
			wantErr: boom,
			want:    []string{"start nats", "start archive", "stop archive", "close archive", "stop nats", "close nats"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &journal{}
			var running sync.WaitGroup
			var g Group
			for _, f := range tt.units {
				g.Add(f.unit(j, &running))
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.signal {
				g.Started = func() {
					go func() { running.Wait(); cancel() }()
				}
			}
			err := g.Run(ctx)
			if got := j.get(); !slices.Equal(got, tt.want) {
				t.Errorf("journal\n got %q\nwant %q", got, tt.want)
			}
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			var se *StartError
			if got := errors.As(err, &se); got != tt.wantStart {
				t.Errorf("start error = %v, want %v (%v)", got, tt.wantStart, err)
			}
			if tt.wantUnit != "" {
				var ue *UnitError
				name := ""
				if errors.As(err, &ue) {
					name = ue.Unit
				} else if se != nil {
					name = se.Unit
				}
				if name != tt.wantUnit {
					t.Errorf("failing unit = %q, want %q (%v)", name, tt.wantUnit, err)
				}
			}
		})
	}
}
