// Package devserver serves the preview of a site over HTTP while it is being
// edited: every response comes from one immutable snapshot of a build, open
// pages reload themselves when a new build is published, and the problems of
// a failed rebuild are shown over every page while the last good build is
// still served.
//
// The live-reload script and the problems overlay are added to HTML responses
// as they are served and never to anything written to disk: published output
// does not pass through this package.
package devserver
