package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMissing runs this test binary again with each setting and reads how
// TestMissingChild ended: skipped by default, failed when the tools are
// required.
func TestMissing(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		want string
	}{
		{[]string{"SAFEGUARD_REQUIRE_TOOLS=", "CI="}, "--- SKIP: TestMissingChild"},
		{[]string{"SAFEGUARD_REQUIRE_TOOLS=1", "CI="}, "--- FAIL: TestMissingChild"},
		{[]string{"SAFEGUARD_REQUIRE_TOOLS=", "CI=true"}, "--- FAIL: TestMissingChild"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMissingChild$", "-test.v")
		cmd.Env = append(os.Environ(), append(tc.env, "SAFEGUARD_TESTENV_CHILD=1")...)
		out, _ := cmd.CombinedOutput()
		if !strings.Contains(string(out), tc.want) || !strings.Contains(string(out), "no-such-program-here is not installed (apt-get install it)") {
			t.Errorf("with %v: want %q and the message, got\n%s", tc.env, tc.want, out)
		}
	}
}

func TestMissingChild(t *testing.T) {
	if os.Getenv("SAFEGUARD_TESTENV_CHILD") != "1" {
		t.Skip("run by TestMissing")
	}
	LookPath(t, "no-such-program-here", "apt-get install it")
	t.Error("LookPath returned for a missing program")
}
