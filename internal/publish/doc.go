// Package publish is the one pipeline from content files to the website and
// the newsletter fragments. Pipeline owns the content loader, the content
// checks and the newsletter generator, and has two entry points, as Hugo's one
// builder serves both hugo and hugo server:
//
//   - Build loads and validates the content, checks it, builds the website
//     with Hugo into a staging folder while the fragments render, checks the
//     output, and only then replaces the destination folder. A build that
//     fails at any step leaves the previous output exactly as it was.
//   - Apply takes a batch of changed files (internal/watch) and returns the
//     preview's next in-memory snapshot, the site and the fragments in one
//     file map; a site.Session decides how much Hugo rebuilds. The snapshot's
//     content checks run when the writer pauses (Checks), one at a time, and
//     an out-of-date result is dropped.
//
// Both entry points, and Issues (safeguard newsletter's one issue), set up the
// checks and the newsletter in one place (Pipeline.work). The package ties the stages together and owns the staging
// folder and the swap; it does no parsing, rendering or checking of its own.
package publish
