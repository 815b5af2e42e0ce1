package content

// The slow path of checkBody: written plainly, as it was before checkBody
// was made faster. checkBody itself falls back on it to place the problems
// its quick look finds, and the tests and the fuzz target FuzzSlowPaths show
// the two agree on every input. (firstBad's slow path, which only the tests
// call, is in slowpath_test.go.) A change of behaviour must be made in both.

import (
	"fmt"
	"unicode/utf8"
)

// checkBodySlow is checkBody looking at every byte of every body.
func checkBodySlow(body string, bodyLine int) []posErr {
	var errs []posErr
	line, lineStart := bodyLine, 0
	depthDone, ctrlDone, bracketsDone := false, false, false
	atLineStart := true
	brackets, blank := 0, true // [ since the last blank line; the line so far is blank
	for i := 0; i < len(body); {
		if atLineStart && !depthDone {
			atLineStart = false
			if d, at := lineDepth(body[i:]); d > maxDepth {
				errs = append(errs, posErr{Pos{line, utf8.RuneCountInString(body[lineStart:i+at]) + 1},
					fmt.Sprintf("lists or quotes are nested more than %d levels deep here (use fewer levels: a list inside a list inside a list is already hard to follow)", maxDepth)})
				depthDone = true
			}
		}
		c := body[i]
		if c == '[' && !bracketsDone {
			// Each [ of a paragraph waits on the Markdown parser's stack
			// for its ] (a megabyte of them: 13 s and 1 GB).
			if brackets++; brackets > maxBrackets {
				errs = append(errs, posErr{Pos{line, utf8.RuneCountInString(body[lineStart:i]) + 1},
					fmt.Sprintf("this paragraph has more than %d [ (break it into paragraphs, or write the brackets as \\[)", maxBrackets)})
				bracketsDone = true
			}
		}
		if c != ' ' && c != '\t' && c != '\n' {
			blank = false
		}
		if c == '\n' {
			if blank {
				brackets = 0
			}
			blank = true
			line++
			i++
			lineStart = i
			atLineStart = true
			continue
		}
		if c < utf8.RuneSelf {
			if !ctrlDone && (c < 0x20 && c != '\t' || c == 0x7f) {
				errs = append(errs, controlErr(line, utf8.RuneCountInString(body[lineStart:i])+1, rune(c)))
				ctrlDone = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(body[i:])
		if !ctrlDone && r >= 0x80 && r <= 0x9f {
			errs = append(errs, controlErr(line, utf8.RuneCountInString(body[lineStart:i])+1, r))
			ctrlDone = true
		}
		i += size
		if depthDone && ctrlDone && bracketsDone {
			break
		}
	}
	return errs
}
