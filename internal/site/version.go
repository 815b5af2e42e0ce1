package site

import "github.com/gohugoio/hugo/common/hugo"

// HugoVersion is the version of the Hugo library linked in, e.g. "v0.165.0",
// for `safeguard version`.
func HugoVersion() string { return "v" + hugo.CurrentVersion.String() }
