// Package site builds the website from a validated content model with Hugo,
// used as a library. It is the only package of this module that imports
// github.com/gohugoio/hugo: Hugo's API is wide and changes between releases, so
// everything else talks to this package's small API instead.
//
// The Hugo configuration is built in Go from the model (HugoConfig); there is no
// hugo.toml on disk. The built-in theme (the embedded layouts/ and assets/) is
// mounted from memory as a Hugo theme so that a source folder's own layouts/ and
// assets/ override it. Hugo's errors, and the errors it only logs, become
// diagnostics with paths relative to the source folder. The template contract
// (site params and configuration the theme relies on) is docs/templates.md.
//
// There is one Hugo driver, the Session, as Hugo itself has one HugoSites
// for the hugo command and hugo server. For the preview it keeps one Hugo
// site: given each validated model and the file events that led to it, it
// decides between a full and an incremental build and returns the site in
// memory. Build is one full run of a Session whose publish file system is a
// folder on disk. Loading and checking the content, and the newsletter, are
// internal/publish's.
package site
