// Package publish is the build pipeline: load and validate the content, check
// it, build the website with Hugo, add the newsletter fragments, check the
// output, and only then replace the destination folder. A build that fails at
// any step leaves the previous output exactly as it was.
//
// It ties the stages together and owns the staging folder and the swap; it
// does no parsing, rendering or checking of its own. It reaches Hugo only
// through internal/site and never imports fsnotify or cmd/safeguard (its row
// of the import policy in internal/arch).
package publish
