package warcstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/nats-io/nats.go/jetstream"
)

// Reader opens record locations of every scheme, from any node: nats-os://
// through JS, s3:// through S3, file:// and bare file names in Dir, and
// local files that `dra archive migrate` moved into Migrated when they are
// not on this node's disk.
type Reader struct {
	// Dir is this node's local WARC directory (<data-dir>/warc); empty:
	// local files are not read.
	Dir string
	// JS reaches the JetStream object stores; nil: nats-os:// is refused.
	JS jetstream.JetStream
	// S3 reaches the s3:// buckets.
	S3 S3Config
	// Migrated is the store local WARC files were migrated into (the
	// configured archive); nil: none.
	Migrated Store
	// MigratedPrefix is the key prefix of the archive in Migrated.
	MigratedPrefix string

	mu     sync.Mutex
	stores map[string]Store
}

// Open reads the object at loc from offset, and says where it read it
// (a URI). A location that is nowhere is ErrNotFound.
func (r *Reader) Open(ctx context.Context, loc string, offset int64) (io.ReadCloser, string, error) {
	l, err := ParseLocation(loc)
	if err != nil {
		return nil, "", err
	}
	switch l.Scheme {
	case SchemeNATS, SchemeS3:
		s, err := r.store(ctx, l.Scheme, l.Bucket)
		if err != nil {
			return nil, "", err
		}
		rc, err := s.Open(ctx, l.Key, offset)
		return rc, loc, err
	case SchemeFile:
		return r.local(ctx, l.Key, offset)
	default:
		if r.Dir == "" {
			return r.migrated(ctx, l.Key, offset, loc)
		}
		return r.local(ctx, filepath.Join(r.Dir, l.Key), offset)
	}
}

// local opens a WARC file of this node's Dir, else its migrated record.
func (r *Reader) local(ctx context.Context, p string, offset int64) (io.ReadCloser, string, error) {
	name := filepath.Base(p)
	if r.Dir != "" {
		dir, err := filepath.Abs(r.Dir)
		if err != nil {
			return nil, "", err
		}
		abs, err := filepath.Abs(filepath.FromSlash(p))
		if err != nil {
			return nil, "", err
		}
		p = filepath.ToSlash(abs)
		if filepath.Dir(abs) == dir {
			f, err := os.Open(filepath.FromSlash(p))
			if err == nil {
				if _, err := f.Seek(offset, io.SeekStart); err != nil {
					f.Close()
					return nil, "", err
				}
				return f, "file://" + filepath.ToSlash(p), nil
			}
			if !errors.Is(err, os.ErrNotExist) {
				return nil, "", err
			}
		}
	}
	return r.migrated(ctx, name, offset, p)
}

func (r *Reader) migrated(ctx context.Context, name string, offset int64, loc string) (io.ReadCloser, string, error) {
	if r.Migrated == nil {
		return nil, "", fmt.Errorf("%s: %w (not on this node's disk, and no archive store to look in)", loc, errors.Join(ErrNotFound, os.ErrNotExist))
	}
	key := LegacyKey(name, offset)
	if r.MigratedPrefix != "" {
		key = r.MigratedPrefix + "/" + key
	}
	rc, err := r.Migrated.Open(ctx, key, 0)
	if errors.Is(err, ErrNotFound) {
		return nil, "", fmt.Errorf("%s: %w (not on this node's disk, and not migrated: run dra archive migrate on the node that wrote it)", loc, errors.Join(ErrNotFound, os.ErrNotExist))
	}
	return rc, r.Migrated.URI(key), err
}

func (r *Reader) store(ctx context.Context, scheme, bucket string) (Store, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := scheme + "://" + bucket
	if s, ok := r.stores[k]; ok {
		return s, nil
	}
	if r.Migrated != nil && strings.HasPrefix(r.Migrated.URI(""), k+"/") {
		return r.Migrated, nil
	}
	var s Store
	var err error
	switch scheme {
	case SchemeNATS:
		if r.JS == nil {
			return nil, fmt.Errorf("%s: not connected to NATS (set --nats-url)", k)
		}
		s, err = ExistingNATS(ctx, r.JS, bucket)
	case SchemeS3:
		s, err = OpenS3(ctx, r.S3, bucket, false)
	}
	if err != nil {
		return nil, err
	}
	if r.stores == nil {
		r.stores = map[string]Store{}
	}
	r.stores[k] = s
	return s, nil
}

// Open opens the store of an archive URL for writing: the JetStream object
// store bucket is created with replicas, the S3 bucket when missing. A
// file:// target has no Store (the crawler writes local files itself).
func Open(ctx context.Context, t Target, js jetstream.JetStream, replicas int, s3 S3Config) (Store, error) {
	switch t.Scheme {
	case SchemeNATS:
		if js == nil {
			return nil, fmt.Errorf("archive %s://%s: not connected to NATS", t.Scheme, t.Bucket)
		}
		return OpenNATS(ctx, js, t.Bucket, replicas)
	case SchemeS3:
		return OpenS3(ctx, s3, t.Bucket, true)
	}
	return nil, fmt.Errorf("archive %s: no object store for this scheme", t.Scheme)
}
