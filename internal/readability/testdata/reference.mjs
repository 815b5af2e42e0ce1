// Reference figures for the readability tests, from the npm packages
// text-readability (counts of words and sentences, its published scores) and
// syllable (syllables, through text-readability).
//
// Regenerate (needs Node and npm; do not commit node_modules):
//
//   mkdir -p /tmp/rdref && cd /tmp/rdref && npm init -y && npm install text-readability@1.1.1 syllable@5.0.1
//   cp $REPO/internal/readability/testdata/reference.mjs /tmp/rdref/
//   node /tmp/rdref/reference.mjs < $REPO/internal/readability/testdata/paragraphs.txt \
//     > $REPO/internal/readability/testdata/reference.json
//
// (Node resolves packages next to the script, hence the copy.)
//
// text-readability rounds its averages to one decimal before applying the
// formulas, which moves the reading ease by up to about 4 points; the script
// also prints the unrounded figures from the same counts ("ease" and "grade"),
// which are what the Go test compares with.
import rs from 'text-readability'
import { readFileSync } from 'node:fs'

const text = readFileSync(0, 'utf8')
const paragraphs = text.split(/\n\s*\n/).map(p => p.trim()).filter(p => p)
const out = paragraphs.map(p => {
  const words = rs.lexiconCount(p)
  const sentences = rs.sentenceCount(p)
  const syllables = rs.syllableCount(p)
  const wps = words / sentences
  const spw = syllables / words
  return {
    start: p.slice(0, 40),
    words,
    sentences,
    syllables,
    ease: Math.round((206.835 - 1.015 * wps - 84.6 * spw) * 100) / 100,
    grade: Math.round((0.39 * wps + 11.8 * spw - 15.59) * 100) / 100,
    ease_published: rs.fleschReadingEase(p),
    grade_published: rs.fleschKincaidGrade(p),
  }
})
process.stdout.write(JSON.stringify(out, null, 2) + '\n')
