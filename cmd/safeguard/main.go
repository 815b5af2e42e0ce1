// Command safeguard turns a council's safeguarding content, written in Markdown,
// into an accessible website and email-safe newsletter fragments.
package main

import (
	"os"
	_ "time/tzdata" // dates are London dates on every machine, with or without zoneinfo
)

func main() {
	os.Exit(run(os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
}
