package publish

import "time"

// The preview's pause policy. Checks wait for a pause because they take
// longer than a rebuild on a large site; memory goes back to the system then
// because a preview runs for hours beside other programs; and a Hugo site due
// for recycling is replaced only after a longer pause, so that the full
// build it costs rarely delays a save.
const (
	freeAfter    = 2 * time.Second // the writer has paused: check, free memory
	recycleAfter = 5 * time.Second // paused long enough for a full rebuild
)

// Pause is what the preview's event loop does when the writer pauses.
type Pause int

const (
	// FreeMemory: hand the memory the rebuilds left behind back to the
	// system (debug.FreeOSMemory).
	FreeMemory Pause = iota
	// Recycle: rebuild on a fresh Hugo site (Pipeline.Recycle), then free
	// the old site's memory.
	Recycle
)

// Idle tells the preview's event loop when the writer has paused. Busy
// restarts it after every applied batch; when C fires, the loop calls
// Pipeline.Paused and does what it returns. Only the event loop uses it.
type Idle struct {
	timer        *time.Timer
	since        time.Time // the last Busy
	now          func() time.Time
	freeAfter    time.Duration
	recycleAfter time.Duration
}

// NewIdle returns an Idle that fires after the first pause too: the first
// build's check leaves garbage as well.
func NewIdle() *Idle { return newIdle(freeAfter, recycleAfter, time.Now) }

func newIdle(free, recycle time.Duration, now func() time.Time) *Idle {
	return &Idle{timer: time.NewTimer(free), since: now(), now: now, freeAfter: free, recycleAfter: recycle}
}

// C fires when the writer has paused.
func (i *Idle) C() <-chan time.Time { return i.timer.C }

// Busy records that a batch was just applied: the pause starts again.
func (i *Idle) Busy() {
	i.since = i.now()
	i.timer.Reset(i.freeAfter)
}

// Stop stops the timer.
func (i *Idle) Stop() { i.timer.Stop() }

// next decides what a pause does: recycle only when the site is due and the
// writer has paused for recycleAfter; a due site seen earlier arms the timer
// for the rest of that time.
func (i *Idle) next(recycleDue bool) Pause {
	if !recycleDue {
		return FreeMemory
	}
	if paused := i.now().Sub(i.since); paused < i.recycleAfter {
		i.timer.Reset(i.recycleAfter - paused)
		return FreeMemory
	}
	return Recycle
}

// Paused is what the event loop calls when i.C fires: it starts the served
// build's checks (the content and output rules, as build runs them) and says
// whether the Hugo site should be recycled now or only memory freed.
func (p *Pipeline) Paused(i *Idle) Pause {
	p.checks.Idle()
	return i.next(p.RecycleDue())
}
