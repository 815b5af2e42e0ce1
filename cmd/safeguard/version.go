package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"safeguard/internal/site"
)

// Set by scripts/release with -ldflags "-X main.buildVersion=… -X
// main.buildCommit=… -X main.buildDate=…"; empty in a `go build` or
// `go run`, where the module's build information says what it can.
var buildVersion, buildCommit, buildDate string

// runVersion prints safeguard's version and the Hugo library's, then the
// commit and date it was built from, so a colleague can say which release
// they run.
func runVersion(ctx context.Context, args []string, std stdio) int {
	fs := newFlagSet("version", "safeguard version", "Print the version of safeguard and of the Hugo library it contains, and the commit and date it was built from.", std)
	if code, stop := parseFlags(fs, args, std); stop {
		return code
	}
	v, commit, date := buildInfo()
	fmt.Fprintf(std.out, "safeguard %s (Hugo %s)\ncommit %s, built %s, for %s/%s\n", v, site.HugoVersion(), commit, date, runtime.GOOS, runtime.GOARCH)
	return exitOK
}

// version is the version alone (init pins it in the CI files it writes).
func version() string {
	v, _, _ := buildInfo()
	return v
}

// buildInfo is the version, commit and date: from the release's ldflags,
// else the module version of `go install module@version` and the VCS
// settings Go records when it builds inside a Git checkout, else
// "dev" and "unknown".
func buildInfo() (version, commit, date string) {
	version, commit, date = buildVersion, buildCommit, buildDate
	if version != "" && commit != "" && date != "" {
		return version, commit, date
	}
	var rev, vcsTime, dirty string
	info, ok := debug.ReadBuildInfo()
	if ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				vcsTime = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "-dirty"
				}
			}
		}
	}
	if version == "" {
		switch {
		case ok && info.Main.Version != "" && info.Main.Version != "(devel)":
			version = info.Main.Version
		case rev != "":
			version = "dev-" + rev[:min(12, len(rev))] + dirty
		default:
			version = "dev"
		}
	}
	if commit == "" {
		commit = "unknown"
		if rev != "" {
			commit = rev + dirty
		}
	}
	if date == "" {
		date = "unknown"
		if vcsTime != "" {
			date = vcsTime
		}
	}
	return version, commit, date
}
