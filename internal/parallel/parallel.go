// Package parallel runs independent pieces of work on every core: loading,
// checking and the newsletter each do the same over thousands of pages, and
// one loop serves them all.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) once for every i in [0, n), on up to GOMAXPROCS goroutines
// (the caller's among them), handing out the indexes in order so the early
// items finish first; it returns when every call has returned. Calls run
// concurrently: f must only touch what belongs to i, or lock.
func Each(n int, f func(i int)) {
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			f(i)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}
