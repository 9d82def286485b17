package bus

import (
	"context"
	"log/slog"
	"slices"

	"github.com/nats-io/nats.go/jetstream"
)

// Set-up calls look the stream, bucket or consumer up first and create or
// update it only when it is missing or differs. Several processes start
// at once on a fresh cluster; JetStream answers a lookup at once, while a
// create that repeats one another process has in flight may go unanswered
// until the attempt times out.

// ensureStream makes the stream exist with sc's settings.
func (c *Conn) ensureStream(ctx context.Context, sc jetstream.StreamConfig) error {
	return retrySetup(ctx, c.logger, "stream "+sc.Name, func(ctx context.Context) error {
		if s, err := c.JS.Stream(ctx, sc.Name); err == nil && sameStream(s.CachedInfo().Config, sc) {
			return nil
		}
		_, err := c.JS.CreateOrUpdateStream(ctx, sc)
		return err
	})
}

// sameStream reports whether have already has every setting want asks
// for (settings want leaves at zero take the server's defaults).
func sameStream(have, want jetstream.StreamConfig) bool {
	return slices.Equal(have.Subjects, want.Subjects) &&
		have.Replicas == max(want.Replicas, 1) &&
		have.Storage == want.Storage &&
		have.Retention == want.Retention &&
		have.MaxAge == want.MaxAge &&
		(want.Duplicates == 0 || have.Duplicates == want.Duplicates)
}

// EnsureKeyValue opens the bucket when it exists with cfg's replicas,
// history and TTL, and creates or updates it otherwise, retrying like
// every set-up call until ctx ends.
func EnsureKeyValue(ctx context.Context, js jetstream.JetStream, logger *slog.Logger, cfg jetstream.KeyValueConfig) (jetstream.KeyValue, error) {
	if logger == nil {
		logger = slog.Default()
	}
	var kv jetstream.KeyValue
	err := retrySetup(ctx, logger, "kv "+cfg.Bucket, func(ctx context.Context) (err error) {
		if kv, err = js.KeyValue(ctx, cfg.Bucket); err == nil && sameKeyValue(ctx, kv, cfg) {
			return nil
		}
		kv, err = js.CreateOrUpdateKeyValue(ctx, cfg)
		return err
	})
	return kv, err
}

func sameKeyValue(ctx context.Context, kv jetstream.KeyValue, cfg jetstream.KeyValueConfig) bool {
	st, err := kv.Status(ctx)
	if err != nil {
		return false
	}
	bs, ok := st.(*jetstream.KeyValueBucketStatus)
	if !ok {
		return false
	}
	info := bs.StreamInfo().Config
	return info.Replicas == max(cfg.Replicas, 1) && st.TTL() == cfg.TTL && st.History() == int64(max(cfg.History, 1))
}

func sameObjectStore(ctx context.Context, os jetstream.ObjectStore, cfg jetstream.ObjectStoreConfig) bool {
	st, err := os.Status(ctx)
	if err != nil {
		return false
	}
	return st.Replicas() == max(cfg.Replicas, 1) && st.TTL() == cfg.TTL
}

// sameConsumer reports whether have already has want's settings.
func sameConsumer(have, want jetstream.ConsumerConfig) bool {
	return have.Durable == want.Durable && have.AckPolicy == want.AckPolicy && have.AckWait == want.AckWait &&
		have.MaxDeliver == want.MaxDeliver && have.FilterSubject == want.FilterSubject &&
		have.MaxAckPending == want.MaxAckPending && have.Replicas == want.Replicas
}
