// Command sgbench measures `safeguard build` against the plain `hugo` command of
// the same Hugo version, on the same generated content and the same templates:
//
//	go run ./cmd/sgbench -sizes 1000,10000,50000 -runs 3
//
// For each size it writes a seeded site (internal/gen) into a temporary folder,
// copies the repository's layouts/ and assets/ into it, gives hugo the
// configuration safeguard itself uses (site.HugoConfig, as JSON), runs the two
// builds alternately, and prints median wall time, peak memory (the child's
// ru_maxrss), their ratios, pages per second and safeguard's own stage times
// from `safeguard build --timings`, then whether the targets are met.
//
// It is a program, not a test: speed is never asserted in the test run. The
// smoke test builds a 100-article site once with each tool so it cannot rot.
// It takes that configuration from internal/site, and the build it
// measures from internal/publish.
package main
