package bus

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dra-archive/dra/event"
)

// ErrPermanent marks a failure no redelivery can fix: the message goes to
// the dead-letter stream at once.
var ErrPermanent = errors.New("permanent")

// Permanent wraps err so that it is dead-lettered instead of retried.
func Permanent(err error) error {
	if err == nil || errors.Is(err, ErrPermanent) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrPermanent, err)
}

// Msg is one delivered message with its payload resolved.
type Msg struct {
	Subject    string
	Data       []byte
	Header     nats.Header
	Deliveries uint64
	Stream     string
	Sequence   uint64
}

// Handler processes a batch. The returned slice is aligned with msgs: nil
// acks the message, an error wrapping ErrPermanent dead-letters it, any other
// error naks it with backoff. A nil slice acks everything.
type Handler func(ctx context.Context, msgs []Msg) []error

// ConsumerConfig describes a durable pull consumer.
type ConsumerConfig struct {
	Stream  string
	Durable string
	// Stage names the stage in dead letters ("processor", "indexer").
	Stage         string
	FilterSubject string
	// MaxDeliver is the number of deliveries before a failing message is
	// dead-lettered (default 5). The server itself never gives up: DRA
	// counts, so nothing is dropped without a dead-letter record. A
	// message is delivered in a batch once; redelivered (its handler
	// failed on it, or its consumer died holding it) it is handled alone,
	// and only those attempts alone are counted (in AttemptsBucket), so a
	// message that crashes the process is dead-lettered alone.
	MaxDeliver int
	// Backoff gives the nak delay after the n-th failed delivery.
	Backoff func(n uint64) time.Duration
	Batch   int           // messages per handler call (default 1)
	MaxWait time.Duration // how long to wait to fill a batch (default 1s)
	// AckWait is how long a delivered message may go without an ack before
	// it is redelivered (default 30s); a slow handler is kept alive with
	// in-progress signals, so only a dead consumer's messages move on.
	AckWait time.Duration
	// Drain bounds how long an in-flight batch may take after ctx is done.
	Drain time.Duration
	// Observe, if set, is told each outcome: "ack", "nak", "deadletter".
	Observe func(result string)
	// MaxAckPending bounds the messages delivered and not yet acked across
	// every process of the durable (default 4 × max(Batch, 64)). The
	// consumer is shared: the last process to set it up sets it.
	MaxAckPending int
	// Concurrency is how many batches this process has in hand at once
	// (default 1): that many loops fetch from the shared durable and call
	// the handler, which must then be safe for concurrent use. Order
	// across batches is not kept; a redelivered message is still handled
	// alone.
	Concurrency int
}

func (cc *ConsumerConfig) defaults() {
	if cc.MaxDeliver <= 0 {
		cc.MaxDeliver = 5
	}
	if cc.Backoff == nil {
		cc.Backoff = ExpBackoff(time.Second, time.Minute)
	}
	if cc.Batch <= 0 {
		cc.Batch = 1
	}
	if cc.MaxWait <= 0 {
		cc.MaxWait = time.Second
	}
	if cc.AckWait <= 0 {
		cc.AckWait = 30 * time.Second
	}
	if cc.Drain <= 0 {
		cc.Drain = 30 * time.Second
	}
	if cc.Concurrency <= 0 {
		cc.Concurrency = 1
	}
	if cc.Observe == nil {
		cc.Observe = func(string) {}
	}
}

// ExpBackoff doubles from base up to max.
func ExpBackoff(base, max time.Duration) func(uint64) time.Duration {
	return func(n uint64) time.Duration {
		d := base
		for i := uint64(1); i < n && d < max; i++ {
			d *= 2
		}
		return min(d, max)
	}
}

// EnsureConsumer creates or updates the durable consumer. Idempotent and
// safe for several processes at once: transient failures are retried with
// jitter for up to a minute; a conflict (the durable exists with a
// configuration that cannot be changed) fails at once.
func (c *Conn) EnsureConsumer(ctx context.Context, cc ConsumerConfig) (jetstream.Consumer, error) {
	cc.defaults()
	var cons jetstream.Consumer
	rctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	err := retrySetup(rctx, c.logger, "consumer "+cc.Durable, func(ctx context.Context) (err error) {
		cons, err = c.createConsumer(ctx, cc)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s on %s: %w", cc.Durable, cc.Stream, err)
	}
	return cons, nil
}

// createConsumer looks the consumer up and creates or updates it only when
// it is missing or differs (see ensure.go).
func (c *Conn) createConsumer(ctx context.Context, cc ConsumerConfig) (jetstream.Consumer, error) {
	want := c.consumerConfig(cc)
	if cons, err := c.JS.Consumer(ctx, cc.Stream, cc.Durable); err == nil && sameConsumer(cons.CachedInfo().Config, want) {
		return cons, nil
	}
	return c.JS.CreateOrUpdateConsumer(ctx, cc.Stream, want)
}

func (c *Conn) consumerConfig(cc ConsumerConfig) jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       cc.Durable,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cc.AckWait,
		MaxDeliver:    -1,
		FilterSubject: cc.FilterSubject,
		MaxAckPending: cmp.Or(cc.MaxAckPending, 4*max(cc.Batch, 64)),
		Replicas:      c.topo.Replicas,
	}
}

// Consume runs the consumer until ctx is done, then finishes the batch in
// hand (within cc.Drain) and returns nil.
func (c *Conn) Consume(ctx context.Context, cc ConsumerConfig, h Handler) error {
	cc.defaults()
	c.settingUpConsumer(cc.Durable, 1)
	cons, err := c.EnsureConsumer(ctx, cc)
	c.settingUpConsumer(cc.Durable, -1)
	if err != nil {
		return err
	}
	// The handler's context outlives ctx by cc.Drain so in-flight work ends cleanly.
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(cc.Drain, cancel) })
	defer stop()

	var wg sync.WaitGroup
	for range cc.Concurrency {
		wg.Go(func() { c.fetchLoop(ctx, hctx, cons, cc, h) })
	}
	wg.Wait()
	return nil
}

// fetchLoop fetches batches and handles them until ctx is done.
func (c *Conn) fetchLoop(ctx, hctx context.Context, cons jetstream.Consumer, cc ConsumerConfig, h Handler) {
	failures := uint64(0)
	for ctx.Err() == nil {
		batch, err := cons.Fetch(cc.Batch, jetstream.FetchMaxWait(cc.MaxWait))
		if err != nil {
			failures++
			c.logger.Warn("fetch", "component", "bus", "consumer", cc.Durable, "err", err)
			sleep(ctx, ExpBackoff(100*time.Millisecond, 5*time.Second)(failures))
			continue
		}
		var raw []jetstream.Msg
		for m := range batch.Messages() {
			raw = append(raw, m)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, jetstream.ErrNoMessages) && len(raw) == 0 {
			failures++
			c.logger.Warn("fetch", "component", "bus", "consumer", cc.Durable, "err", err)
			sleep(ctx, ExpBackoff(100*time.Millisecond, 5*time.Second)(failures))
			continue
		}
		failures = 0
		if len(raw) == 0 {
			continue
		}
		c.handle(hctx, cc, raw, h)
	}
}

func (c *Conn) handle(ctx context.Context, cc ConsumerConfig, raw []jetstream.Msg, h Handler) {
	var fresh, redo []Msg
	var freshRaw, redoRaw []jetstream.Msg
	for _, m := range raw {
		md, err := m.Metadata()
		if err != nil {
			c.logger.Error("message metadata", "component", "bus", "err", err)
			_ = m.Nak()
			continue
		}
		msg := Msg{Subject: m.Subject(), Header: m.Headers(), Deliveries: md.NumDelivered,
			Stream: md.Stream, Sequence: md.Sequence.Stream}
		data, err := c.payload(ctx, m.Headers(), m.Data())
		if err != nil {
			if errors.Is(err, jetstream.ErrObjectNotFound) {
				err = Permanent(err)
			}
			c.settle(ctx, cc, m, msg, err)
			continue
		}
		msg.Data = data
		if msg.Deliveries > 1 {
			redo, redoRaw = append(redo, msg), append(redoRaw, m)
			continue
		}
		fresh, freshRaw = append(fresh, msg), append(freshRaw, m)
	}
	if len(fresh)+len(redo) == 0 {
		return
	}
	// Every message in hand is kept in progress until it is settled.
	stopBeat := heartbeat(append(append([]jetstream.Msg(nil), freshRaw...), redoRaw...), cc.AckWait/3)
	defer stopBeat()
	if len(fresh) > 0 {
		errs := h(ctx, fresh)
		for i, m := range freshRaw {
			var err error
			if i < len(errs) {
				err = errs[i]
			}
			c.settle(ctx, cc, m, fresh[i], err)
		}
	}
	// A redelivered message failed or was in hand when its consumer died:
	// it is handled alone, and only its attempts alone count towards
	// MaxDeliver, so a message that crashes the process takes no other
	// with it.
	for i, m := range redoRaw {
		msg := redo[i]
		n, err := c.countAttempt(ctx, cc, msg)
		if err != nil {
			c.logger.Warn("count attempt", "component", "bus", "stage", cc.Stage, "seq", msg.Sequence, "err", err)
			_ = m.NakWithDelay(cc.Backoff(1))
			cc.Observe("nak")
			continue
		}
		msg.Deliveries = n
		if n > uint64(cc.MaxDeliver) {
			c.settle(ctx, cc, m, msg, Permanent(fmt.Errorf("handled alone %d times without success (max %d): the handler crashed or hung on it", n-1, cc.MaxDeliver)))
			continue
		}
		var herr error
		if errs := h(ctx, []Msg{msg}); len(errs) > 0 {
			herr = errs[0]
		}
		c.settle(ctx, cc, m, msg, herr)
	}
}

// attemptKey names a message in AttemptsBucket.
func attemptKey(cc ConsumerConfig, msg Msg) string {
	return fmt.Sprintf("%s.%s.%d", cc.Durable, msg.Stream, msg.Sequence)
}

// countAttempt records one more attempt at msg alone and returns the
// message's delivery count as DRA counts it: its first (batch) delivery
// plus its attempts alone.
func (c *Conn) countAttempt(ctx context.Context, cc ConsumerConfig, msg Msg) (uint64, error) {
	key := attemptKey(cc, msg)
	var n uint64
	var rev uint64
	e, err := c.attempts.Get(ctx, key)
	switch {
	case err == nil:
		n, _ = strconv.ParseUint(string(e.Value()), 10, 64)
		rev = e.Revision()
	case !errors.Is(err, jetstream.ErrKeyNotFound):
		return 0, err
	}
	n++
	v := []byte(strconv.FormatUint(n, 10))
	if rev == 0 {
		_, err = c.attempts.Create(ctx, key, v)
	} else {
		_, err = c.attempts.Update(ctx, key, v, rev)
	}
	if err != nil {
		return 0, err
	}
	return n + 1, nil
}

// heartbeat tells the server every interval that msgs are still being
// worked on, until the returned stop is called.
func heartbeat(msgs []jetstream.Msg, interval time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, m := range msgs {
					_ = m.InProgress()
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// settle acks, naks or dead-letters one message.
func (c *Conn) settle(ctx context.Context, cc ConsumerConfig, m jetstream.Msg, msg Msg, err error) {
	switch {
	case err == nil:
		if aerr := m.Ack(); aerr != nil {
			c.logger.Warn("ack", "component", "bus", "stage", cc.Stage, "err", aerr)
		}
		c.forget(ctx, cc, msg)
		cc.Observe("ack")
	case errors.Is(err, ErrPermanent) || msg.Deliveries >= uint64(cc.MaxDeliver):
		if dlErr := c.deadLetter(ctx, cc.Stage, msg, err); dlErr != nil {
			c.logger.Error("dead-letter", "component", "bus", "stage", cc.Stage, "err", dlErr)
			_ = m.NakWithDelay(cc.Backoff(msg.Deliveries))
			cc.Observe("nak")
			return
		}
		c.logger.Warn("dead-lettered", "component", "bus", "stage", cc.Stage, "seq", msg.Sequence, "err", err)
		c.m.deadLetters.WithLabelValues(cc.Stage, deadLetterReason(err, msg, cc)).Inc()
		_ = m.TermWithReason(truncate(err.Error(), 200))
		c.forget(ctx, cc, msg)
		cc.Observe("deadletter")
	default:
		c.logger.Info("retry later", "component", "bus", "stage", cc.Stage, "seq", msg.Sequence, "deliveries", msg.Deliveries, "err", err)
		_ = m.NakWithDelay(cc.Backoff(msg.Deliveries))
		cc.Observe("nak")
	}
}

// forget drops the attempt count of a settled message that had one.
func (c *Conn) forget(ctx context.Context, cc ConsumerConfig, msg Msg) {
	if msg.Deliveries > 1 && c.attempts != nil {
		_ = c.attempts.Delete(ctx, attemptKey(cc, msg))
	}
}

// deadLetter publishes the original message with the reason to
// dra.deadletter.<stage>.
func (c *Conn) deadLetter(ctx context.Context, stage string, msg Msg, cause error) error {
	h := nats.Header{}
	for k, v := range msg.Header {
		if k != HeaderPayloadRef {
			h[k] = v
		}
	}
	h.Set(HeaderStage, stage)
	h.Set(HeaderError, truncate(cause.Error(), 2000))
	h.Set(HeaderSubject, msg.Subject)
	h.Set(HeaderStream, msg.Stream)
	h.Set(HeaderSequence, strconv.FormatUint(msg.Sequence, 10))
	h.Set(HeaderDeliveries, strconv.FormatUint(msg.Deliveries, 10))
	id := fmt.Sprintf("%s:%s:%d", stage, msg.Stream, msg.Sequence)
	return c.publish(ctx, &nats.Msg{Subject: event.SubjectDeadLetter + "." + stage, Header: h}, id, msg.Data)
}

// DeadLetter is a dead-lettered message as read back.
type DeadLetter struct {
	Stage, Error, Subject string
	Deliveries            int
	Data                  []byte
	// Seq is its sequence in the dead-letter stream (what Replay takes),
	// Time when it was dead-lettered, Header all its headers.
	Seq    uint64
	Time   time.Time
	Header nats.Header
}

// DeadLetters reads every dead letter of stage ("" for all) currently stored.
func (c *Conn) DeadLetters(ctx context.Context, stage string) ([]DeadLetter, error) {
	subject := event.SubjectDeadLetter + ".>"
	if stage != "" {
		subject = event.SubjectDeadLetter + "." + stage
	}
	cons, err := c.JS.OrderedConsumer(ctx, event.StreamDeadLetter, jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	if err != nil {
		return nil, err
	}
	info, err := c.JS.Stream(ctx, event.StreamDeadLetter)
	if err != nil {
		return nil, err
	}
	si, err := info.Info(ctx)
	if err != nil {
		return nil, err
	}
	var out []DeadLetter
	if si.State.Msgs == 0 {
		return nil, nil
	}
	for {
		m, err := cons.Next(jetstream.FetchMaxWait(500 * time.Millisecond))
		if err != nil {
			if errors.Is(err, nats.ErrTimeout) || errors.Is(err, jetstream.ErrNoMessages) {
				return out, nil
			}
			return out, err
		}
		data, err := c.payload(ctx, m.Headers(), m.Data())
		if err != nil {
			return out, err
		}
		d := deadLetterOf(m.Headers(), data)
		md, _ := m.Metadata()
		if md != nil {
			d.Seq, d.Time = md.Sequence.Stream, md.Timestamp
		}
		out = append(out, d)
		if md != nil && md.NumPending == 0 {
			return out, nil
		}
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func deadLetterOf(h nats.Header, data []byte) DeadLetter {
	n, _ := strconv.Atoi(h.Get(HeaderDeliveries))
	return DeadLetter{Stage: h.Get(HeaderStage), Error: h.Get(HeaderError),
		Subject: h.Get(HeaderSubject), Deliveries: n, Data: data, Header: h}
}

// DeadLetterAt reads the dead letter at seq of the dead-letter stream.
func (c *Conn) DeadLetterAt(ctx context.Context, seq uint64) (DeadLetter, error) {
	s, err := c.JS.Stream(ctx, event.StreamDeadLetter)
	if err != nil {
		return DeadLetter{}, err
	}
	raw, err := s.GetMsg(ctx, seq)
	if err != nil {
		return DeadLetter{}, fmt.Errorf("dead letter %d: %w", seq, err)
	}
	data, err := c.payload(ctx, raw.Header, raw.Data)
	if err != nil {
		return DeadLetter{}, fmt.Errorf("dead letter %d: %w", seq, err)
	}
	d := deadLetterOf(raw.Header, data)
	d.Seq, d.Time = raw.Sequence, raw.Time
	return d, nil
}

// Replay republishes the dead letter at seq to its original subject with a
// new message ID (so de-duplication does not drop it), then removes it
// from the dead-letter stream. It returns the new message ID.
func (c *Conn) Replay(ctx context.Context, seq uint64) (string, error) {
	d, err := c.DeadLetterAt(ctx, seq)
	if err != nil {
		return "", err
	}
	if d.Subject == "" {
		return "", fmt.Errorf("dead letter %d has no original subject", seq)
	}
	id := fmt.Sprintf("replay:%d:%d", seq, time.Now().UnixNano())
	if err := c.Publish(ctx, d.Subject, id, d.Data); err != nil {
		return "", fmt.Errorf("replay dead letter %d: %w", seq, err)
	}
	s, err := c.JS.Stream(ctx, event.StreamDeadLetter)
	if err != nil {
		return id, err
	}
	if err := s.DeleteMsg(ctx, seq); err != nil {
		return id, fmt.Errorf("replayed as %s, but removing dead letter %d: %w", id, seq, err)
	}
	return id, nil
}
