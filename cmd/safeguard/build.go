package main

import (
	"context"
	"fmt"
)

// runBuild is a placeholder until the build command lands.
func runBuild(ctx context.Context, args []string, std stdio) int {
	fmt.Fprintln(std.err, "safeguard build: not implemented yet")
	return exitUsage
}

// runVersion is a placeholder until the build command lands.
func runVersion(ctx context.Context, args []string, std stdio) int {
	fmt.Fprintln(std.out, "safeguard dev")
	return exitOK
}
