// Package safeguard holds the built-in theme: the layouts/, assets/ and i18n/ folders at
// the module root, embedded in the binary so that `safeguard build -s folder`
// works on a folder holding only content/. internal/site mounts it as a Hugo
// theme, so a source folder's own layouts/ and assets/ override it file by file.
//
// This package holds files only.
package safeguard

import "embed"

// Theme is the built-in theme: paths start with "layouts/", "assets/" or
// "i18n/" (the site's own words in each language, Hugo's i18n files). The
// all: prefix keeps files whose names start with "." or "_" (such as
// _partials/ and _shortcodes/), which Hugo's layout folders use.
//
//go:embed all:layouts all:assets i18n
var Theme embed.FS
