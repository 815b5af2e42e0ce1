package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"safeguard/internal/deployconfig"
)

const deployBase = "title: T\nbase_url: https://example.org/\norganisation:\n  name: N\n  url: https://example.org/\n"

func TestDeployConfig(t *testing.T) {
	cfg, errs, _ := parseConfig([]byte(deployBase + `deploy:
  max_delete_percent: 10
  targets:
    - name: azure
      url: azblob://$web
      front_door:
        resource_group: rg
        profile: fd
        endpoint: safer
    - name: aws
      url: s3://safer-site?region=eu-west-2
      cloudfront_distribution: E2QWRUHAPOMQZL
    - name: local
      url: file:///srv/www
      include: newsletter/**
      exclude: "{reports/**,google*.html}"
    - name: gcs
      url: gs://safer-site
      google_cdn:
        project: safer-council
        url_map: safer-lb
  headers:
    - path: /files/**/*.pdf
      set:
        cache-control: public, max-age=86400
        Content-Disposition: attachment
`))
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	d := cfg.Deploy
	if d == nil || d.MaxDeletePercent != 10 || len(d.Targets) != 4 {
		t.Fatalf("deploy = %+v", d)
	}
	if l, _ := d.Target("local"); l.Include != "newsletter/**" || l.Exclude != "{reports/**,google*.html}" {
		t.Errorf("globs: %+v", l)
	}
	if g, _ := d.Target("gcs"); g.GoogleCDN != (deployconfig.GoogleCDN{Project: "safer-council", URLMap: "safer-lb"}) {
		t.Errorf("google_cdn: %+v", g)
	}
	if len(d.Headers) != 1 || d.Headers[0].Path != "/files/**/*.pdf" || d.Headers[0].Set["Cache-Control"] != "public, max-age=86400" || d.Headers[0].Set["Content-Disposition"] != "attachment" {
		t.Errorf("headers: %+v", d.Headers)
	}
	if got := strings.Join(d.Names(), ","); got != "azure,aws,local,gcs" {
		t.Errorf("names = %s", got)
	}
	if a, _ := d.Target(""); a.Name != "azure" || a.URL != "azblob://$web" || a.FrontDoor.Endpoint != "safer" || a.Scheme() != "azblob" {
		t.Errorf("first target = %+v", a)
	}
	if s, ok := d.Target("aws"); !ok || s.CloudFrontDistribution != "E2QWRUHAPOMQZL" || s.Line != 15 {
		t.Errorf("aws target = %+v", s)
	}
	if _, ok := d.Target("gcp"); ok {
		t.Error("found a target that is not there")
	}
	if cfg, _, _ := parseConfig([]byte(deployBase)); cfg.Deploy != nil {
		t.Errorf("no deploy section gave %+v", cfg.Deploy)
	}
}

func TestDeployConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		line, col  int
		want       string
	}{
		{"account key", "deploy:\n  targets:\n    - name: a\n      url: azblob://$web\n      account_key: abc\n", 10, 7, "set the environment variable AZURE_STORAGE_KEY"},
		{"aws secret", "deploy:\n  targets:\n    - name: a\n      url: s3://b\n      secret_access_key: abc\n", 10, 7, "AWS_SECRET_ACCESS_KEY"},
		{"top-level password", "password: hunter2\n", 6, 1, "a secret must never be written in site.yaml"},
		{"sas in url", "deploy:\n  targets:\n    - name: a\n      url: azblob://$web?sv=2022&sig=abc\n", 9, 12, "AZURE_STORAGE_SAS_TOKEN"},
		{"connection string", "deploy:\n  targets:\n    - name: a\n      url: azblob://$web\n      front_door:\n        profile: DefaultEndpointsProtocol=https;AccountKey=abc\n        resource_group: r\n        endpoint: e\n", 11, 18, "AZURE_STORAGE_CONNECTION_STRING"},
		{"password in url", "deploy:\n  targets:\n    - name: a\n      url: s3://me:pw@bucket\n", 9, 12, "user name or password"},
		{"unknown scheme", "deploy:\n  targets:\n    - name: a\n      url: ftp://host/x\n", 9, 12, "not a storage service"},
		{"no bucket", "deploy:\n  targets:\n    - name: a\n      url: s3://\n", 9, 12, "does not name a bucket"},
		{"relative file", "deploy:\n  targets:\n    - name: a\n      url: file://public\n", 9, 12, "full path"},
		{"unknown param", "deploy:\n  targets:\n    - name: a\n      url: s3://b?regoin=x\n", 9, 12, `"regoin" is not a setting of s3:// addresses`},
		{"missing url", "deploy:\n  targets:\n    - name: a\n", 8, 7, "url is missing"},
		{"twice", "deploy:\n  targets:\n    - name: a\n      url: s3://b\n    - name: a\n      url: s3://c\n", 10, 7, "is used twice"},
		{"percent", "deploy:\n  max_delete_percent: 150\n  targets:\n    - name: a\n      url: s3://b\n", 7, 23, "percentage from 0 to 100"},
		{"cloudfront on azure", "deploy:\n  targets:\n    - name: a\n      url: azblob://c\n      cloudfront_distribution: E1\n", 10, 7, "CloudFront serves S3 buckets"},
		{"no targets", "deploy:\n  max_delete_percent: 5\n", 6, 1, "deploy.targets is missing"},
		{"security header rule", "deploy:\n  headers:\n    - path: /files/**\n      set:\n        Content-Security-Policy: x\n  targets:\n    - name: a\n      url: s3://b\n", 10, 9, "is a security header"},
		{"type header rule", "deploy:\n  headers:\n    - path: /files/**\n      set:\n        content-type: text/html\n  targets:\n    - name: a\n      url: s3://b\n", 10, 9, "set by safeguard from the file's type"},
		{"bad glob", "deploy:\n  targets:\n    - name: a\n      url: s3://b\n      exclude: files/[a\n", 10, 16, "is not a pattern"},
		{"google cdn on s3", "deploy:\n  targets:\n    - name: a\n      url: s3://b\n      google_cdn:\n        project: p\n        url_map: m\n", 10, 7, "Cloud CDN here serves Google Cloud Storage buckets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, _ := parseConfig([]byte(deployBase + tc.yaml))
			if len(errs) != 1 {
				t.Fatalf("want 1 error, got %v", errs)
			}
			e := errs[0]
			if e.pos.Line != tc.line || e.pos.Col != tc.col || !strings.Contains(e.msg, tc.want) {
				t.Errorf("got %d:%d %s\nwant %d:%d ...%s...", e.pos.Line, e.pos.Col, e.msg, tc.line, tc.col, tc.want)
			}
		})
	}
}

func TestSecretEnvLeavesOrdinaryNames(t *testing.T) {
	for _, k := range []string{"title", "base_url", "organisation", "newsletter_name", "reading_target", "quick_exit_url", "targets", "name", "url", "front_door", "endpoint", "profile", "cloudfront_distribution", "max_delete_percent", "logo_text", "keywords"} {
		if env := deployconfig.SecretEnv(k); env != "" {
			t.Errorf("%s looks like a secret (%s)", k, env)
		}
	}
}

func TestReadConfig(t *testing.T) {
	dir := t.TempDir()
	if cfg, d := ReadConfig(dir); len(d) != 0 || cfg.Title != DefaultTitle {
		t.Fatalf("no site.yaml: %v %+v", d, cfg)
	}
	os.WriteFile(filepath.Join(dir, ConfigFile), []byte(deployBase+"deploy:\n  targets:\n    - name: a\n      url: s3://b\n      token: x\n"), 0o644)
	_, d := ReadConfig(dir)
	if len(d) != 1 || !strings.Contains(d[0].String(), "site.yaml:10:7: error: deploy.targets.0.token: a secret") {
		t.Fatalf("diagnostics: %v", d)
	}
}
