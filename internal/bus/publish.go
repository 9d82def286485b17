package bus

import (
	"context"
	"fmt"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Headers DRA sets on messages.
const (
	// HeaderPayloadRef names the object in PayloadBucket holding the payload
	// when it was too large to travel inline.
	HeaderPayloadRef = "Dra-Payload-Ref"
	HeaderStage      = "Dra-Stage"
	HeaderError      = "Dra-Error"
	HeaderSubject    = "Dra-Original-Subject"
	HeaderStream     = "Dra-Original-Stream"
	HeaderSequence   = "Dra-Original-Sequence"
	HeaderDeliveries = "Dra-Deliveries"
)

// Publish publishes payload on subject with msgID as the JetStream message
// ID, so a second publish of the same ID within the duplicates window
// collapses into the first. A payload too large for one message is stored in
// the payload bucket first and travels by reference.
func (c *Conn) Publish(ctx context.Context, subject, msgID string, payload []byte) error {
	return c.publish(ctx, &nats.Msg{Subject: subject, Header: nats.Header{}}, msgID, payload)
}

func (c *Conn) publish(ctx context.Context, msg *nats.Msg, msgID string, payload []byte) error {
	if len(payload) > c.inlineMax {
		name := objectName(msg.Subject, msgID)
		if err := retry(ctx, c.logger, "store payload "+name, publishAttempts, func(ctx context.Context) error {
			_, err := c.payloads.PutBytes(ctx, name, payload)
			return err
		}); err != nil {
			return fmt.Errorf("store large payload %s (%d bytes): %w", name, len(payload), err)
		}
		msg.Header.Set(HeaderPayloadRef, name)
		payload = nil
	}
	msg.Data = payload
	var opts []jetstream.PublishOpt
	if msgID != "" {
		opts = append(opts, jetstream.WithMsgID(msgID))
	}
	// Retried with the same message ID: a publish that reached the stream
	// before its answer was lost collapses into the first.
	attempt := 0
	err := retry(ctx, c.logger, "publish "+msg.Subject, publishAttempts, func(ctx context.Context) error {
		if attempt++; attempt > 1 {
			c.m.publishRetries.Inc()
		}
		_, err := c.JS.PublishMsg(ctx, msg, opts...)
		return err
	})
	if err != nil {
		c.m.publishFailures.Inc()
		return fmt.Errorf("publish %s: %w", msg.Subject, err)
	}
	return nil
}

func objectName(subject, msgID string) string {
	if msgID == "" {
		msgID = nats.NewInbox()[len(nats.InboxPrefix):]
	}
	return subject + "/" + strings.ReplaceAll(msgID, " ", "_")
}

// payload returns a message's payload, fetching it from the payload bucket
// when it travelled by reference.
func (c *Conn) payload(ctx context.Context, h nats.Header, data []byte) ([]byte, error) {
	ref := h.Get(HeaderPayloadRef)
	if ref == "" {
		return data, nil
	}
	b, err := c.payloads.GetBytes(ctx, ref)
	if err != nil {
		return nil, fmt.Errorf("load payload %s: %w", ref, err)
	}
	return b, nil
}
