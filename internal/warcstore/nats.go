package warcstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/nats-io/nats.go/jetstream"
)

// NATS is a Store on a JetStream object store bucket, replicated like the
// streams (Replicas).
type NATS struct {
	bucket string
	obs    jetstream.ObjectStore
}

var _ Store = (*NATS)(nil)

// OpenNATS creates (or updates) the object store bucket with replicas and
// returns a Store on it.
func OpenNATS(ctx context.Context, js jetstream.JetStream, bucket string, replicas int) (*NATS, error) {
	obs, err := js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
		Bucket: bucket, Description: "DRA WARC archive", Storage: jetstream.FileStorage,
		Replicas: max(replicas, 1), Compression: false, // records are gzip members already
	})
	if err != nil {
		return nil, fmt.Errorf("object store %s: %w", bucket, err)
	}
	return &NATS{bucket: bucket, obs: obs}, nil
}

// ExistingNATS opens an object store bucket that exists (readers never
// create one).
func ExistingNATS(ctx context.Context, js jetstream.JetStream, bucket string) (*NATS, error) {
	obs, err := js.ObjectStore(ctx, bucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) || errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil, fmt.Errorf("object store %s: %w", bucket, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("object store %s: %w", bucket, err)
	}
	return &NATS{bucket: bucket, obs: obs}, nil
}

// Put stores data under key; the object store acknowledges every chunk
// and the object's metadata from the bucket's replicas.
func (n *NATS) Put(ctx context.Context, key string, data []byte) error {
	if _, err := n.obs.Put(ctx, jetstream.ObjectMeta{Name: key}, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("put %s: %w", n.URI(key), err)
	}
	return nil
}

// Open reads the object from offset. The object store has no ranged read:
// the chunks before offset are read and dropped, so objects are kept small
// (one fetch, or one migrated record).
func (n *NATS) Open(ctx context.Context, key string, offset int64) (io.ReadCloser, error) {
	res, err := n.obs.Get(ctx, key)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return nil, fmt.Errorf("%s: %w", n.URI(key), ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", n.URI(key), err)
	}
	if offset > 0 {
		if _, err := io.CopyN(io.Discard, res, offset); err != nil {
			res.Close()
			return nil, fmt.Errorf("get %s at %d: %w", n.URI(key), offset, err)
		}
	}
	return res, nil
}

// Size is the object's size.
func (n *NATS) Size(ctx context.Context, key string) (int64, error) {
	info, err := n.obs.GetInfo(ctx, key)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return 0, fmt.Errorf("%s: %w", n.URI(key), ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("stat %s: %w", n.URI(key), err)
	}
	return int64(info.Size), nil
}

// URI is nats-os://BUCKET/KEY.
func (n *NATS) URI(key string) string { return SchemeNATS + "://" + n.bucket + "/" + key }
