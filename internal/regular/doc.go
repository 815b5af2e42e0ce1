// Package regular opens and reads only regular files: never through a final
// symbolic link, and never waiting on a named pipe or a device. Every reader
// of files the project does not write itself (the static files Hugo
// publishes, the built site a deploy uploads) goes through it, so the rule
// "only regular files are opened" is kept in one place. The content loader
// keeps its own, faster reader on Linux (internal/content/read_linux.go),
// with the same rule.
package regular
