package crawler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/nats-io/nats.go/jetstream"
	"go.yaml.in/yaml/v3"
)

// SourcesBucket is the JetStream KV bucket of the cluster's sources: one
// key per source, source.<id>, holding the validated source as YAML. `dra
// sources push FILE` writes it; schedulers and workers read it and follow
// its changes, so no worker needs a sources file of its own.
const SourcesBucket = "DRA_SOURCES"

func catalogKey(id string) string { return "source." + id }

// Catalog is the sources of the cluster, kept in SourcesBucket and followed
// by a watch (Run).
type Catalog struct {
	kv jetstream.KeyValue

	mu      sync.RWMutex
	srcs    map[string]Source
	loaded  chan struct{} // closed once the initial values are in
	changed chan struct{} // signalled (buffered) on every change after that
}

// OpenCatalog creates or opens the sources bucket. replicas is 1 on one node.
func OpenCatalog(ctx context.Context, js jetstream.JetStream, replicas int) (*Catalog, error) {
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: SourcesBucket, Description: "crawl sources, validated (dra sources push)",
		History: 5, Storage: jetstream.FileStorage, Replicas: max(replicas, 1),
	})
	if err != nil {
		return nil, fmt.Errorf("kv %s: %w", SourcesBucket, err)
	}
	return &Catalog{kv: kv, srcs: map[string]Source{}, loaded: make(chan struct{}), changed: make(chan struct{}, 1)}, nil
}

// PushResult says what a push changed.
type PushResult struct {
	Added, Updated, Unchanged, Removed []string
}

// Push validates srcs and makes them the cluster's sources: each one is
// written under its key unless it is there unchanged, and sources no
// longer listed are removed. Nothing is written if one is invalid.
func (c *Catalog) Push(ctx context.Context, srcs []Source) (PushResult, error) {
	var res PushResult
	vals := map[string][]byte{}
	var errs []error
	for i := range srcs {
		s := srcs[i]
		if err := s.Compile(); err != nil {
			errs = append(errs, err)
			continue
		}
		if _, dup := vals[s.ID]; dup {
			errs = append(errs, fmt.Errorf("source %q: duplicate id", s.ID))
			continue
		}
		b, err := yaml.Marshal(s)
		if err != nil {
			return res, err
		}
		vals[s.ID] = b
	}
	if len(errs) > 0 {
		return res, errors.Join(errs...)
	}
	keys, err := c.kv.ListKeys(ctx)
	if err != nil {
		return res, fmt.Errorf("kv %s: %w", SourcesBucket, err)
	}
	existing := map[string]bool{}
	for k := range keys.Keys() {
		existing[k] = true
	}
	ids := make([]string, 0, len(vals))
	for id := range vals {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		key := catalogKey(id)
		if existing[key] {
			if e, err := c.kv.Get(ctx, key); err == nil && slices.Equal(e.Value(), vals[id]) {
				res.Unchanged = append(res.Unchanged, id)
				continue
			}
			res.Updated = append(res.Updated, id)
		} else {
			res.Added = append(res.Added, id)
		}
		if _, err := c.kv.Put(ctx, key, vals[id]); err != nil {
			return res, fmt.Errorf("kv put %s: %w", key, err)
		}
	}
	stale := make([]string, 0)
	for k := range existing {
		if id, ok := strings.CutPrefix(k, "source."); ok && vals[id] == nil {
			stale = append(stale, id)
		}
	}
	sort.Strings(stale)
	for _, id := range stale {
		if err := c.kv.Delete(ctx, catalogKey(id)); err != nil && !errors.Is(err, jetstream.ErrKeyNotFound) {
			return res, fmt.Errorf("kv delete %s: %w", catalogKey(id), err)
		}
		res.Removed = append(res.Removed, id)
	}
	return res, nil
}

// decodeSource reads a source as pushed.
func decodeSource(b []byte) (Source, error) {
	var s Source
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return s, err
	}
	return s, s.Compile()
}

// Run follows the bucket until ctx is done: the initial values, then every
// change. A source that does not decode (written by a newer build) is left
// out of Sources; Get reports its error.
func (c *Catalog) Run(ctx context.Context) error {
	w, err := c.kv.Watch(ctx, "source.>")
	if err != nil {
		return fmt.Errorf("kv watch %s: %w", SourcesBucket, err)
	}
	defer w.Stop()
	initial := true
	for {
		select {
		case <-ctx.Done():
			return nil
		case e, ok := <-w.Updates():
			if !ok {
				if ctx.Err() != nil {
					return nil
				}
				return fmt.Errorf("kv watch %s ended", SourcesBucket)
			}
			if e == nil {
				if initial {
					initial = false
					close(c.loaded)
				}
				continue
			}
			id := strings.TrimPrefix(e.Key(), "source.")
			c.mu.Lock()
			if e.Operation() != jetstream.KeyValuePut {
				delete(c.srcs, id)
			} else if s, err := decodeSource(e.Value()); err == nil {
				c.srcs[id] = s
			}
			c.mu.Unlock()
			if !initial {
				select {
				case c.changed <- struct{}{}:
				default:
				}
			}
		}
	}
}

// Loaded is closed once Run has read the initial values.
func (c *Catalog) Loaded() <-chan struct{} { return c.loaded }

// Changed is signalled on changes after the initial values.
func (c *Catalog) Changed() <-chan struct{} { return c.changed }

// Sources are the sources known now, by ID.
func (c *Catalog) Sources() []Source {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]Source, 0, len(c.srcs))
	for _, s := range c.srcs {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Get returns a source: as the watch last saw it, else read from the
// bucket (a source pushed a moment ago). ok is false if it has none.
func (c *Catalog) Get(ctx context.Context, id string) (s Source, ok bool, err error) {
	c.mu.RLock()
	s, ok = c.srcs[id]
	c.mu.RUnlock()
	if ok {
		return s, true, nil
	}
	e, err := c.kv.Get(ctx, catalogKey(id))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return s, false, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("kv get %s: %w", catalogKey(id), err)
	}
	if s, err = decodeSource(e.Value()); err != nil {
		return s, false, fmt.Errorf("source %s in %s: %w", id, SourcesBucket, err)
	}
	return s, true, nil
}
