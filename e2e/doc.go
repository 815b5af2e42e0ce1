// Package e2e holds the browser test of the website: it builds this repository's
// own content, serves it on 127.0.0.1 and checks one page of every type in
// Debian's headless Chromium (axe-core for WCAG 2.2 AA, no request leaving the
// machine, no cookies or storage, content and quick exit without JavaScript,
// page weight) and every page with the W3C Nu HTML checker.
//
// The test needs /usr/bin/chromium, Java and the npm packages of package.json
// (bash scripts/test installs them); without them it skips and says how to
// install them, but fails under scripts/test and CI, which promise them.
// Environment:
//
//	SAFEGUARD_SKIP_BROWSER=1     skip the test on purpose
//	SAFEGUARD_REQUIRE_TOOLS=1    fail, not skip, when a tool is missing (scripts/test sets it; CI=true does the same)
//	SAFEGUARD_E2E_SOURCE=folder  check another source folder instead of this repository
//	SAFEGUARD_E2E_OUT=folder     keep the built site there, to look at after a failure
//
// This package has no code outside its tests.
package e2e
