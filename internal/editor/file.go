package editor

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"safeguard/internal/archetype"
	"safeguard/internal/content"
)

// source is a page file cut into its parts, byte for byte.
type source struct {
	head     []byte     // everything before the front matter text: blank lines, BOM, the opening ---
	fm       []byte     // the front matter text
	close    []byte     // the closing --- line with its line ending
	body     []byte     // everything after it
	crlf     bool       // the file uses CRLF line endings
	doc      *yaml.Node // the front matter, parsed
	bodyLine int        // the line the body starts on
}

var errTOML = errors.New("this page's fields are written between +++ lines, which the editor cannot change: change it in a text editor")

// cut splits a page file. Only files whose first non-blank line is --- and
// that have a line --- after it can be edited.
func cut(b []byte) (*source, error) {
	s := &source{}
	off := 0
	line := 1
	for off < len(b) {
		end := bytes.IndexByte(b[off:], '\n')
		if end < 0 {
			end = len(b) - off
		} else {
			end++
		}
		l := strings.TrimRight(string(bytes.TrimPrefix(b[off:off+end], []byte("\ufeff"))), "\r\n")
		off += end
		if strings.TrimSpace(l) == "" {
			line++
			continue
		}
		switch l {
		case "---":
		case "+++":
			return nil, errTOML
		default:
			return nil, errors.New("this page does not start with its fields between --- lines, so the editor cannot change it: change it in a text editor")
		}
		s.crlf = bytes.HasSuffix(b[:off], []byte("\r\n"))
		break
	}
	s.head = b[:off]
	start := off
	for off < len(b) {
		line++
		end := bytes.IndexByte(b[off:], '\n')
		if end < 0 {
			end = len(b) - off
		} else {
			end++
		}
		l := strings.TrimRight(string(b[off:off+end]), "\r\n")
		if l == "---" {
			s.fm = b[start:off]
			s.close = b[off : off+end]
			s.body = b[off+end:]
			s.bodyLine = line + 1
			var doc yaml.Node
			if err := yaml.Unmarshal(s.fm, &doc); err != nil {
				return nil, errors.New("the page's fields cannot be read: fix them in a text editor first")
			}
			if doc.Kind == 0 {
				doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
			}
			if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
				return nil, errors.New("the page's fields are not a list of fields: fix them in a text editor first")
			}
			s.doc = &doc
			return s, nil
		}
		off += end
	}
	return nil, errors.New("the page's fields have no --- line after them: fix it in a text editor first")
}

// fields is the top-level mapping of the front matter.
func (s *source) fields() *yaml.Node { return s.doc.Content[0] }

// get returns the value node of key in mapping m, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// checkPath makes sure rel names a Markdown file inside content/, in real
// folders (no symbolic link on the way), and that the file, if it is there,
// is a regular file.
func checkPath(root, rel string) error {
	if rel != path.Clean(rel) || !strings.HasPrefix(rel, "content/") || !strings.HasSuffix(rel, ".md") || strings.Contains(rel, "\\") || strings.Contains(rel, "\x00") {
		return errors.New("that is not a page the editor can change")
	}
	// Every part of the name follows the one name rule, as the loader's.
	parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md"), "/")
	for i, p := range parts {
		if !content.ValidName(p) && !(i == len(parts)-1 && (p == "_index" || p == "index")) {
			return errors.New("that is not a page the editor can change")
		}
		if content.DeviceName(p) { // on Windows, a device: a save would go nowhere
			return errors.New("that is not a page the editor can change")
		}
	}
	if err := archetype.SafeDir(root, path.Dir(rel), false); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errors.New("this page is in a folder the editor does not change (a link to somewhere else)")
	}
	st, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return errors.New("this page is a link to somewhere else: the editor does not change it")
	}
	return nil
}

// writeAtomic replaces rel with data: a temporary file in the same folder,
// then a rename, so the watcher and readers never see half a file.
func writeAtomic(root, rel string, data []byte) error {
	if err := checkPath(root, rel); err != nil {
		return err
	}
	if err := archetype.SafeDir(root, path.Dir(rel), true); err != nil {
		return errors.New("the page's place on the site cannot be made (a link to somewhere else is in the way)")
	}
	name := filepath.Join(root, filepath.FromSlash(rel))
	mode := fs.FileMode(0o644)
	if st, err := os.Lstat(name); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".edit-*.tmp")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return err
	}
	done = true
	return nil
}
