// Package editor is the page editor of safeguard serve: a form for each
// page built from content.Schema (the loader's own field table), saved only
// when the loader and the checks of safeguard build accept the file, or as a
// draft. It edits the YAML front matter as a node tree, so comments and the
// order of fields survive, and writes files atomically, inside content/ only.
// Every form carries the version of the file it was opened from; a save from
// an older version never overwrites (the conflict page asks the writer), and
// one lock covers each check of the version and the write that follows.
// Everything it shows a writer is in their words (words.go): field labels,
// page titles, no file names.
//
// Every request must pass the preview's Host check (devserver.HostAllowed);
// every writing request must also come from the same origin and carry the
// session's token.
package editor
