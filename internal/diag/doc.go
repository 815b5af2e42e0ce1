// Package diag holds the diagnostics every command prints: a position in a file,
// a severity, a rule name and a plain-words message that says how to fix it.
//
// Every stage (content loading, checks, the Hugo build, newsletter fragments)
// reports through this one type so that output is uniform, sortable and
// machine-readable (path:line:col: severity: message).
package diag
