package publish

import (
	"testing"
	"time"

	"safeguard/internal/watch"
)

// TestIdleNext walks the pause policy on a fake clock: memory is freed at
// every pause, and a site due for recycling is recycled only once the writer
// has paused for recycleAfter, the timer armed for the rest before then.
func TestIdleNext(t *testing.T) {
	now := time.Unix(0, 0)
	clock := func() time.Time { return now }
	// Timers far in the future: the test reads the decisions, not the timer.
	i := newIdle(time.Hour, 3*time.Hour, clock)
	defer i.Stop()

	now = now.Add(time.Hour)
	if got := i.next(false); got != FreeMemory {
		t.Errorf("a pause with no recycle due: %v, want FreeMemory", got)
	}
	if got := i.next(true); got != FreeMemory {
		t.Errorf("a due recycle after 1h of 3h: %v, want FreeMemory", got)
	}
	now = now.Add(2 * time.Hour)
	if got := i.next(true); got != Recycle {
		t.Errorf("a due recycle after 3h: %v, want Recycle", got)
	}
	i.Busy() // a save: the pause starts again
	now = now.Add(time.Hour)
	if got := i.next(true); got != FreeMemory {
		t.Errorf("a due recycle 1h after a save: %v, want FreeMemory", got)
	}
	now = now.Add(2*time.Hour - time.Nanosecond)
	if got := i.next(true); got != FreeMemory {
		t.Errorf("a due recycle just before 3h: %v, want FreeMemory", got)
	}
}

// TestIdleRearms checks that the timer fires after a pause, and again when a
// recycle is due but the pause has not lasted long enough yet.
func TestIdleRearms(t *testing.T) {
	i := newIdle(time.Millisecond, 20*time.Millisecond, time.Now)
	defer i.Stop()
	wait := func(what string) {
		t.Helper()
		select {
		case <-i.C():
		case <-time.After(10 * time.Second):
			t.Fatalf("the timer did not fire %s", what)
		}
	}
	wait("after the first pause")
	start := time.Now()
	if got := i.next(true); got == FreeMemory {
		wait("for the rest of the recycle pause")
		if time.Since(start) < 10*time.Millisecond {
			t.Errorf("fired again after %v, before the recycle pause was over", time.Since(start))
		}
		if got := i.next(true); got != Recycle {
			t.Errorf("after the recycle pause: %v, want Recycle", got)
		}
	}
	i.Busy()
	wait("after a save's pause")
}

// TestPaused checks that a pause starts the served build's checks and frees
// only memory while the Hugo site is fresh.
func TestPaused(t *testing.T) {
	p, _ := newPreview(t)
	mustApply(t, p, watch.Batch{Full: true})
	i := newIdle(time.Hour, time.Hour, time.Now)
	defer i.Stop()
	if got := p.Paused(i); got != FreeMemory {
		t.Errorf("Paused = %v, want FreeMemory", got)
	}
	select {
	case r := <-p.Checks().Done():
		if _, ok := p.Checks().Result(r); !ok {
			t.Error("the check of the served build was dropped")
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("Paused started no check")
	}
}
