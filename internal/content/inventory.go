package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"safeguard/internal/diag"
	"safeguard/internal/imagemeta"
	"safeguard/internal/parallel"
	"safeguard/internal/private"
	"safeguard/internal/regular"
)

// The input gate. Every file of the source folder that is not a page's
// Markdown (static/, layouts/, assets/ and the images and documents of
// content/) is looked at once, by the loader's walk, before anything else
// may open it: only regular files are ever opened (a named pipe would block
// whoever opens it, deaf to signals), a symbolic link in static/ is followed
// only to a regular file inside the source folder, SVG, HTML and XML files
// that could run script are refused (ActiveContent), images too large to
// process are refused before Hugo would decode them (imageOverLimit), and
// files never meant for readers are refused (secrets) or skipped
// (leftovers) as internal/private says. The verdicts go into the model as
// its Inventory, which the site build, the checks and the newsletter read
// instead of looking at the disk again.

// Rules of the input gate.
const (
	ruleGateFile   = "file"          // not a regular file, or a link that cannot be followed
	ruleUnsafeFile = "unsafe-file"   // could run script
	ruleImageSize  = "image-size"    // too large to process
	rulePrivate    = "never-publish" // a secret or a leftover
)

// gateDirs are the folders besides content/ whose files the gate looks at.
var gateDirs = []string{"static", "layouts", "assets"}

// File is one file (or a folder that stops the walk) of the inventory.
type File struct {
	Path string      // slash path from the source folder: "static/img/a.png"
	Type fs.FileMode // type bits as Lstat saw them: 0 for a regular file
	// Source is the file the bytes are read from on disk: the file itself,
	// or, for a symbolic link in static/, the regular file inside the source
	// folder it leads to. "" for a folder, or when the loader reads an fs.FS.
	Source  string
	Size    int64     // for images and audited files, as opened
	ModTime time.Time // for images and audited files, as opened
	// Image is the size and format of a PNG, JPEG, GIF or WebP file whose
	// header could be read; nil for other files.
	Image *ImageConfig
	// Skip says the file is a leftover (private.Leftover): never published.
	Skip bool

	problem     string // why the file stops the build; "" when it does not
	problemRule string
	warnings    []warning // what a writer should know about it (image-gps, image-animation)
}

// ImageConfig is what an image file's header says.
type ImageConfig struct {
	Width, Height int
	Format        string // "png", "jpeg", "gif" or "webp"
	// Swapped says the EXIF orientation turns a JPEG on its side (a photo
	// taken upright): shown, it is Height wide and Width high.
	Swapped bool
}

// Regular reports whether the file's bytes may be read and published: a
// regular file (or a link to one) that is neither a problem nor skipped.
func (f *File) Regular() bool {
	return f.problem == "" && !f.Skip && (f.Type.IsRegular() || f.Type&fs.ModeSymlink != 0)
}

// Inventory is the verdict of the input gate on every file of the source
// folder besides the pages' Markdown and site.yaml. It is never changed once
// handed out in a Site: a reload that changes it makes a new one.
type Inventory struct {
	files map[string]*File
}

// Lookup returns the file at the slash path p from the source folder, or nil.
func (inv *Inventory) Lookup(p string) *File {
	if inv == nil {
		return nil
	}
	return inv.files[p]
}

// Under returns the files and folders under the top folder dir ("static"),
// sorted by path.
func (inv *Inventory) Under(dir string) []*File {
	if inv == nil {
		return nil
	}
	var out []*File
	for p, f := range inv.files {
		if strings.HasPrefix(p, dir+"/") {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Len is the number of entries.
func (inv *Inventory) Len() int {
	if inv == nil {
		return 0
	}
	return len(inv.files)
}

// diags reports every file that stops the build, and the skipped leftovers
// once, as one warning.
func (inv *Inventory) diags() diag.List {
	var d diag.List
	var skipped []string
	for p, f := range inv.files {
		if f.problem != "" {
			d.Errorf(p, 0, 0, f.problemRule, "%s", f.problem)
		}
		for _, w := range f.warnings {
			d.Warnf(p, 0, 0, w.rule, "%s", w.msg)
		}
		if f.Skip {
			skipped = append(skipped, p)
		}
	}
	if len(skipped) > 0 {
		slices.Sort(skipped)
		list := skipped
		more := ""
		if len(list) > 10 {
			more = fmt.Sprintf(" and %d more", len(list)-10)
			list = list[:10]
		}
		d.Warnf("", 0, 0, rulePrivate, "%d %s not published: %s%s (hidden files and the files editors and operating systems leave behind are not part of the site; delete them if nobody needs them)",
			len(skipped), plural(len(skipped), "file is", "files are"), strings.Join(list, ", "), more)
	}
	return d
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

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

// classify records what internal/private says of the file or folder p
// (slash path from the source folder) in inv, and reports whether the walk
// must leave it alone: a secret (an error) or a leftover (skipped). A
// folder's verdict covers everything inside it, which is not walked.
func classify(inv map[string]*File, p string, typ fs.FileMode) bool {
	_, rel, _ := strings.Cut(p, "/") // private.Classify wants the path inside the published folder
	probe := rel
	if typ.IsDir() {
		probe = rel + "/-" // the folder's verdict is that of anything inside it
	}
	verdict, why := private.Classify(probe)
	switch verdict {
	case private.Secret:
		what := "this file"
		if typ.IsDir() {
			what = "this folder"
			why = strings.Replace(why, "it is inside ", "it is ", 1)
		}
		inv[p] = &File{Path: p, Type: typ.Type(), problemRule: rulePrivate,
			problem: what + " must never be published: " + why + " (move it out of the source folder; if it was ever published or shared, replace the keys or passwords it holds)"}
		return true
	case private.Leftover:
		if typ.IsDir() && !strings.HasPrefix(path.Base(p), ".") {
			return false // inside a hidden folder: the folder is the leftover
		}
		inv[p] = &File{Path: p, Type: typ.Type(), Skip: true}
		return true
	}
	return false
}

// gateWalk looks at one top folder (static/, layouts/ or assets/), which
// need not exist, and adds what it finds to inv; the files whose bytes are
// to be looked at are returned for inspect.
func (l *Loader) gateWalk(inv map[string]*File, top string) []*File {
	if _, err := fs.Stat(l.fsys, top); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return l.gateWalkAt(inv, top, top)
}

// gateEntry records the entry p (of type typ) under the top folder top and
// returns it when its bytes are to be looked at (inspect).
func (l *Loader) gateEntry(inv map[string]*File, p, top string, typ fs.FileMode) *File {
	if classify(inv, p, typ) {
		return nil
	}
	f := &File{Path: p, Type: typ.Type()}
	inv[p] = f
	if name := path.Base(p); DeviceName(name) {
		f.problemRule, f.problem = ruleGateFile, deviceProblem(name, "file")
		return nil
	}
	switch {
	case typ.IsDir():
		return nil
	case typ.IsRegular():
		if l.dir != "" {
			f.Source = filepath.Join(l.dir, filepath.FromSlash(p))
		}
	case typ&fs.ModeSymlink != 0 && top == "static":
		l.followLink(f)
		if f.problem != "" {
			return nil
		}
	case typ&fs.ModeSymlink != 0:
		f.problemRule, f.problem = ruleGateFile, fmt.Sprintf("this is a symbolic link, and links are not followed in %s/ (put a copy of the file here instead)", top)
		return nil
	default:
		verb := "read"
		if top == "static" {
			verb = "published"
		}
		f.problemRule, f.problem = ruleGateFile, fmt.Sprintf("this is %s, not a file: only regular files are %s (remove it from %s/)", kindOf(typ), verb, top)
		return nil
	}
	if top != "layouts" && (Audited(p) || imageExts[strings.ToLower(path.Ext(p))]) {
		return f
	}
	return nil
}

// followLink follows a symbolic link in static/: only to a regular file
// inside the source folder (a link out of it would publish whatever it
// leads to).
func (l *Loader) followLink(f *File) {
	f.problemRule = ruleGateFile
	if l.dir == "" {
		f.problem = "this is a symbolic link, which is not followed here (copy the file itself into static/)"
		return
	}
	root, err := filepath.EvalSymlinks(l.dir)
	if err != nil {
		root = l.dir
	}
	target, err := filepath.EvalSymlinks(filepath.Join(l.dir, filepath.FromSlash(f.Path)))
	if err != nil {
		f.problem = "this is a symbolic link to something that does not exist (copy the file itself into static/)"
		return
	}
	fi, err := os.Stat(target)
	rel, rerr := filepath.Rel(root, target)
	switch {
	case err != nil:
		f.problem = fmt.Sprintf("this symbolic link cannot be followed: %v (copy the file itself into static/)", err)
	case rerr != nil || !filepath.IsLocal(rel):
		f.problem = "this is a symbolic link to a file outside the source folder, which would publish it (copy the file into static/ if it should be published)"
	case fi.IsDir():
		f.problem = "this is a symbolic link to a folder (copy the folder into static/ instead)"
	case !fi.Mode().IsRegular():
		f.problem = fmt.Sprintf("this is a symbolic link to %s, not a file: only regular files are published (remove the link)", kindOf(fi.Mode()))
	default:
		f.Source, f.problemRule = target, ""
	}
}

// inspect opens the files that need a look at their bytes, on every core:
// SVG, HTML and XML files for script, images for their size.
func (l *Loader) inspect(files []*File) {
	parallel.Each(len(files), func(i int) { l.inspectFile(files[i]) })
}

func (l *Loader) inspectFile(f *File) {
	if Audited(f.Path) {
		data, info, err := l.readGated(f)
		if err != nil {
			f.problemRule, f.problem = ruleGateFile, fmt.Sprintf("cannot read this file: %v", pathlessErr(err))
			return
		}
		f.Size, f.ModTime = info.Size(), info.ModTime()
		if why := ActiveContent(f.Path, data); why != "" {
			f.problemRule, f.problem = ruleUnsafeFile, why
		}
		return
	}
	r, info, err := l.openGated(f)
	if err != nil {
		f.problemRule, f.problem = ruleGateFile, fmt.Sprintf("cannot read this file: %v", pathlessErr(err))
		return
	}
	defer r.Close()
	f.Size, f.ModTime = info.Size(), info.ModTime()
	// Only as much of the file as its header and metadata need is read (a
	// GIF's frames too, for how long it moves).
	head, _ := io.ReadAll(io.LimitReader(r, imageHeader))
	cfg, why := imageOverLimit(path.Base(f.Path), info.Size(), bytes.NewReader(head))
	f.Image = cfg
	if why != "" {
		f.problemRule, f.problem = ruleImageSize, why
		return
	}
	if cfg == nil {
		return
	}
	// A photo taken upright is stored on its side; the website's build turns
	// it first (render-image.html), so its copies are the other way round.
	cfg.Swapped = cfg.Format == "jpeg" && imagemeta.Read(head).Swapped()
	f.warnings = imageWarnings(path.Base(f.Path), cfg, head, func() []byte {
		rest, _ := io.ReadAll(r) // within MaxImageBytes
		return append(head, rest...)
	})
}

// readGated reads the regular file f whole and says what it was when opened.
func (l *Loader) readGated(f *File) ([]byte, fs.FileInfo, error) {
	r, info, err := l.openGated(f)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	return b, info, err
}

// openGated opens the regular file f, never anything else (a named pipe
// would block the open), and says what it was when opened.
func (l *Loader) openGated(f *File) (io.ReadCloser, fs.FileInfo, error) {
	var file interface {
		io.ReadCloser
		Stat() (fs.FileInfo, error)
	}
	if f.Source != "" {
		of, err := regular.Open(f.Source)
		if err != nil {
			return nil, nil, err
		}
		file = of
	} else {
		if st, err := fs.Lstat(l.fsys, f.Path); err != nil {
			return nil, nil, err
		} else if !st.Mode().IsRegular() {
			return nil, nil, &fs.PathError{Op: "open", Path: f.Path, Err: errNotRegular}
		}
		of, err := l.fsys.Open(f.Path)
		if err != nil {
			return nil, nil, err
		}
		file = of
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		file.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: f.Path, Err: errNotRegular}
	}
	return file, info, nil
}

// contentFile records a file of content/ that the walk accepted as a page's
// image or document; it returns the file when it is to be inspected.
func (l *Loader) contentFile(inv map[string]*File, p string) *File {
	f := &File{Path: p}
	if l.dir != "" {
		f.Source = filepath.Join(l.dir, filepath.FromSlash(p))
	}
	inv[p] = f
	if Audited(p) || imageExts[strings.ToLower(path.Ext(p))] {
		return f
	}
	return nil
}

// gate walks static/, layouts/ and assets/ into inv and inspects what it
// found there and in todo (content/'s files).
func (l *Loader) gate(inv map[string]*File, todo []*File) {
	for _, top := range gateDirs {
		todo = append(todo, l.gateWalk(inv, top)...)
	}
	l.inspect(todo)
}

// Gate runs the input gate on static/, layouts/ and assets/ of the source
// folder root alone, for a model made without the loader (the site's tests
// and benchmarks): Load runs it on every file.
func Gate(root string) (*Inventory, diag.List) {
	l := NewLoader(root, Options{})
	inv := map[string]*File{}
	l.gate(inv, nil)
	files := &Inventory{files: inv}
	return files, files.diags()
}

// regate brings the inventory up to date after changes to the paths
// changed (slash paths from the source folder, all under static/,
// layouts/ or assets/): it looks at those paths only, and walks only a
// folder that was created or changed. It returns a new inventory; last is
// not changed.
func (l *Loader) regate(last *Inventory, changed []string) *Inventory {
	if len(changed) == 0 {
		return last
	}
	inv := maps.Clone(last.files)
	var todo []*File
	for _, p := range changed {
		top, _, _ := strings.Cut(p, "/")
		if l.coveredAbove(inv, p) {
			continue // inside a folder that is skipped or refused as a whole
		}
		for q := range inv {
			if q == p || strings.HasPrefix(q, p+"/") {
				delete(inv, q)
			}
		}
		st, err := fs.Lstat(l.fsys, p)
		if err != nil {
			continue // gone
		}
		if p == top {
			todo = append(todo, l.gateWalk(inv, top)...)
			continue
		}
		if f := l.gateEntry(inv, p, top, st.Mode().Type()); f != nil {
			todo = append(todo, f)
		} else if st.IsDir() && inv[p] != nil && inv[p].problem == "" && !inv[p].Skip {
			todo = append(todo, l.gateWalkAt(inv, p, top)...)
		}
	}
	l.inspect(todo)
	return &Inventory{files: inv}
}

// gateWalkAt walks the folder dir inside the top folder top.
func (l *Loader) gateWalkAt(inv map[string]*File, dir, top string) (todo []*File) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		inv[dir] = &File{Path: dir, Type: fs.ModeDir, problemRule: ruleGateFile, problem: fmt.Sprintf("cannot read this folder: %v (check its permissions)", pathlessErr(err))}
		return nil
	}
	for _, e := range entries {
		p := dir + "/" + e.Name()
		if f := l.gateEntry(inv, p, top, e.Type()); f != nil {
			todo = append(todo, f)
		} else if e.IsDir() && inv[p] != nil && inv[p].problem == "" && !inv[p].Skip {
			todo = append(todo, l.gateWalkAt(inv, p, top)...)
		}
	}
	return todo
}

// coveredAbove reports whether a folder above p is in inv as refused or
// skipped: the walk does not go inside such a folder.
func (l *Loader) coveredAbove(inv map[string]*File, p string) bool {
	for dir := path.Dir(p); dir != "." && strings.Contains(dir, "/"); dir = path.Dir(dir) {
		if f := inv[dir]; f != nil && (f.problem != "" || f.Skip) {
			return true
		}
	}
	return false
}
