package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/crawler"
	"github.com/dra-archive/dra/event"
	"github.com/dra-archive/dra/internal/bus"
	"github.com/dra-archive/dra/internal/warcstore"
)

func init() { register(archiveCmd) }

func archiveCmd(rs *rootState) *cobra.Command {
	o := &options{rs: rs}
	cmd := &cobra.Command{
		Use:   "archive",
		Short: "Read the WARC archive of fetched pages, and move local WARC files into the shared archive",
		Args:  cobra.NoArgs,
	}
	var headers bool
	var sourcesFile string
	get := &cobra.Command{
		Use:   "get ARTICLE_ID",
		Short: "Print the archived original of an article, byte for byte as the portal sent it",
		Long: `Print the body of the latest archived 200 response of an article, byte for byte (in
the portal's own charset), from any node. With --nats-url the record is found in the
crawl state bucket (KV ` + crawler.StateBucket + `) and read from wherever it is: the
JetStream object store (nats-os://), S3-compatible storage (s3://, reached with
--s3-endpoint), this node's local WARC files, or their copies moved in by
"dra archive migrate". Without --nats-url the local WARC files under <data-dir>/warc
(or --archive file:///DIR) are scanned; the scan knows the article IDs of pages
fetched at a source's aliases from --sources.`,
		Example: `  dra archive get --nats-url nats://127.0.0.1:4222 599fa1669ce0fd2f8df34ddb7428edde > original.html
  dra archive get --nats-url nats://127.0.0.1:4222 --headers 599fa1669ce0fd2f8df34ddb7428edde
  dra archive get --data-dir data 599fa1669ce0fd2f8df34ddb7428edde    # scan local files`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			id := args[0]
			var srcs []crawler.Source
			if o.natsURL == "" { // only the scan needs them
				var err error
				if srcs, err = loadSources(sourcesFile); err != nil {
					return err
				}
			}
			var js jetstream.JetStream
			if o.natsURL != "" {
				nc, err := nats.Connect(o.natsURL, nats.Name("dra-archive"))
				if err != nil {
					return fmt.Errorf("nats at %s: %w", o.natsURL, err)
				}
				defer nc.Close()
				if js, err = jetstream.New(nc); err != nil {
					return err
				}
			}
			ref, err := o.findArchived(ctx, js, id, srcs)
			if err != nil {
				return err
			}
			h, body, err := crawler.ReadArchivedFrom(ctx, o.archiveReader(ctx, js), ref)
			if err != nil {
				return err
			}
			if headers {
				if err := h.Write(cmd.ErrOrStderr()); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "\n(record %s in %s at offset %d)\n", ref.RecordID, ref.File, ref.Offset)
			}
			_, err = cmd.OutOrStdout().Write(body)
			return err
		},
	}
	get.Flags().BoolVar(&headers, "headers", false, "also print the archived HTTP headers and the record to stderr")
	get.Flags().StringVar(&sourcesFile, "sources", env(EnvSources, ""), "sources YAML file whose hosts and aliases identify articles in the WARC scan (env "+EnvSources+")")
	get.Flags().StringVar(&o.natsURL, "nats-url", env(EnvNATSURL, ""), "NATS server URL to look the record up in the state bucket and read the object store; empty scans the local WARC files (env "+EnvNATSURL+")")
	cmd.PersistentFlags().StringVar(&o.dataDir, "data-dir", env(EnvDataDir, "data"), "data directory holding warc/ (env "+EnvDataDir+")")
	o.bindArchive(cmd, true)
	cmd.AddCommand(get, migrateCmd(o))
	return cmd
}

func migrateCmd(o *options) *cobra.Command {
	var from string
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Move the local WARC files of this node into the shared archive (--archive)",
		Long: `Copy every record of the local WARC files (<data-dir>/warc, or --from) into the
--archive store, one object per record under legacy/<file>/<offset>, so the articles
archived on this node's disk are readable from every node: a reference to a local file
and offset, in the crawl state or the search store, is read from that object when the
file is not on the reading node's disk. Every record's digests are checked first.

It is idempotent and resumable: a record already there (same size) is not sent again,
and a file whose every record is there is marked done (legacy/<file>/done) and skipped
on the next run. A file modified in the last minute (still being written) is copied but
not marked done. Progress goes to stderr; the local files are left in place, to remove
once the migration has run without errors.`,
		Example: `  dra archive migrate --nats-url nats://127.0.0.1:4222 --data-dir data
  dra archive migrate --archive s3://dra-warc --s3-endpoint https://s3.example.org --from /srv/old/warc`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signalContext(o.log())
			defer stop()
			t, err := o.archiveTarget()
			if err != nil {
				return err
			}
			if t.Scheme == warcstore.SchemeFile {
				return usageError(errors.New("--archive is file://: migrate moves local files into a shared store (nats-os:// or s3://)"))
			}
			var js jetstream.JetStream
			if t.Scheme == warcstore.SchemeNATS {
				if o.natsURL == "" {
					return usageError(errors.New("--archive nats-os:// needs --nats-url"))
				}
				conn, closeBus, err := o.openBus(ctx, "dra-archive-migrate", nil)
				if err != nil {
					return err
				}
				defer closeBus()
				js = conn.JS
			}
			var store warcstore.Store
			sctx, cancel := context.WithTimeout(ctx, natsSetupWait)
			err = bus.Retry(sctx, o.log(), "archive "+o.archiveURL, func(ctx context.Context) (err error) {
				store, err = warcstore.Open(ctx, t, js, o.replicas, o.s3Config())
				return err
			})
			cancel()
			if err != nil {
				return err
			}
			dir := from
			if dir == "" {
				dir = filepath.Join(o.dataDir, "warc")
			}
			return migrate(ctx, store, t, dir, cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "directory of the WARC files to move in (default <data-dir>/warc)")
	cmd.Flags().StringVar(&o.natsURL, "nats-url", env(EnvNATSURL, ""), "NATS server URL, for a nats-os:// archive (env "+EnvNATSURL+")")
	cmd.Flags().IntVar(&o.replicas, "replicas", envInt(EnvReplicas, 1), "replicas of the object store bucket when it is created (env "+EnvReplicas+")")
	return cmd
}

// migrateStats counts what a migration did.
type migrateStats struct {
	files, done, skippedFiles, failedFiles int
	records, sent, present                 int
	bytes                                  int64
}

// migrate copies every record of the WARC files in dir into store, one
// object per record (warcstore.LegacyKey), and marks each file done once
// all its records are there.
func migrate(ctx context.Context, store warcstore.Store, t warcstore.Target, dir string, progress io.Writer) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(progress, "migrate: no WARC files in %s\n", dir)
		return nil
	}
	sort.Strings(files)
	var st migrateStats
	var errs []error
	start := time.Now()
	for i, path := range files {
		if ctx.Err() != nil {
			errs = append(errs, fmt.Errorf("interrupted before %s: run again to resume", filepath.Base(path)))
			break
		}
		name := filepath.Base(path)
		st.files++
		if _, err := store.Size(ctx, t.Key(warcstore.LegacyDoneKey(name))); err == nil {
			st.skippedFiles++
			fmt.Fprintf(progress, "migrate: [%d/%d] %s: already migrated\n", i+1, len(files), name)
			continue
		} else if !errors.Is(err, warcstore.ErrNotFound) {
			return err
		}
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		var n, sent int
		err = crawler.SplitWARC(path, func(off int64, member []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			key := t.Key(warcstore.LegacyKey(name, off))
			n++
			if size, err := store.Size(ctx, key); err == nil && size == int64(len(member)) {
				st.present++
				return nil
			} else if err != nil && !errors.Is(err, warcstore.ErrNotFound) {
				return err
			}
			if err := bus.Retry(ctx, nil, "put "+key, func(ctx context.Context) error { return store.Put(ctx, key, member) }); err != nil {
				return err
			}
			sent++
			st.bytes += int64(len(member))
			if sent%1000 == 0 {
				fmt.Fprintf(progress, "migrate: [%d/%d] %s: %d records sent\n", i+1, len(files), name, sent)
			}
			return nil
		})
		st.records += n
		st.sent += sent
		if err != nil {
			st.failedFiles++
			errs = append(errs, fmt.Errorf("%s: %w (the %d records before it are migrated)", name, err, n))
			fmt.Fprintf(progress, "migrate: [%d/%d] %s: %d records, %d sent; stopped: %v\n", i+1, len(files), name, n, sent, err)
			continue
		}
		if time.Since(info.ModTime()) < time.Minute {
			fmt.Fprintf(progress, "migrate: [%d/%d] %s: %d records, %d sent; written to a minute ago, not marked done\n", i+1, len(files), name, n, sent)
			continue
		}
		if err := store.Put(ctx, t.Key(warcstore.LegacyDoneKey(name)), []byte(strconv.Itoa(n)+" records\n")); err != nil {
			return err
		}
		st.done++
		fmt.Fprintf(progress, "migrate: [%d/%d] %s: %d records, %d sent, done\n", i+1, len(files), name, n, sent)
	}
	fmt.Fprintf(progress, "migrate: %d files (%d done now, %d already, %d failed), %d records (%d sent, %d already there), %d bytes in %s to %s\n",
		st.files, st.done, st.skippedFiles, st.failedFiles, st.records, st.sent, st.present, st.bytes, time.Since(start).Round(time.Millisecond), store.URI(t.Key("legacy/")))
	return errors.Join(errs...)
}

func (o *options) findArchived(ctx context.Context, js jetstream.JetStream, id string, srcs []crawler.Source) (event.WARCRef, error) {
	if js == nil {
		return crawler.FindArchived(o.warcDir(), id, srcs...)
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	// Right after a node is lost the state bucket may not answer until its
	// stream has a leader again: the lookup is retried like a set-up call,
	// but an answer that the article or the bucket is not there is final.
	var p crawler.PageState
	var final error
	err := bus.Retry(cctx, o.log(), "crawl state of "+id, func(ctx context.Context) error {
		state, err := crawler.ExistingState(ctx, js)
		if err == nil {
			p, err = state.Article(ctx, id)
		}
		if errors.Is(err, crawler.ErrNotArchived) || errors.Is(err, jetstream.ErrBucketNotFound) {
			final, err = err, nil
		}
		return err
	})
	if err = errors.Join(err, final); err != nil {
		return event.WARCRef{}, err
	}
	if p.WARC == nil {
		return event.WARCRef{}, fmt.Errorf("article %s: %w", id, errors.Join(crawler.ErrNotArchived, errors.New("no WARC record (fetched without an archive)")))
	}
	return *p.WARC, nil
}
