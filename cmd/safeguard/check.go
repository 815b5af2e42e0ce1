package main

import (
	"context"
	"fmt"
)

// runCheck is a placeholder until the check command lands.
func runCheck(ctx context.Context, args []string, std stdio) int {
	fmt.Fprintln(std.err, "safeguard check: not implemented yet")
	return exitUsage
}
