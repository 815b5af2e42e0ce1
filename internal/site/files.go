package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"safeguard/internal/check"
	"safeguard/internal/diag"
	"safeguard/internal/regular"
)

// Files that are not Markdown: static/ is copied as it is, layouts/ and
// assets/ are read by Hugo, and page folders in content/ hold images and
// documents Hugo copies. Before Hugo opens any of them, every entry of the
// first three is
// looked at with Lstat: only regular files are ever opened (a named pipe
// would block the build in open, deaf to signals), a symbolic link in
// static/ is followed only to a regular file inside the source folder, and
// SVG, HTML and XML files that could run script are refused with their path
// (check.ActiveContent says why and what to do).

// kindOf names a file type for a message.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	}
	return "a special file"
}

// staticEntry is one thing static/ publishes: a folder, or a file read
// from src (the file itself, or the regular file a link leads to).
type staticEntry struct {
	rel string // slash path under static/
	src string // where the bytes are read from
	dir bool
}

// sourceFiles looks at static/, layouts/ and assets/ without opening
// anything but regular files. It returns what static/ publishes and a
// diagnostic for every entry that cannot be published. (The SVG and HTML
// files of page folders are checked with the content, in package check,
// which walks those folders anyway; named pipes in content/ are the
// loader's.)
func sourceFiles(root string) ([]staticEntry, diag.List) {
	var diags diag.List
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		realRoot = root
	}
	var static []staticEntry
	walk(root, "static", func(rel, p string, d fs.DirEntry) {
		switch {
		case d.IsDir():
			static = append(static, staticEntry{rel: rel, dir: true})
		case d.Type().IsRegular():
			static = append(static, staticEntry{rel: rel, src: p})
			if check.Audited(rel) {
				audit(&diags, rel, p) // copyStatic checks the bytes it copies again
			}
		case d.Type()&fs.ModeSymlink != 0:
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				diags.Errorf(rel, 0, 0, "file", "this is a symbolic link to something that does not exist (copy the file itself into static/)")
				return
			}
			fi, err := os.Stat(target)
			switch {
			case err != nil:
				diags.Errorf(rel, 0, 0, "file", "this symbolic link cannot be followed: %v (copy the file itself into static/)", err)
			case !inside(realRoot, target):
				diags.Errorf(rel, 0, 0, "file", "this is a symbolic link to a file outside the source folder, which would publish it (copy the file into static/ if it should be published)")
			case fi.IsDir():
				diags.Errorf(rel, 0, 0, "file", "this is a symbolic link to a folder (copy the folder into static/ instead)")
			case !fi.Mode().IsRegular():
				diags.Errorf(rel, 0, 0, "file", "this is a symbolic link to %s, not a file: only regular files are published (remove the link)", kindOf(fi.Mode()))
			default:
				static = append(static, staticEntry{rel: rel, src: target})
				if check.Audited(rel) {
					audit(&diags, rel, target)
				}
			}
		default:
			diags.Errorf(rel, 0, 0, "file", "this is %s, not a file: only regular files are published (remove it from static/)", kindOf(d.Type()))
		}
	})
	for _, dir := range []string{"layouts", "assets"} {
		walk(root, dir, func(rel, p string, d fs.DirEntry) {
			switch {
			case d.IsDir():
			case d.Type().IsRegular():
				if dir == "assets" && check.Audited(rel) {
					audit(&diags, rel, p)
				}
			case d.Type()&fs.ModeSymlink != 0:
				diags.Errorf(rel, 0, 0, "file", "this is a symbolic link, and links are not followed in %s/ (put a copy of the file here instead)", dir)
			default:
				diags.Errorf(rel, 0, 0, "file", "this is %s, not a file: only regular files are read (remove it from %s/)", kindOf(d.Type()), dir)
			}
		})
	}
	return static, diags
}

// audit reads one SVG, HTML or XML file and reports what in it could run
// script.
func audit(diags *diag.List, rel, p string) {
	data, err := regular.ReadFile(p)
	if err != nil {
		diags.Errorf(rel, 0, 0, "file", "cannot read this file: %v", errors.Unwrap(err))
		return
	}
	if why := check.ActiveContent(rel, data); why != "" {
		diags.Errorf(rel, 0, 0, "file", "%s", why)
	}
}

// walk calls fn for every entry under root/dir (not dir itself), with its
// slash path relative to root; entries are looked at with Lstat only.
func walk(root, dir string, fn func(rel, p string, d fs.DirEntry)) {
	base := filepath.Join(root, dir)
	_ = filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == base {
			return nil
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return nil
		}
		fn(filepath.ToSlash(rel), p, d)
		return nil
	})
}

// inside reports whether path is dir or inside it.
func inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// readStaticFile reads one file static/ publishes and checks it again, so
// what is published is exactly what was checked; an image loses its
// metadata (images.go).
func readStaticFile(e staticEntry) ([]byte, string, error) {
	data, err := regular.ReadFile(e.src)
	if err != nil {
		return nil, "", err
	}
	data = withoutMetadata(e.rel, data)
	if check.Audited(e.rel) {
		return data, check.ActiveContent(e.rel, data), nil
	}
	return data, "", nil
}

// staticRel is e's path under static/.
func staticRel(e staticEntry) string { return strings.TrimPrefix(e.rel, "static/") }
