package site

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/gohugoio/hugo/common/herrors"

	"safeguard/internal/diag"
)

// translate turns an error returned by Hugo into diagnostics: one per joined
// error, at the file, line and column Hugo found, with the path relative to the
// source folder and the message without Go or Hugo noise. No stack trace ever
// reaches the user.
func translate(root string, err error) diag.List {
	var l diag.List
	for _, e := range herrors.Errors(err) {
		if e == nil {
			continue
		}
		if loggedErrors.MatchString(e.Error()) {
			continue // the logged errors themselves are reported from the log
		}
		fes := herrors.UnwrapFileErrorsWithErrorContext(e)
		if len(fes) == 0 {
			fes = herrors.UnwrapFileErrors(e)
		}
		if len(fes) == 0 {
			l.Errorf("", 0, 0, "hugo", "%s", relMessage(root, cleanMessage(e.Error())))
			continue
		}
		// The innermost error is the most precise one.
		fe := fes[len(fes)-1]
		pos := fe.Position()
		msg := e.Error()
		if u, ok := fe.(interface{ Unwrap() error }); ok && u.Unwrap() != nil {
			msg = u.Unwrap().Error()
		}
		file, line, col := pos.Filename, pos.LineNumber, pos.ColumnNumber
		if f, ln, c, ok := templatePosition(root, msg); ok {
			file, line, col = f, ln, c
		}
		l.Errorf(relPath(root, file), line, col, "hugo", "%s", relMessage(root, cleanMessage(msg)))
	}
	return l
}

// templateName finds Go's "template: name:line[:col]: " in a message.
var templateName = regexp.MustCompile(`template: ([^\s:"]+):(\d+)(?::(\d+))?: `)

// templatePosition returns the innermost template position named in msg when
// that template is a file in the source folder's layouts/ or the built-in
// theme's. Hugo reports a parse error in a template that fills a base template
// at the base template ("apply base template failed"); the template's own
// name and line are in the message and point at the real mistake.
func templatePosition(root string, msg string) (file string, line, col int, ok bool) {
	m := templateName.FindAllStringSubmatch(msg, -1)
	if len(m) == 0 {
		return "", 0, 0, false
	}
	last := m[len(m)-1]
	name := filepath.FromSlash(last[1])
	line, _ = strconv.Atoi(last[2])
	col, _ = strconv.Atoi(last[3])
	if !filepath.IsLocal(name) {
		return "", 0, 0, false
	}
	if fi, err := os.Stat(filepath.Join(root, "layouts", name)); err == nil && !fi.IsDir() {
		return filepath.Join(root, "layouts", name), line, col, true
	}
	if fi, err := fs.Stat(builtinTheme, path.Join("layouts", last[1])); err == nil && !fi.IsDir() {
		return filepath.Join(themesDir, themeName, "layouts", name), line, col, true
	}
	return "", 0, 0, false
}

var loggedErrors = regexp.MustCompile(`^logged \d+ error\(s\)$`)

// builtinSuffix marks paths inside the embedded theme: the user cannot open
// them in the source folder, so the message says where they come from.
const builtinSuffix = " (built-in theme)"

// relPath makes an absolute file name relative to the source folder, slash
// separated; files of the built-in theme get builtinSuffix.
func relPath(root, name string) string {
	if name == "" {
		return ""
	}
	theme := filepath.Join(themesDir, themeName) + string(filepath.Separator)
	if rest, ok := strings.CutPrefix(name, theme); ok {
		return filepath.ToSlash(rest) + builtinSuffix
	}
	if filepath.IsAbs(name) {
		if rel, err := filepath.Rel(root, name); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(name)
}

// relMessage rewrites absolute paths inside a message the same way.
func relMessage(root, msg string) string {
	theme := filepath.Join(themesDir, themeName) + string(filepath.Separator)
	msg = strings.ReplaceAll(msg, theme, "")
	if root != "" {
		msg = strings.ReplaceAll(msg, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator), "")
	}
	return msg
}

var (
	// "/abs/file.html:5:3": or file.html:5:3: prefixes that repeat the position.
	quotedPos = regexp.MustCompile(`"[^"\s]+:\d+:\d+": `)
	// Go's text/template prefix: template: name:5:3: executing "x" at <.Foo>:
	templatePrefix = regexp.MustCompile(`template: [^\s:]+(:\d+)*(:\d+)?: `)
	ansi           = regexp.MustCompile("\x1b\\[[0-9;]*m")
	// Go type names mean nothing to the people who write templates.
	goTypes = strings.NewReplacer(
		"in type *hugolib.pageState", "on a page",
		"in type page.Page", "on a page",
		"execute of template failed: ", "",
		"apply base template failed: ", "template syntax: ",
		"parse of template failed: ", "template syntax: ",
		"unexpected EOF", "the template ends too early (an {{ if }}, {{ range }}, {{ with }} or {{ define }} has no {{ end }})",
	)
)

// cleanMessage drops position prefixes (the diagnostic carries the position) and
// terminal colours, and keeps one line.
func cleanMessage(msg string) string {
	msg = ansi.ReplaceAllString(msg, "")
	msg = quotedPos.ReplaceAllString(msg, "")
	msg = templatePrefix.ReplaceAllString(msg, "")
	if before, _, ok := strings.Cut(msg, "; the current security configuration is:"); ok {
		msg = before + " (a safeguard build never fetches from the network, runs programs or reads the environment)"
	}
	msg = goTypes.Replace(msg)
	msg = strings.Join(strings.Fields(msg), " ")
	return msg
}
