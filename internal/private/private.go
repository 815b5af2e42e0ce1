package private

import (
	"path"
	"strings"
)

// Verdict is what may be done with a file.
type Verdict int

const (
	// Publish: an ordinary file.
	Publish Verdict = iota
	// Leftover: a hidden file or folder, or a file an editor or operating
	// system leaves behind; never meant for readers, harmless, so skipped with
	// a warning.
	Leftover
	// Secret: a key, password or configuration that gives access to
	// something; publishing it would hand that access to anyone, so it is an
	// error that stops the build.
	Secret
)

func (v Verdict) String() string {
	switch v {
	case Leftover:
		return "leftover"
	case Secret:
		return "secret"
	}
	return "publish"
}

// wellKnown is the one hidden folder a site publishes on purpose (RFC 8615:
// security.txt, and the files hosts and apps look for).
const wellKnown = ".well-known"

// secretNames are whole file names (lower case) that hold credentials.
var secretNames = map[string]string{
	".env":             "an environment file, which holds passwords and keys",
	".htpasswd":        "a web server password file",
	".netrc":           "a file of login names and passwords",
	".npmrc":           "a package registry configuration, which can hold a token",
	".pgpass":          "a database password file",
	".git-credentials": "a file of Git passwords",
	"credentials":      "a credentials file",
	"id_rsa":           "a private SSH key",
	"id_dsa":           "a private SSH key",
	"id_ecdsa":         "a private SSH key",
	"id_ed25519":       "a private SSH key",
	"secrets.yaml":     "a file of secrets",
	"secrets.yml":      "a file of secrets",
	"secrets.json":     "a file of secrets",
}

// secretExts are file name endings (lower case) of keys and certificates
// that may hold a private key.
var secretExts = map[string]string{
	".pem":  "a key or certificate file (PEM), which may hold a private key",
	".key":  "a private key file",
	".p12":  "a key store (PKCS #12), which holds a private key",
	".pfx":  "a key store (PKCS #12), which holds a private key",
	".jks":  "a Java key store, which holds private keys",
	".ppk":  "a private PuTTY key",
	".kdbx": "a password database",
}

// secretDirs are folder names (lower case) whose whole content is private.
var secretDirs = map[string]string{
	".git": "a Git folder, which holds the repository's history and settings",
	".svn": "a Subversion folder, which holds the repository's settings",
	".hg":  "a Mercurial folder, which holds the repository's history",
	".ssh": "an SSH folder, which holds keys",
	".aws": "an AWS folder, which holds credentials",
}

// leftoverNames are whole file names (lower case) that operating systems
// and editors leave behind.
var leftoverNames = map[string]bool{
	".ds_store": true, "thumbs.db": true, "desktop.ini": true, "ehthumbs.db": true,
}

// Classify says whether the file at rel (a slash path relative to the folder
// being published: static/, a page folder's place in the site, or the
// output folder) may be published, and if not, why, in words for a writer.
// A secret anywhere in the path wins over a hidden folder: static/.git/config
// is a secret, not a leftover.
func Classify(rel string) (Verdict, string) {
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "" {
		return Publish, ""
	}
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		lower := strings.ToLower(part)
		if i < len(parts)-1 {
			if why, ok := secretDirs[lower]; ok {
				return Secret, "it is inside " + why
			}
			continue
		}
		if why, ok := secretNames[lower]; ok {
			return Secret, "it is " + why
		}
		if strings.HasPrefix(lower, ".env.") || strings.HasSuffix(lower, ".env") {
			return Secret, "it is " + secretNames[".env"]
		}
		for _, key := range []string{"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"} {
			if strings.HasPrefix(lower, key) {
				return Secret, "it is " + secretNames[key] + " (or its public half, which belongs with it)"
			}
		}
		if why, ok := secretExts[path.Ext(lower)]; ok {
			return Secret, "it is " + why
		}
	}
	for i, part := range parts {
		if i == 0 && part == wellKnown {
			continue
		}
		if strings.HasPrefix(part, ".") {
			if i < len(parts)-1 {
				return Leftover, "it is inside a hidden folder (" + part + ")"
			}
			break
		}
	}
	name := parts[len(parts)-1]
	lower := strings.ToLower(name)
	switch {
	case leftoverNames[lower]:
		return Leftover, "it is a file the operating system makes, not part of the site"
	case strings.HasSuffix(name, "~"), strings.HasPrefix(name, ".#"),
		strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".swo"),
		strings.HasSuffix(lower, ".bak"), strings.HasSuffix(lower, ".orig"), strings.HasSuffix(lower, ".tmp"):
		return Leftover, "it is a backup or temporary file an editor leaves behind"
	case strings.HasPrefix(name, "."):
		return Leftover, "it is a hidden file"
	}
	return Publish, ""
}
