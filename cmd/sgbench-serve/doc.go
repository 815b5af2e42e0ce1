// Command sgbench-serve measures the live preview: how long after a save the
// rebuilt page is served, by `safeguard serve` and by `hugo server` of the
// same Hugo version on the same generated content, templates and Hugo
// configuration (site.HugoConfig, as JSON), and how much memory the server
// holds after the first build and after many rebuilds.
//
// It is a program, not part of the test run:
//
//	go run ./cmd/sgbench-serve                       # 1,000 and 10,000 articles
//	go run ./cmd/sgbench-serve -sizes 1000 -edits 20 # quicker
//
// It generates the sites with internal/gen, builds both binaries into a
// temporary folder, starts each server on 127.0.0.1, edits one article at a
// time (appending a unique sentence) and polls the article's address until
// the sentence is served.
package main
