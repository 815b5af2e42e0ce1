package content

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"safeguard/internal/diag"
)

// DefaultMaxDeletePercent is the largest share of the live site that one
// deploy may delete without --force: a wrong source folder must not be able
// to wipe what residents read.
const DefaultMaxDeletePercent = 25

// Deploy is site.yaml's deploy: section: where `safeguard deploy` publishes.
// Credentials are never part of it; they come from the environment.
type Deploy struct {
	Targets          []DeployTarget
	MaxDeletePercent int // deletes above this share of the live files need --force
}

// DeployTarget is one place the site is published to.
type DeployTarget struct {
	Name string
	// URL is a gocloud.dev blob address: azblob://CONTAINER, s3://BUCKET?region=R,
	// gs://BUCKET or file:///ABSOLUTE/FOLDER.
	URL string
	// CloudFrontDistribution, when set, is invalidated after a deploy.
	CloudFrontDistribution string
	// FrontDoor, when its Endpoint is set, names the Azure Front Door endpoint
	// whose cache is purged after a deploy.
	FrontDoor FrontDoor
	Pos       Pos // of the target in site.yaml, for messages
}

// FrontDoor names an Azure Front Door (Standard/Premium) endpoint.
type FrontDoor struct {
	Subscription  string
	ResourceGroup string
	Profile       string
	Endpoint      string
}

// Scheme is the URL's scheme: azblob, s3, gs or file.
func (t DeployTarget) Scheme() string {
	s, _, _ := strings.Cut(t.URL, "://")
	return s
}

// Target finds a target by name; with name "" it is the first one.
func (d Deploy) Target(name string) (DeployTarget, bool) {
	for _, t := range d.Targets {
		if name == "" || t.Name == name {
			return t, true
		}
	}
	return DeployTarget{}, false
}

// Names lists the targets' names in the order site.yaml gives them.
func (d Deploy) Names() []string {
	var out []string
	for _, t := range d.Targets {
		out = append(out, t.Name)
	}
	return out
}

// ReadConfig reads and checks only site.yaml in root: commands that work on a
// finished build (deploy --from) need the settings, not the content. It
// reads the file as Load does (the same size limit, link and file-type
// rules, and messages).
func ReadConfig(root string) (Config, diag.List) {
	var d diag.List
	cfg, _ := NewLoader(root, Options{}).loadConfig(&d)
	return cfg, d
}

// Environment variables named in messages about credentials.
const (
	envAzureKey        = "AZURE_STORAGE_KEY"
	envAzureSAS        = "AZURE_STORAGE_SAS_TOKEN"
	envAzureConnection = "AZURE_STORAGE_CONNECTION_STRING"
	envAWSKeyID        = "AWS_ACCESS_KEY_ID"
	envAWSSecret       = "AWS_SECRET_ACCESS_KEY"
	envAWSSession      = "AWS_SESSION_TOKEN"
	envGoogle          = "GOOGLE_APPLICATION_CREDENTIALS"
)

// secretEnv says which environment variable holds what a field named key
// would hold, or "" when the name does not look like a secret.
func secretEnv(key string) string {
	k := strings.ToLower(strings.NewReplacer("-", "_", " ", "_", ".", "_").Replace(key))
	parts := strings.Split(k, "_")
	has := func(ws ...string) bool {
		for _, w := range ws {
			if slices.Contains(parts, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("connection", "connectionstring"):
		return envAzureConnection
	case has("sas", "sastoken", "sig", "signature"):
		return envAzureSAS
	case strings.Contains(k, "session_token"):
		return envAWSSession
	case strings.Contains(k, "access_key_id") || k == "key_id":
		return envAWSKeyID
	case strings.Contains(k, "secret_access") || k == "secret_key":
		return envAWSSecret
	case strings.Contains(k, "account_key") || strings.Contains(k, "storage_key") || has("accountkey") || k == "key" || k == "access_key" || k == "shared_key":
		return envAzureKey
	case has("credential", "credentials") || strings.Contains(k, "service_account") || strings.Contains(k, "private_key"):
		return envGoogle
	case has("secret", "password", "passwd", "token", "key", "apikey"):
		return "*"
	}
	return ""
}

// secretMsg is the message for a secret written in site.yaml under field;
// what says what it is, when the value gave it away.
func secretMsg(field, env, what string) string {
	fix := "set the storage service's environment variable where safeguard deploy runs instead: " +
		envAzureKey + " for azblob, " + envAWSSecret + " for s3, " + envGoogle + " for gs"
	if env != "*" {
		fix = "set the environment variable " + env + " where safeguard deploy runs instead"
	}
	if what == "" {
		what = "a secret"
	} else {
		what = "the value holds " + what + ", a secret that"
	}
	return fmt.Sprintf("%s: %s must never be written in site.yaml, which is shared and kept in version control (remove it; %s)", field, what, fix)
}

// withoutSecrets reports every field of map m whose name looks like a
// credential and returns m without them, so they are not reported twice.
func (c *checker) withoutSecrets(m *val, prefix string) *val {
	if m == nil || m.kind != mapVal {
		return m
	}
	out := *m
	out.keys = nil
	for _, e := range m.keys {
		if env := secretEnv(e.key); env != "" {
			c.errorf(e.keyPos, "%s", secretMsg(prefix+e.key, env, ""))
			continue
		}
		out.keys = append(out.keys, e)
	}
	return &out
}

// secretInText catches a credential pasted as a value (an Azure connection
// string or a signed address), whatever the field is called.
func secretInText(s string) (what, env string) {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "accountkey="):
		return "an Azure connection string", envAzureConnection
	case strings.Contains(l, "sharedaccesssignature=") || strings.Contains(l, "sig="):
		return "a shared access signature (sig=)", envAzureSAS
	case strings.Contains(l, "x-amz-signature=") || strings.Contains(l, "x-amz-credential=") || strings.Contains(l, "x-amz-security-token="):
		return "an AWS signature", envAWSSecret
	case strings.Contains(l, "-----begin"):
		return "a private key", envGoogle
	}
	return "", ""
}

// deployText is c.text that also refuses a credential in the value.
func (c *checker) deployText(name string, v *val) (string, bool) {
	s, ok := c.text(name, v)
	if !ok {
		return "", false
	}
	if what, env := secretInText(s); what != "" {
		c.errorf(v.pos, "%s", secretMsg(name, env, what))
		return "", false
	}
	return s, true
}

// Query parameters each kind of address may carry (gocloud.dev's names).
var deployParams = map[string][]string{
	"azblob": {"cdn", "domain", "localemu", "protocol"},
	"s3":     {"accelerate", "anonymous", "awssdk", "disable_https", "dualstack", "endpoint", "fips", "hostname_immutable", "kmskeyid", "profile", "region", "ssetype", "use_path_style"},
	"gs":     {"access_id", "anonymous"},
	"file":   {"create_dir", "metadata", "no_tmp_dir"},
}

// deployURL checks a target's address: a known scheme, a bucket or container,
// known parameters, and no credentials.
func (c *checker) deployURL(name string, v *val) (string, bool) {
	s, ok := c.deployText(name, v)
	if !ok {
		return "", false
	}
	const kinds = "azblob://CONTAINER, s3://BUCKET?region=REGION, gs://BUCKET or file:///FOLDER"
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		c.errorf(v.pos, "%s: %q is not a storage address (write one of %s)", name, s, kinds)
		return "", false
	}
	allowed, known := deployParams[u.Scheme]
	if !known {
		c.errorf(v.pos, "%s: %q is not a storage service safeguard can deploy to (write one of %s)", name, u.Scheme+"://", kinds)
		return "", false
	}
	if u.User != nil {
		env := map[string]string{"azblob": envAzureKey, "s3": envAWSSecret, "gs": envGoogle, "file": "*"}[u.Scheme]
		c.errorf(v.pos, "%s", secretMsg(name, env, "a user name or password"))
		return "", false
	}
	for p := range u.Query() {
		if secretEnv(p) != "" {
			c.errorf(v.pos, "%s", secretMsg(name, secretEnv(p), p+"="))
			return "", false
		}
		if !slices.Contains(allowed, p) {
			c.errorf(v.pos, "%s: %q is not a setting of %s:// addresses (use %s)", name, p, u.Scheme, strings.Join(allowed, ", "))
			return "", false
		}
	}
	if u.Scheme == "file" {
		if u.Host != "" || !strings.HasPrefix(u.Path, "/") {
			c.errorf(v.pos, "%s: %q is not a folder address (write file:/// and the full path of the folder, such as file:///srv/www/safeguarding)", name, s)
			return "", false
		}
		return s, true
	}
	if u.Host == "" || u.Path != "" && u.Path != "/" {
		what := map[string]string{"azblob": "container", "s3": "bucket", "gs": "bucket"}[u.Scheme]
		c.errorf(v.pos, "%s: %q does not name a %s (write %s://NAME with only the %s's name, such as %s)", name, s, what, u.Scheme, what,
			map[string]string{"azblob": "azblob://$web", "s3": "s3://safer-site?region=eu-west-2", "gs": "gs://safer-site"}[u.Scheme])
		return "", false
	}
	return s, true
}

// deploy reads the deploy: section.
func (c *checker) deploy(n string, v *val) Deploy {
	d := Deploy{MaxDeletePercent: DefaultMaxDeletePercent}
	v = c.withoutSecrets(v, n+".")
	seen := c.fieldsOf(v, n+".", handlers{
		"max_delete_percent": func(n string, v *val) {
			if p, ok := c.integer(n, v); ok {
				if p < 0 || p > 100 {
					c.errorf(v.pos, "%s: %d is not a share of the site (write a percentage from 0 to 100, such as 25)", n, p)
					return
				}
				d.MaxDeletePercent = p
			}
		},
		"targets": func(n string, v *val) {
			if v.kind != listVal {
				c.errorf(v.pos, "%s: expected a list of targets, not %s (write each target as - name: ... with its url: on the next line)", n, v.describe())
				return
			}
			firstAt := map[string]Pos{}
			for i, it := range v.items {
				t, ok := c.deployTarget(fmt.Sprintf("%s.%d", n, i), it)
				if !ok {
					continue
				}
				if p, dup := firstAt[t.Name]; dup {
					c.errorf(t.Pos, "%s.%d.name: %q is used twice (give each target its own name; the first is on line %d)", n, i, t.Name, p.Line)
					continue
				}
				firstAt[t.Name] = t.Pos
				d.Targets = append(d.Targets, t)
			}
		},
	}, nil)
	if v != nil && v.kind == mapVal {
		c.require(seen, c.fields[n], n+".", "targets")
	}
	return d
}

func (c *checker) deployTarget(n string, v *val) (DeployTarget, bool) {
	t := DeployTarget{Pos: v.pos}
	if v.kind != mapVal {
		c.errorf(v.pos, "%s: expected a target with name: and url:, not %s", n, v.describe())
		return t, false
	}
	before := len(c.errs)
	v = c.withoutSecrets(v, n+".")
	seen := c.fieldsOf(v, n+".", handlers{
		"name": func(n string, v *val) { t.Name, _ = c.name(n, v) },
		"url":  func(n string, v *val) { t.URL, _ = c.deployURL(n, v) },
		"cloudfront_distribution": func(n string, v *val) {
			if s, ok := c.deployText(n, v); ok {
				if strings.ContainsAny(s, " /:") {
					c.errorf(v.pos, "%s: %q is not a CloudFront distribution ID (copy the ID, such as E2QWRUHAPOMQZL, from the CloudFront console)", n, s)
					return
				}
				t.CloudFrontDistribution = s
			}
		},
		"front_door": func(n string, v *val) {
			v = c.withoutSecrets(v, n+".")
			seen := c.fieldsOf(v, n+".", handlers{
				"subscription":   func(n string, v *val) { t.FrontDoor.Subscription, _ = c.deployText(n, v) },
				"resource_group": func(n string, v *val) { t.FrontDoor.ResourceGroup, _ = c.deployText(n, v) },
				"profile":        func(n string, v *val) { t.FrontDoor.Profile, _ = c.deployText(n, v) },
				"endpoint":       func(n string, v *val) { t.FrontDoor.Endpoint, _ = c.deployText(n, v) },
			}, nil)
			if v.kind == mapVal {
				c.require(seen, c.fields[n], n+".", "resource_group", "profile", "endpoint")
			}
		},
	}, nil)
	c.require(seen, v.pos, n+".", "name", "url")
	if t.CloudFrontDistribution != "" && t.URL != "" && t.Scheme() != "s3" {
		c.errorf(c.fields[n+".cloudfront_distribution"], "%s.cloudfront_distribution: CloudFront serves S3 buckets; this target is %s:// (remove the line, or use an s3:// url)", n, t.Scheme())
	}
	return t, len(c.errs) == before
}
