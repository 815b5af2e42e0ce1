// Package private says which files must never be published: secrets (private
// keys, .env files, a .git folder, password files), which are errors wherever
// they sit in a source folder, and hidden files and editor leftovers, which are
// skipped with a warning. The build's input gate and deploy (a second line of
// defence, for a file copied into the output folder by hand) both ask it, so
// the two can never disagree about what a reader may fetch.
package private
