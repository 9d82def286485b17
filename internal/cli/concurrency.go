package cli

import (
	"cmp"

	"github.com/spf13/cobra"

	"github.com/dra-archive/dra/indexer"
	"github.com/dra-archive/dra/processor"
)

// Environment variables of the concurrency settings.
const (
	EnvProcesses          = "DRA_PROCESSES"
	EnvMaxJobsInFlight    = "DRA_MAX_JOBS_IN_FLIGHT"
	EnvProcessBatch       = "DRA_PROCESS_BATCH"
	EnvProcessMaxPending  = "DRA_PROCESS_MAX_PENDING"
	EnvIndexBatch         = "DRA_INDEX_BATCH"
	EnvIndexMaxPending    = "DRA_INDEX_MAX_PENDING"
	EnvIndexConcurrency   = "DRA_INDEX_CONCURRENCY"
	defaultMaxJobs        = 256
	pendingBatchesPerProc = 4
)

// concurrency are the stages' concurrency settings. A zero limit is
// derived from the batch and the number of processes of the stage
// (--processes), so a fleet of N processes keeps N of them busy; the
// consumers are shared, so every process of a stage should be given the
// same values (the last one to start sets the consumer's limit).
type concurrency struct {
	processes      int // processes of this stage in the deployment
	maxJobs        int // crawl jobs in flight across the fleet
	processWorkers int // pages one processor extracts at once (0: processor.DefaultWorkers)
	processBatch   int // 0: processor.DefaultBatch
	processPending int
	indexBatch     int
	indexPending   int
	indexConc      int // bulk writes in flight per indexer process
}

func (c concurrency) procs() int { return max(c.processes, 1) }

// jobs is the crawl jobs in flight across the fleet: default the larger of
// 256 and twice the jobs every worker process crawls at once.
func (c concurrency) jobs(workers int) int {
	if c.maxJobs > 0 {
		return c.maxJobs
	}
	return max(defaultMaxJobs, 2*max(workers, 1)*c.procs())
}

// pending is a stage's limit of delivered and unacked messages: default
// four batches (at least 64 messages each) per process.
func (c concurrency) pending(set, batch int) int {
	if set > 0 {
		return set
	}
	return pendingBatchesPerProc * max(batch, 64) * c.procs()
}

func (c concurrency) processorWorkers() int {
	return cmp.Or(max(c.processWorkers, 0), processor.DefaultWorkers())
}

func (c concurrency) processorBatch() int {
	return cmp.Or(max(c.processBatch, 0), processor.DefaultBatch(c.processorWorkers()))
}

func (c concurrency) processorPending() int {
	return c.pending(c.processPending, c.processorBatch())
}

func (c concurrency) indexerOptions() []indexer.Option {
	batch := cmp.Or(max(c.indexBatch, 0), indexer.DefaultBatch)
	conc := cmp.Or(max(c.indexConc, 0), indexer.DefaultConcurrency)
	pending := c.indexPending
	if pending <= 0 {
		// Every batch in flight, and as many again waiting to be fetched.
		pending = max(c.pending(0, batch), 2*conc*batch*c.procs())
	}
	return []indexer.Option{indexer.WithBatch(batch), indexer.WithConcurrency(conc), indexer.WithMaxPending(pending)}
}

// bindConcurrency adds the concurrency flags of the stages a command runs.
func bindConcurrency(cmd *cobra.Command, c *concurrency, crawl, process, index bool) {
	f := cmd.Flags()
	f.IntVar(&c.processes, "processes", envInt(EnvProcesses, 1), "processes of this stage in the deployment; the defaults of the in-flight limits scale with it (env "+EnvProcesses+")")
	if crawl {
		f.IntVar(&c.maxJobs, "max-jobs-in-flight", envInt(EnvMaxJobsInFlight, 0), "crawl jobs being crawled across every worker process; 0: the larger of 256 and 2 × --workers × --processes (env "+EnvMaxJobsInFlight+")")
	}
	if process {
		f.IntVar(&c.processWorkers, "process-workers", processor.DefaultWorkers(), "pages the processor extracts at once, 4 per CPU by default; 1 handles one message at a time, with a synchronous publish each")
		f.IntVar(&c.processBatch, "process-batch", envInt(EnvProcessBatch, 0), "fetched articles the processor takes at once; 0: 16 per --process-workers, at most 128 (8 with one worker) (env "+EnvProcessBatch+")")
		f.IntVar(&c.processPending, "process-max-pending", envInt(EnvProcessMaxPending, 0), "fetched articles delivered and not yet processed across every processor process; 0: 4 × max(batch, 64) × --processes (env "+EnvProcessMaxPending+")")
	}
	if index {
		f.IntVar(&c.indexBatch, "index-batch", envInt(EnvIndexBatch, indexer.DefaultBatch), "articles per bulk write of the indexer (env "+EnvIndexBatch+")")
		f.IntVar(&c.indexConc, "index-concurrency", envInt(EnvIndexConcurrency, indexer.DefaultConcurrency), "bulk writes one indexer process has in flight at once (env "+EnvIndexConcurrency+")")
		f.IntVar(&c.indexPending, "index-max-pending", envInt(EnvIndexMaxPending, 0), "processed articles delivered and not yet written across every indexer process; 0: the larger of 4 × max(batch, 64) and 2 × batch × --index-concurrency, times --processes (env "+EnvIndexMaxPending+")")
	}
}
