package main

import (
	"context"
	"fmt"
)

// runNewsletter is a placeholder until the newsletter command lands.
func runNewsletter(ctx context.Context, args []string, std stdio) int {
	fmt.Fprintln(std.err, "safeguard newsletter: not implemented yet")
	return exitUsage
}
