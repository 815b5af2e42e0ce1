// Package gen writes realistic, seeded safeguard source folders (site.yaml and
// content/ of every kind in docs/content-model.md) for benchmarks and scale
// tests: the same Options always give byte-identical files.
//
// The folders it writes pass content.Load with no errors on the day given by
// Options.Today, so benchmarks measure real builds rather than error paths.
//
// It only writes files, so the build and serve benchmarks can use it without
// linking what they measure.
package gen
