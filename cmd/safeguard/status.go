package main

import (
	"context"
	"fmt"
)

// runStatus is a placeholder until the status command lands.
func runStatus(ctx context.Context, args []string, std stdio) int {
	fmt.Fprintln(std.err, "safeguard status: not implemented yet")
	return exitUsage
}
