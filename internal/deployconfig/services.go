package deployconfig

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Service is what safeguard knows of one kind of storage address.
type Service struct {
	// Params are the query settings its address may carry (gocloud.dev's names).
	Params []string
	// Place is what the service calls the place files go.
	Place string
	// Example is an address of this kind, for messages.
	Example string
	// Credentials says which environment variables to set, in words.
	Credentials string
	// SecretEnv is the variable that holds the service's secret.
	SecretEnv string
}

// Environment variables named in messages about credentials.
const (
	EnvAzureAccount    = "AZURE_STORAGE_ACCOUNT"
	EnvAzureKey        = "AZURE_STORAGE_KEY"
	EnvAzureSAS        = "AZURE_STORAGE_SAS_TOKEN"
	EnvAzureConnection = "AZURE_STORAGE_CONNECTION_STRING"
	EnvAWSKeyID        = "AWS_ACCESS_KEY_ID"
	EnvAWSSecret       = "AWS_SECRET_ACCESS_KEY"
	EnvAWSSession      = "AWS_SESSION_TOKEN"
	EnvAWSProfile      = "AWS_PROFILE"
	EnvGoogle          = "GOOGLE_APPLICATION_CREDENTIALS"
)

// Services are the storage services safeguard deploys to, by scheme.
var Services = map[string]Service{
	"azblob": {
		Params:      []string{"cdn", "domain", "localemu", "protocol"},
		Place:       "container",
		Example:     "azblob://$web",
		Credentials: EnvAzureAccount + " to the storage account's name, and " + EnvAzureKey + " to its access key (or " + EnvAzureSAS + ", or sign in with 'az login'; or " + EnvAzureConnection + " alone)",
		SecretEnv:   EnvAzureKey,
	},
	"s3": {
		Params:      []string{"accelerate", "anonymous", "awssdk", "disable_https", "dualstack", "endpoint", "fips", "hostname_immutable", "kmskeyid", "profile", "region", "ssetype", "use_path_style"},
		Place:       "bucket",
		Example:     "s3://safer-site?region=eu-west-2",
		Credentials: EnvAWSKeyID + " and " + EnvAWSSecret + " (or " + EnvAWSProfile + " for a profile in ~/.aws/credentials)",
		SecretEnv:   EnvAWSSecret,
	},
	"gs": {
		Params:      []string{"access_id", "anonymous"},
		Place:       "bucket",
		Example:     "gs://safer-site",
		Credentials: EnvGoogle + " to the path of a service account key file (or sign in with 'gcloud auth application-default login')",
		SecretEnv:   EnvGoogle,
	},
	"file": {
		Params:  []string{"create_dir", "metadata", "no_tmp_dir"},
		Place:   "folder",
		Example: "file:///srv/www/safeguarding",
	},
}

// Kinds lists the address forms, for messages.
const Kinds = "azblob://CONTAINER, s3://BUCKET?region=REGION, gs://BUCKET or file:///FOLDER"

// CheckURL returns a message when s is not an address safeguard can deploy
// to: a known scheme, a bucket or container, known settings, and no
// credentials.
func CheckURL(s string) string {
	if what, env := SecretInText(s); what != "" {
		return SecretMessage(env, what)
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return fmt.Sprintf("%q is not a storage address (write one of %s)", s, Kinds)
	}
	svc, known := Services[u.Scheme]
	if !known {
		return fmt.Sprintf("%q is not a storage service safeguard can deploy to (write one of %s)", u.Scheme+"://", Kinds)
	}
	if u.User != nil {
		env := svc.SecretEnv
		if env == "" {
			env = "*"
		}
		return SecretMessage(env, "a user name or password")
	}
	for p := range u.Query() {
		if env := SecretEnv(p); env != "" {
			return SecretMessage(env, p+"=")
		}
		if !slices.Contains(svc.Params, p) {
			return fmt.Sprintf("%q is not a setting of %s:// addresses (use %s)", p, u.Scheme, strings.Join(svc.Params, ", "))
		}
	}
	if u.Scheme == "file" {
		if u.Host != "" || !strings.HasPrefix(u.Path, "/") {
			return fmt.Sprintf("%q is not a folder address (write file:/// and the full path of the folder, such as %s)", s, svc.Example)
		}
		return ""
	}
	if u.Host == "" || u.Path != "" && u.Path != "/" {
		return fmt.Sprintf("%q does not name a %s (write %s://NAME with only the %s's name, such as %s)", s, svc.Place, u.Scheme, svc.Place, svc.Example)
	}
	return ""
}

// SecretEnv says which environment variable holds what a field named key
// would hold, "*" for a secret of no one service, or "" when the name does
// not look like a secret.
func SecretEnv(key string) string {
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
		return EnvAzureConnection
	case has("sas", "sastoken", "sig", "signature"):
		return EnvAzureSAS
	case strings.Contains(k, "session_token"):
		return EnvAWSSession
	case strings.Contains(k, "access_key_id") || k == "key_id":
		return EnvAWSKeyID
	case strings.Contains(k, "secret_access") || k == "secret_key":
		return EnvAWSSecret
	case strings.Contains(k, "account_key") || strings.Contains(k, "storage_key") || has("accountkey") || k == "key" || k == "access_key" || k == "shared_key":
		return EnvAzureKey
	case has("credential", "credentials") || strings.Contains(k, "service_account") || strings.Contains(k, "private_key"):
		return EnvGoogle
	case has("secret", "password", "passwd", "token", "key", "apikey"):
		return "*"
	}
	return ""
}

// SecretMessage is the message (after the field's name) for a secret
// written in site.yaml; env is the variable to use instead ("*" for any
// service's), what says what the value holds, when it gave itself away.
func SecretMessage(env, what string) string {
	fix := "set the storage service's environment variable where safeguard deploy runs instead: " +
		EnvAzureKey + " for azblob, " + EnvAWSSecret + " for s3, " + EnvGoogle + " for gs"
	if env != "*" {
		fix = "set the environment variable " + env + " where safeguard deploy runs instead"
	}
	if what == "" {
		what = "a secret"
	} else {
		what = "the value holds " + what + ", a secret that"
	}
	return fmt.Sprintf("%s must never be written in site.yaml, which is shared and kept in version control (remove it; %s)", what, fix)
}

// SecretInText catches a credential pasted as a value (an Azure connection
// string or a signed address), whatever the field is called.
func SecretInText(s string) (what, env string) {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "accountkey="):
		return "an Azure connection string", EnvAzureConnection
	case strings.Contains(l, "sharedaccesssignature=") || strings.Contains(l, "sig="):
		return "a shared access signature (sig=)", EnvAzureSAS
	case strings.Contains(l, "x-amz-signature=") || strings.Contains(l, "x-amz-credential=") || strings.Contains(l, "x-amz-security-token="):
		return "an AWS signature", EnvAWSSecret
	case strings.Contains(l, "-----begin"):
		return "a private key", EnvGoogle
	}
	return "", ""
}
