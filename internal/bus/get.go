package bus

import (
	"context"
	"fmt"
)

// Get reads one message of a stream by its sequence number, with its
// payload loaded when it travelled by reference: the way back to an event
// a stage handled before (re-processing a sample with a newer template).
func (c *Conn) Get(ctx context.Context, stream string, seq uint64) (Msg, error) {
	s, err := c.JS.Stream(ctx, stream)
	if err != nil {
		return Msg{}, fmt.Errorf("stream %s: %w", stream, err)
	}
	raw, err := s.GetMsg(ctx, seq)
	if err != nil {
		return Msg{}, fmt.Errorf("stream %s message %d: %w", stream, seq, err)
	}
	data, err := c.payload(ctx, raw.Header, raw.Data)
	if err != nil {
		return Msg{}, err
	}
	return Msg{Subject: raw.Subject, Data: data, Header: raw.Header, Stream: stream, Sequence: raw.Sequence}, nil
}

// Replicas is the replica count of the topology the connection ensures:
// what a stage's own buckets should use.
func (c *Conn) Replicas() int { return max(c.topo.Replicas, 1) }
