package deploy

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/s3blob"    // s3://

	"safeguard/internal/deployconfig"
)

// CredentialError says which environment variables a target needs.
type CredentialError struct {
	Scheme string
	Vars   string // what to set, in words
}

func (e *CredentialError) Error() string {
	return fmt.Sprintf("no credentials for %s:// in the environment (set %s where safeguard deploy runs; never in site.yaml)", e.Scheme, e.Vars)
}

// checkCredentials finds the credentials a service needs before anything is
// asked of it, so a missing one is named instead of surfacing as a refusal
// several calls later. Credentials are read by the service's own library
// from the same variables.
func checkCredentials(scheme string, getenv func(string) string) error {
	set := func(names ...string) bool {
		for _, n := range names {
			if getenv(n) != "" {
				return true
			}
		}
		return false
	}
	exists := func(paths ...string) bool {
		for _, p := range paths {
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				return true
			}
		}
		return false
	}
	home := getenv("HOME")
	switch scheme {
	case "azblob":
		if set("AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGEBLOB_CONNECTIONSTRING") {
			return nil
		}
		if !set("AZURE_STORAGE_ACCOUNT") {
			return &CredentialError{scheme, deployconfig.Services[scheme].Credentials}
		}
	case "s3":
		if set("AWS_ACCESS_KEY_ID") != set("AWS_SECRET_ACCESS_KEY") {
			return &CredentialError{scheme, "both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (only one of them is set)"}
		}
		if set("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI") {
			return nil
		}
		files := []string{getenv("AWS_SHARED_CREDENTIALS_FILE"), getenv("AWS_CONFIG_FILE")}
		if home != "" {
			files = append(files, filepath.Join(home, ".aws", "credentials"), filepath.Join(home, ".aws", "config"))
		}
		if !exists(files...) {
			return &CredentialError{scheme, deployconfig.Services[scheme].Credentials}
		}
	case "gs":
		if set("GOOGLE_APPLICATION_CREDENTIALS") {
			return nil
		}
		if home == "" || !exists(filepath.Join(home, ".config", "gcloud", "application_default_credentials.json")) {
			return &CredentialError{scheme, deployconfig.Services[scheme].Credentials}
		}
	}
	return nil
}

// Open checks the credentials a target needs and opens its bucket. For a
// folder (file://) it writes no metadata files beside the site's own (a web
// server would publish them) and creates the folder when it is missing.
func Open(ctx context.Context, rawURL string, getenv func(string) string) (*blob.Bucket, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errorf(KindUsage, "%q is not a storage address", redact(rawURL))
	}
	if err := checkCredentials(u.Scheme, getenv); err != nil {
		return nil, err
	}
	if u.Scheme == "file" {
		q := u.Query()
		if !q.Has("metadata") {
			q.Set("metadata", "skip")
		}
		if !q.Has("create_dir") {
			q.Set("create_dir", "true")
		}
		u.RawQuery = q.Encode()
	}
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return nil, &Error{KindUsage, fmt.Sprintf("cannot open %s: %s", redact(rawURL), firstLine(err)), err}
	}
	return b, nil
}

// gzips says the service stores Content-Encoding and sends it with the
// file, so text may be stored compressed. A folder has no such header: a
// web server would send the compressed bytes as they are.
func gzips(rawURL string) bool {
	return !strings.HasPrefix(rawURL, "file:")
}

// redact drops the query of an address in messages: it may hold settings a
// reader does not need, and never should hold more.
func redact(rawURL string) string {
	s, _, _ := strings.Cut(rawURL, "?")
	return s
}
