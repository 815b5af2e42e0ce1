// Package watch turns file system events under a source folder into debounced
// batches of changes, so that an editor's save (often several events: write a
// temporary file, rename it, change its mode) causes one rebuild, soon after.
//
// It watches content/, layouts/, assets/, static/ and site.yaml, follows folders
// as they are created and dropped, and ignores editor temporary files.
//
// This is the only package that imports github.com/fsnotify/fsnotify.
package watch
