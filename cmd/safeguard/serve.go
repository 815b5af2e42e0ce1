package main

import (
	"context"
	"fmt"
)

// runServe is a placeholder until the serve command lands.
func runServe(ctx context.Context, args []string, std stdio) int {
	fmt.Fprintln(std.err, "safeguard serve: not implemented yet")
	return exitUsage
}
