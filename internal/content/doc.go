// Package content is the content model: it reads the site file and every
// Markdown file under content/, checks them against the typed front matter of
// their section (docs/content-model.md), and returns a validated Site.
//
// Load returns a Site only when there are no errors, so nothing downstream ever
// handles half-checked input. Every problem in every file is collected, with a
// line, a column and the fix in plain words. A Loader keeps each Markdown
// file's parse while its size and modification time are unchanged, so the
// preview server can load again after every save; checks across files (contact
// references, duplicate addresses, newsletter order) run on every load.
//
// Front matter is split from the body by one strict rule (frontmatter.go:
// exactly --- or +++ lines; every line another reader could take for a
// boundary is refused), read as YAML node trees (go.yaml.in/yaml/v3) or TOML (github.com/BurntSushi/toml),
// so that every field has a position; UK phone numbers are checked with
// github.com/nyaruka/phonenumbers. The website builder is given each page
// with its front matter written again from the checked fields (Page.Served),
// never the writer's own. Pages and site.yaml over 1 MB, nesting over 50
// levels, and control characters are refused before any parser sees them,
// and only regular files are opened. The loader's walk is also the input
// gate of every other file (inventory.go): static/, layouts/, assets/ and
// the images and documents of content/, each with its verdict, which the
// build, the preview, the checks and the newsletter read instead of the disk.
// It knows nothing of Hugo or file watching, so it stays quick to build, test
// and fuzz.
package content
