package content

import (
	"fmt"
	"strings"
)

// validName reports whether s is made of a-z, 0-9 and hyphens only: the rule
// for file names, folder names, slugs and contact names, so that every URL is
// predictable and safe.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// maxName is the longest file name, folder name or slug, in characters: each
// becomes a folder of the published site, and a name longer than the
// system allows (255 bytes) would fail the build with a message about a
// folder the writer never made.
const maxName = 100

// shorten cuts a name to maxName characters at a hyphen where it can.
func shorten(s string) string {
	if len(s) <= maxName {
		return s
	}
	s = s[:maxName]
	if i := strings.LastIndexByte(s, '-'); i > maxName/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, "-")
}

// suggestName turns s into a valid name: lower case, anything else becomes a
// hyphen, repeated and outer hyphens dropped. It returns "page" when nothing
// is left.
func suggestName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "page"
	}
	return shorten(b.String())
}

// closest returns the candidate nearest to s by edit distance when it is near
// enough to be a likely typo, or "".
func closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		d := editDistance(s, c)
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	limit := max(2, len([]rune(s))/3)
	if bestD == 0 || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// DeviceName reports whether s, a name the one name rule allows, is one that
// Windows keeps for a device (con, prn, aux, nul, com0 to com9, lpt0 to
// lpt9), with or without an ending: a page file "nul.md" written on a
// Windows laptop goes nowhere, and "con.md" cannot be made, so the editor
// and safeguard new never make one, on any system.
func DeviceName(s string) bool {
	stem, _, _ := strings.Cut(strings.ToLower(s), ".")
	switch stem {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(stem) == 4 && (strings.HasPrefix(stem, "com") || strings.HasPrefix(stem, "lpt")) && stem[3] >= '0' && stem[3] <= '9'
}

// deviceProblem says why a file or folder called name (a DeviceName) is
// refused anywhere in the source folder: a site is shared through Git, and
// a colleague on Windows could not check it out or open the file. The
// suggested name adds -word before the ending.
func deviceProblem(name, word string) string {
	stem, ext, _ := strings.Cut(name, ".")
	if ext != "" {
		ext = "." + ext
	}
	return fmt.Sprintf("Windows keeps the name %q for a device, so colleagues on Windows could not copy or open the site (rename it, for example to %s-%s%s)", name, stem, word, ext)
}
