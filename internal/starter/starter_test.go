package starter

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"

	"safeguard/internal/testenv"
)

var testOptions = Options{
	Name:            "Safer Borough",
	URL:             "https://safer.borough.example/",
	Organisation:    "Borough Council",
	OrganisationURL: "https://www.borough.example/",
	Language:        "en-GB",
	Version:         "v1.2.3",
	Today:           time.Date(2026, 12, 7, 0, 0, 0, 0, london),
}

// TestGitHubWorkflowLints runs actionlint (with shellcheck when it is
// installed) over the workflow init writes: wrong keys, expressions, cron
// lines or action inputs fail here, not in a council's first pull request.
func TestGitHubWorkflowLints(t *testing.T) {
	b, err := Render(".github/workflows/safeguard.yml", testOptions)
	if err != nil {
		t.Fatal(err)
	}
	opts := &actionlint.LinterOptions{LogWriter: io.Discard}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	} else if testenv.Required() {
		t.Fatal("shellcheck is not installed: apt-get install shellcheck (scripts/test does)")
	} else {
		t.Log("shellcheck is not installed: the run: scripts are not checked by it")
	}
	l, err := actionlint.NewLinter(io.Discard, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(".github/workflows/safeguard.yml", b, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %d:%d: %s [%s]", e.Line, e.Column, e.Message, e.Kind)
	}
	// And actionlint does find a broken one, so the check above means something.
	broken := bytes.Replace(b, []byte(`cron: "7 * * * *"`), []byte(`cron: "7 * * *"`), 1)
	if errs, err := l.Lint("broken.yml", broken, nil); err != nil || len(errs) == 0 {
		t.Errorf("actionlint found nothing wrong with a cron line of four fields (%v)", err)
	}

	s := string(b)
	for _, want := range []string{
		"pull_request:", "push:", "cron: \"7 * * * *\"", `SAFEGUARD_VERSION: "1.2.3"`,
		"check --format github", "safeguard build", "deploy --from public", "path: public/newsletter",
		"secrets.AZURE_STORAGE_ACCOUNT", "secrets.AZURE_STORAGE_KEY", "vars.SAFEGUARD_RELEASES",
		"status --next-change",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the workflow has no %q", want)
		}
	}
}

// TestAzurePipeline parses azure-pipelines.yml and checks the keys Azure
// Pipelines reads: the triggers, an hourly schedule that runs without a
// new commit, the annotated check on pull requests only, and build and
// deploy with the storage secrets mapped into the step's environment
// (Azure does not pass secret variables to scripts otherwise).
func TestAzurePipeline(t *testing.T) {
	b, err := Render("azure-pipelines.yml", testOptions)
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Trigger   struct{ Branches struct{ Include []string } }
		PR        struct{ Branches struct{ Include []string } } `yaml:"pr"`
		Schedules []struct {
			Cron        string
			DisplayName string `yaml:"displayName"`
			Always      bool
			Branches    struct{ Include []string }
		}
		Pool struct {
			VMImage string `yaml:"vmImage"`
		}
		Variables map[string]string
		Steps     []struct {
			Checkout    string
			Script      string
			Task        string
			DisplayName string `yaml:"displayName"`
			Condition   string
			Env         map[string]string
			Inputs      map[string]string
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("azure-pipelines.yml: %v", err)
	}
	if !slices.Equal(p.Trigger.Branches.Include, []string{"main"}) || !slices.Equal(p.PR.Branches.Include, []string{"main"}) {
		t.Errorf("trigger %v, pr %v: want main for both", p.Trigger, p.PR)
	}
	if len(p.Schedules) != 1 || p.Schedules[0].Cron != "7 * * * *" || !p.Schedules[0].Always || !slices.Equal(p.Schedules[0].Branches.Include, []string{"main"}) {
		t.Errorf("schedules = %+v, want hourly on main, always", p.Schedules)
	}
	if p.Pool.VMImage == "" || p.Variables["SAFEGUARD_VERSION"] != "1.2.3" {
		t.Errorf("pool %+v, variables %v", p.Pool, p.Variables)
	}
	step := func(script string) int {
		for i, s := range p.Steps {
			if strings.Contains(s.Script, script) {
				return i
			}
		}
		t.Fatalf("no step runs %q", script)
		return -1
	}
	install := step("install-safeguard")
	check := step("check --format azure")
	deploy := step("deploy --from public")
	if !(install < check && check < deploy) {
		t.Errorf("steps out of order: install %d, check %d, deploy %d", install, check, deploy)
	}
	if c := p.Steps[check].Condition; !strings.Contains(c, "eq(variables['Build.Reason'], 'PullRequest')") {
		t.Errorf("check runs on %q, want pull requests only", c)
	}
	d := p.Steps[deploy]
	if !strings.Contains(d.Condition, "ne(variables['Build.Reason'], 'PullRequest')") || !strings.Contains(d.Condition, "refs/heads/main") {
		t.Errorf("deploy runs on %q, want main and never a pull request", d.Condition)
	}
	for _, v := range []string{"AZURE_STORAGE_ACCOUNT", "AZURE_STORAGE_KEY"} {
		if d.Env[v] != "$("+v+")" {
			t.Errorf("deploy's env %s = %q, want $(%s)", v, d.Env[v], v)
		}
	}
	if p.Steps[install].Env["SAFEGUARD_RELEASES"] != "$(SAFEGUARD_RELEASES)" {
		t.Errorf("install does not get SAFEGUARD_RELEASES: %v", p.Steps[install].Env)
	}
	artifact := false
	for _, s := range p.Steps {
		artifact = artifact || s.Task == "PublishPipelineArtifact@1" && s.Inputs["targetPath"] == "public/newsletter"
	}
	if !artifact {
		t.Error("the newsletter fragments are not kept as an artifact")
	}
}

// TestGitLabCI parses .gitlab-ci.yml: a check job for merge requests and a
// publish job for main and schedules.
func TestGitLabCI(t *testing.T) {
	b, err := Render(".gitlab-ci.yml", testOptions)
	if err != nil {
		t.Fatal(err)
	}
	type job struct {
		Rules         []struct{ If string }
		Script        []string
		ResourceGroup string `yaml:"resource_group"`
	}
	var p struct {
		Check   job
		Publish job
	}
	if err := yaml.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Check.Rules) != 1 || !strings.Contains(p.Check.Rules[0].If, "merge_request_event") {
		t.Errorf("check rules %+v", p.Check.Rules)
	}
	if len(p.Publish.Rules) != 1 || !strings.Contains(p.Publish.Rules[0].If, `"schedule"`) || p.Publish.ResourceGroup == "" {
		t.Errorf("publish rules %+v, resource group %q", p.Publish.Rules, p.Publish.ResourceGroup)
	}
	if !slices.Contains(p.Publish.Script, ".bin/safeguard deploy --from public") {
		t.Errorf("publish script %v", p.Publish.Script)
	}
}

// TestCreate makes a site and checks that every template was filled in,
// the install script is executable, and a second Create is refused.
func TestCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	o := testOptions
	o.Dir = dir
	files, err := Create(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"site.yaml", ".github/workflows/safeguard.yml", "azure-pipelines.yml", ".ci/install-safeguard",
		"content/contacts/emergency.md", "content/articles/example-article.md", "content/about/example-page-about-prevent.md"} {
		if !slices.Contains(files, want) {
			t.Errorf("Create did not write %s (wrote %v)", want, files)
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("[[")) || bytes.Contains(b, []byte("<no value>")) {
			t.Errorf("%s has a template left in it", f)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content/articles/example-article.md")); !bytes.Contains(b, []byte("\ndraft: true\n")) {
		t.Errorf("the example article is not a draft:\n%s", b)
	}
	if st, err := os.Stat(filepath.Join(dir, ".ci", "install-safeguard")); err != nil || st.Mode()&0o100 == 0 {
		t.Errorf("install-safeguard is not executable (%v)", err)
	}
	if _, err := Create(o); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("a second Create: %v, want ErrNotEmpty", err)
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	o.Dir = file
	if _, err := Create(o); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("Create over a file: %v, want ErrNotEmpty", err)
	}
}

func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		change func(*Options)
		want   string
	}{
		{func(o *Options) {}, ""},
		{func(o *Options) { o.Name = " " }, "--name is empty"},
		{func(o *Options) { o.Organisation = "a\nb" }, "--organisation has a control character"},
		{func(o *Options) { o.URL = "http://x.example/" }, "--url"},
		{func(o *Options) { o.URL = "https://user:pw@x.example/" }, "--url"},
		{func(o *Options) { o.URL = "https://x.example/?page=1" }, "--url: \"https://x.example/?page=1\" has a query"},
		{func(o *Options) { o.OrganisationURL = "" }, ""},
		{func(o *Options) { o.OrganisationURL = "www.x.example" }, "--organisation-url"},
		{func(o *Options) { o.OrganisationURL = "https://user:s3cret@x.example/" }, "--organisation-url has an @ in it"},
		{func(o *Options) { o.OrganisationURL = "https://u:p%zz@x.example/" }, "--organisation-url has an @ in it"},
		{func(o *Options) { o.Language = "english" }, "--language"},
		{func(o *Options) { o.Language = "cy" }, ""},
	} {
		o := testOptions
		tt.change(&o)
		err := o.Validate()
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%+v: %v, want %q", o, err, tt.want)
		}
		if err != nil && (strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "p%zz")) {
			t.Errorf("%+v: the message repeats a password: %v", o, err)
		}
	}
}
