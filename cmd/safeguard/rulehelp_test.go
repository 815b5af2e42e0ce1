package main

import (
	"regexp"
	"testing"

	"safeguard/internal/rules"
)

// TestRuleHelpListsEveryRule: check --help names every rule of the rulebook,
// says whether it can be switched off, and what it protects.
func TestRuleHelpListsEveryRule(t *testing.T) {
	help := ruleHelp()
	for _, r := range rules.All {
		fixed := ""
		if !r.Switchable() {
			fixed = "fixed"
		}
		line := `(?m)^  ` + regexp.QuoteMeta(r.Name) + ` +` + r.Severity.String() + ` +` + fixed + ` *` + regexp.QuoteMeta(r.Protects) + `$`
		if !regexp.MustCompile(line).MatchString(help) {
			t.Errorf("check --help does not list %s as %q", r.Name, line)
		}
	}
}
