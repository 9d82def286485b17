package bus

import (
	"context"
	"fmt"
	"strings"
	"time"

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
	if err := c.storeLarge(ctx, msg, msgID, &payload); err != nil {
		c.m.publishFailures.Inc()
		return err
	}
	msg.Data = payload
	return c.send(ctx, msg, msgID)
}

// storeLarge stores a payload too large for one message in the payload
// bucket, names it in msg's header and empties *payload.
func (c *Conn) storeLarge(ctx context.Context, msg *nats.Msg, msgID string, payload *[]byte) error {
	if len(*payload) <= c.inlineMax {
		return nil
	}
	name := objectName(msg.Subject, msgID)
	if err := retry(ctx, c.logger, "store payload "+name, publishAttempts, func(ctx context.Context) error {
		_, err := c.payloads.PutBytes(ctx, name, *payload)
		return err
	}); err != nil {
		return fmt.Errorf("store large payload %s (%d bytes): %w", name, len(*payload), err)
	}
	msg.Header.Set(HeaderPayloadRef, name)
	*payload = nil
	return nil
}

// send publishes msg synchronously, retrying transient failures with the
// same message ID: a publish that reached the stream before its answer was
// lost collapses into the first.
func (c *Conn) send(ctx context.Context, msg *nats.Msg, msgID string) error {
	var opts []jetstream.PublishOpt
	if msgID != "" {
		opts = append(opts, jetstream.WithMsgID(msgID))
	}
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

// Pending is a publish sent without waiting for the stream's answer; Wait
// waits for it.
type Pending struct {
	c      *Conn
	msg    *nats.Msg
	msgID  string
	future jetstream.PubAckFuture
	err    error // final: nothing was sent
}

// PublishAsync sends payload on subject with msgID as the JetStream message
// ID, like Publish, but does not wait for the stream's confirmation: many
// publishes travel at once, and each one's Wait returns once its message
// is stored. A payload too large for one message is stored in the payload
// bucket first, synchronously, as by Publish.
func (c *Conn) PublishAsync(ctx context.Context, subject, msgID string, payload []byte) *Pending {
	msg := &nats.Msg{Subject: subject, Header: nats.Header{}}
	p := &Pending{c: c, msg: msg, msgID: msgID}
	if err := c.storeLarge(ctx, msg, msgID, &payload); err != nil {
		c.m.publishFailures.Inc()
		p.err = err
		return p
	}
	msg.Data = payload
	var opts []jetstream.PublishOpt
	if msgID != "" {
		opts = append(opts, jetstream.WithMsgID(msgID))
	}
	// A send that fails at once (the connection is being re-established,
	// too many publishes in flight) is sent again synchronously by Wait.
	p.future, _ = c.JS.PublishMsgAsync(msg, opts...)
	return p
}

// Wait returns nil once the message is stored in its stream. When the
// asynchronous publish failed or its answer did not come within a publish
// attempt's timeout, the message is published again synchronously, with
// the same message ID and Publish's retries, so a publish that did reach
// the stream collapses into the first. Wait does not return nil for a
// message the stream has not confirmed.
func (p *Pending) Wait(ctx context.Context) error {
	if p.err != nil {
		return p.err
	}
	if p.future != nil {
		t := time.NewTimer(attemptTimeout)
		defer t.Stop()
		select {
		case <-p.future.Ok():
			return nil
		case err := <-p.future.Err():
			p.c.logger.Info("async publish failed, publishing again", "component", "bus", "subject", p.msg.Subject, "err", err)
		case <-t.C:
			p.c.logger.Info("async publish not confirmed in time, publishing again", "component", "bus", "subject", p.msg.Subject, "after", attemptTimeout)
		case <-ctx.Done():
			p.c.m.publishFailures.Inc()
			return fmt.Errorf("publish %s: %w", p.msg.Subject, ctx.Err())
		}
		p.c.m.publishRetries.Inc()
	}
	// A fresh message: the asynchronous one still belongs to its future.
	msg := &nats.Msg{Subject: p.msg.Subject, Header: nats.Header{}, Data: p.msg.Data}
	if ref := p.msg.Header.Get(HeaderPayloadRef); ref != "" {
		msg.Header.Set(HeaderPayloadRef, ref)
	}
	return p.c.send(ctx, msg, p.msgID)
}
