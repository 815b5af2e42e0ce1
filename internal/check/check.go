package check

import (
	"io/fs"
	"time"

	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// Options fix what "today" is, so date rules are reproducible.
type Options struct {
	Today time.Time
}

// Source checks the validated model (placeholder: no rules yet).
func Source(s *content.Site, opts Options) diag.List { return nil }

// Output checks the built site in fsys (placeholder: no rules yet).
func Output(s *content.Site, fsys fs.FS, opts Options) diag.List { return nil }
