package site

import (
	"path/filepath"
	"strings"

	"safeguard/internal/content"
	"safeguard/internal/regular"
)

// Files that are not Markdown: static/ is copied as it is, layouts/ and
// assets/ are read by Hugo, and page folders in content/ hold images and
// documents Hugo copies. The loader's input gate has looked at every one of
// them before Hugo runs (content.Inventory): only regular files are ever
// opened, a symbolic link in static/ leads to a regular file inside the
// source folder, no SVG, HTML or XML file could run script, and files never
// meant for readers are refused or skipped.

// staticFiles are what static/ publishes, from the model's inventory:
// folders and regular files, leftovers skipped.
func staticFiles(s *content.Site) []*content.File {
	var out []*content.File
	for _, f := range s.Files.Under("static") {
		if f.Type.IsDir() && !f.Skip || f.Regular() {
			out = append(out, f)
		}
	}
	return out
}

// readStaticFile reads one file static/ publishes and checks it again, so
// what is published is exactly what was checked, even when the file
// changed since the loader looked at it.
func readStaticFile(root string, f *content.File) ([]byte, string, error) {
	src := f.Source
	if src == "" {
		src = filepath.Join(root, filepath.FromSlash(f.Path))
	}
	data, err := regular.ReadFile(src)
	if err != nil {
		return nil, "", err
	}
	data = withoutMetadata(f.Path, data)
	if content.Audited(f.Path) {
		return data, content.ActiveContent(f.Path, data), nil
	}
	return data, "", nil
}

// staticRel is f's path under static/.
func staticRel(f *content.File) string { return strings.TrimPrefix(f.Path, "static/") }
