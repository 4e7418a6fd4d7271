package plugchain

import (
	"container/heap"
	"context"
	"sync"
	"time"
)

// activity counts the background work in progress (jobs, export flushes, scheduled runs) so
// WaitJobs and Close can wait for it.
type activity struct {
	mu   sync.Mutex
	busy int
	idle chan struct{} // closed while busy is zero
}

func newActivity() *activity {
	a := &activity{idle: make(chan struct{})}
	close(a.idle)
	return a
}

func (a *activity) start() {
	a.mu.Lock()
	if a.busy == 0 {
		a.idle = make(chan struct{})
	}
	a.busy++
	a.mu.Unlock()
}

func (a *activity) done() {
	a.mu.Lock()
	a.busy--
	if a.busy == 0 {
		close(a.idle)
	}
	a.mu.Unlock()
}

// wait returns when no work is in progress, or ctx's error when it ends first.
func (a *activity) wait(ctx context.Context) error {
	a.mu.Lock()
	idle := a.idle
	a.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// localQueue is the default JobQueue: jobs wait in memory until due, then run through
// Chain.RunJob on their own goroutines, at most maxRunning at a time.
type localQueue struct {
	c          *Chain
	maxRunning int

	mu      sync.Mutex
	jobs    jobHeap
	seq     uint64
	running int
	timer   Timer
	timerAt time.Time
	closed  bool
}

// localQueueWorkers bounds the jobs the default queue runs at once; each also needs an
// instance of its plugin config, so the pools bound them per config.
const localQueueWorkers = 64

func newLocalQueue(c *Chain) *localQueue {
	return &localQueue{c: c, maxRunning: localQueueWorkers}
}

type queuedJob struct {
	job Job
	seq uint64
}

type jobHeap []queuedJob

func (h jobHeap) Len() int { return len(h) }
func (h jobHeap) Less(i, j int) bool {
	if !h[i].job.RunAt.Equal(h[j].job.RunAt) {
		return h[i].job.RunAt.Before(h[j].job.RunAt)
	}
	return h[i].seq < h[j].seq
}
func (h jobHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *jobHeap) Push(x any)   { *h = append(*h, x.(queuedJob)) }
func (h *jobHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Enqueue implements JobQueue.
func (q *localQueue) Enqueue(_ context.Context, job Job) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	q.seq++
	heap.Push(&q.jobs, queuedJob{job: job, seq: q.seq})
	q.dispatchLocked()
	return nil
}

// dispatchLocked starts every due job there is room for and sets the timer for the next one.
func (q *localQueue) dispatchLocked() {
	if q.closed {
		return
	}
	now := q.c.opts.clock.Now()
	for q.jobs.Len() > 0 && q.running < q.maxRunning && !q.jobs[0].job.RunAt.After(now) {
		j := heap.Pop(&q.jobs).(queuedJob)
		q.running++
		q.c.activity.start()
		go q.run(j.job)
	}
	if q.jobs.Len() == 0 || q.running >= q.maxRunning {
		return
	}
	next := q.jobs[0].job.RunAt
	if q.timer != nil {
		if q.timerAt.Equal(next) {
			return
		}
		q.timer.Stop()
	}
	q.timerAt = next
	var t Timer
	// The callback takes q.mu, which is held until t is set.
	t = q.c.opts.clock.AfterFunc(next.Sub(now), func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		if q.timer == t {
			q.timer = nil
		}
		q.dispatchLocked()
	})
	q.timer = t
}

func (q *localQueue) run(job Job) {
	defer q.c.activity.done()
	// Errors have been reported to the host (error handler, log sink, status) by RunJob.
	_ = q.c.RunJob(q.c.bgCtx, job)
	q.mu.Lock()
	q.running--
	q.dispatchLocked()
	q.mu.Unlock()
}

// counts returns the jobs waiting and running.
func (q *localQueue) counts() (waiting, running int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.jobs.Len(), q.running
}

// close stops the queue and returns the jobs that had not started.
func (q *localQueue) close() []Job {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	if q.timer != nil {
		q.timer.Stop()
	}
	left := make([]Job, 0, q.jobs.Len())
	for q.jobs.Len() > 0 {
		left = append(left, heap.Pop(&q.jobs).(queuedJob).job)
	}
	return left
}
