package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic stops publishing (Error) or only informs (Warning).
type Severity int

const (
	// Error blocks build and publish; commands exit 1.
	Error Severity = iota
	// Warning is printed but does not change the exit code (unless --strict).
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText lets JSON output say "error" or "warning" rather than a number.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Class says whose a problem is, and so the exit status: the content's
// (fix the files named: exit 1), or the machine's or the tool's, with
// nothing to fix in the content (exit 3).
type Class int

const (
	// Content is a problem in the source folder (the zero value).
	Content Class = iota
	// System is a failure of the machine: a folder or file that cannot be
	// created or written, a disk or network failure.
	System
	// Internal is a bug in safeguard, such as a panic inside Hugo.
	Internal
)

func (c Class) String() string {
	switch c {
	case System:
		return "system"
	case Internal:
		return "internal"
	}
	return "content"
}

// MarshalText lets JSON output name the class.
func (c Class) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Diagnostic is one problem at one place. Path is slash-separated and relative to
// the source folder (for example "content/articles/x.md"); Line and Col are 1-based,
// 0 when unknown. Message already contains the fix in brackets, in plain words.
type Diagnostic struct {
	Path     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"column"`
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
	Class    Class    `json:"class,omitzero"` // Content unless set
}

// String renders the editor- and CI-friendly form: path:line:col: severity: message.
// A path with a character that is not printable (a line break, an escape
// sequence, a control or direction mark) is written in Go's quoted form,
// and such characters in the message are escaped, so that a file name can
// neither forge a diagnostic line nor send commands to the terminal.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.Path != "" {
		b.WriteString(quotePath(d.Path))
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Col > 0 {
				fmt.Fprintf(&b, ":%d", d.Col)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(escape(d.Message))
	return b.String()
}

// printable reports whether s can be written to a terminal as it is.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			// Not plain ASCII: look at the characters.
			for _, r := range s {
				if !strconv.IsPrint(r) || r == utf8.RuneError {
					return false
				}
			}
			return true
		}
	}
	return true
}

// quotePath quotes a path only when it needs it (or starts with a quote,
// so that a quoted path is never ambiguous).
func quotePath(p string) string {
	if printable(p) && !strings.HasPrefix(p, `"`) {
		return p
	}
	return strconv.Quote(p)
}

// escape writes each character of s that is not printable as its Go escape.
func escape(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strconv.IsPrint(r) && r != utf8.RuneError {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// RuleSystem is the rule of a system error (Class System) that no other
// rule names: a folder that cannot be created, a file that cannot be written.
const RuleSystem = "system"

// List collects diagnostics so that every problem is reported at once rather
// than stopping at the first.
type List []Diagnostic

// Add appends one diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf records an error at path:line:col under rule.
func (l *List) Errorf(path string, line, col int, rule, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Systemf records an error of the machine (Class System) at path:line:col
// under rule.
func (l *List) Systemf(path string, line, col int, rule, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...), Class: System})
}

// Internalf records a bug in safeguard (Class Internal).
func (l *List) Internalf(path string, line, col int, rule, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...), Class: Internal})
}

// Warnf records a warning at path:line:col under rule.
func (l *List) Warnf(path string, line, col int, rule, format string, args ...any) {
	l.Add(Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Append adds all of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Without returns the diagnostics of l that other has no diagnostic like:
// the same file, line and rule. Two stages that meet one mistake (the
// checks and the newsletter both read a page's links) report it once.
func (l List) Without(other List) List {
	type key struct {
		path string
		line int
		rule string
	}
	seen := make(map[key]bool, len(other))
	for _, d := range other {
		seen[key{d.Path, d.Line, d.Rule}] = true
	}
	var out List
	for _, d := range l {
		if d.Line == 0 || !seen[key{d.Path, d.Line, d.Rule}] {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders by file, line, column, then severity and message, so output is
// stable between runs and machines; exact duplicates are dropped.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(l)
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Counts returns the number of errors and warnings, as Print prints them
// after Sort: exact duplicates count once.
func (l List) Counts() (errors, warnings int) {
	for _, d := range slices.Clone(l).Sort() {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Errors returns only the errors.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Print writes one diagnostic per line.
func (l List) Print(w io.Writer) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
}

// Error makes a List usable as an error value; it lists every diagnostic.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}
