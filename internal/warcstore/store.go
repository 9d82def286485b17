// Package warcstore keeps DRA's WARC records where every node reaches them:
// the JetStream object store (the default, replicated with the streams) or
// S3-compatible object storage (the production option), behind Store. A
// record's location is a URI: nats-os://BUCKET/KEY, s3://BUCKET/KEY, or
// file:///PATH for WARC files on a local disk (one-machine use, and the
// files written before the archive moved to a shared store).
package warcstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// URI schemes of record locations.
const (
	SchemeNATS = "nats-os"
	SchemeS3   = "s3"
	SchemeFile = "file"
)

// DefaultBucket is the JetStream object store bucket of the default archive.
const DefaultBucket = "dra-warc"

// DefaultURL is the archive DRA writes to unless told otherwise.
const DefaultURL = SchemeNATS + "://" + DefaultBucket

// ErrNotFound is returned for a key the store does not hold.
var ErrNotFound = errors.New("no such archive object")

// Store holds WARC objects under keys. Objects are written whole, once, and
// read from an offset (a record inside the object). Implementations are safe
// for concurrent use.
type Store interface {
	// Put stores data under key, replacing any object of that key; it
	// returns once the object is durable (acknowledged by the store).
	Put(ctx context.Context, key string, data []byte) error
	// Open reads the object from offset to its end.
	Open(ctx context.Context, key string, offset int64) (io.ReadCloser, error)
	// Size is the object's size, or ErrNotFound.
	Size(ctx context.Context, key string) (int64, error)
	// URI is the location of the object of key.
	URI(key string) string
}

// Location is a parsed record location.
type Location struct {
	Scheme string // SchemeNATS, SchemeS3, SchemeFile, or "" for a bare file name
	Bucket string // the bucket (nats-os, s3)
	Key    string // the object key (nats-os, s3), the path (file), the name (bare)
}

// ParseLocation parses a record location: a URI, or a bare WARC file name
// (a reference written before locations were URIs: a file under the
// writing node's <data-dir>/warc).
func ParseLocation(s string) (Location, error) {
	if s == "" {
		return Location{}, errors.New("empty archive location")
	}
	if !strings.Contains(s, "://") {
		name := path.Base(s)
		if name != s || name == "." || name == ".." || strings.ContainsRune(s, '\\') {
			return Location{}, fmt.Errorf("archive location %q: not a file name", s)
		}
		return Location{Key: s}, nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return Location{}, fmt.Errorf("archive location %q: %w", s, err)
	}
	switch u.Scheme {
	case SchemeNATS, SchemeS3:
		key := strings.TrimPrefix(u.Path, "/")
		if u.Host == "" || key == "" {
			return Location{}, fmt.Errorf("archive location %q: want %s://BUCKET/KEY", s, u.Scheme)
		}
		return Location{Scheme: u.Scheme, Bucket: u.Host, Key: key}, nil
	case SchemeFile:
		if u.Host != "" && u.Host != "localhost" {
			return Location{}, fmt.Errorf("archive location %q: a file URI names no host", s)
		}
		if !path.IsAbs(u.Path) || path.Clean(u.Path) != u.Path {
			return Location{}, fmt.Errorf("archive location %q: not a clean absolute path", s)
		}
		return Location{Scheme: SchemeFile, Key: u.Path}, nil
	}
	return Location{}, fmt.Errorf("archive location %q: unknown scheme (want %s, %s or %s)", s, SchemeNATS, SchemeS3, SchemeFile)
}

// Target is where an archive writes: a parsed --archive URL.
type Target struct {
	Scheme string // SchemeNATS, SchemeS3 or SchemeFile
	Bucket string // nats-os, s3
	Prefix string // key prefix inside the bucket, without a trailing slash
	Dir    string // file: the directory
}

// ParseTarget parses an archive URL: nats-os://BUCKET[/PREFIX],
// s3://BUCKET[/PREFIX] or file:///DIR.
func ParseTarget(s string) (Target, error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return Target{}, fmt.Errorf("archive %q: want nats-os://BUCKET, s3://BUCKET[/PREFIX] or file:///DIR", s)
	}
	switch u.Scheme {
	case SchemeNATS, SchemeS3:
		if u.Host == "" {
			return Target{}, fmt.Errorf("archive %q: no bucket", s)
		}
		if u.Scheme == SchemeNATS && !validNATSBucket(u.Host) {
			return Target{}, fmt.Errorf("archive %q: a JetStream bucket name has only letters, digits, - and _", s)
		}
		return Target{Scheme: u.Scheme, Bucket: u.Host, Prefix: strings.Trim(u.Path, "/")}, nil
	case SchemeFile:
		if u.Host != "" && u.Host != "localhost" || u.Path == "" {
			return Target{}, fmt.Errorf("archive %q: want file:///DIR", s)
		}
		return Target{Scheme: SchemeFile, Dir: u.Path}, nil
	}
	return Target{}, fmt.Errorf("archive %q: unknown scheme (want %s, %s or %s)", s, SchemeNATS, SchemeS3, SchemeFile)
}

// Key joins the target's prefix and name.
func (t Target) Key(name string) string {
	if t.Prefix == "" {
		return name
	}
	return t.Prefix + "/" + name
}

func validNATSBucket(s string) bool {
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// LegacyKey is the key under which `dra archive migrate` stores the record
// at offset of a local WARC file named name: a reference to (name, offset)
// is read from there once the file is migrated.
func LegacyKey(name string, offset int64) string {
	return fmt.Sprintf("legacy/%s/%d", name, offset)
}

// LegacyDoneKey marks a local WARC file whose every record is migrated.
func LegacyDoneKey(name string) string { return "legacy/" + name + "/done" }
