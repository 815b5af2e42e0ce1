package site

import (
	"os"
	"path/filepath"

	policy "safeguard/internal/headers"
)

// Files the build writes for hosts that read their headers from the site
// itself, from the one policy in internal/headers: _headers (Netlify,
// Cloudflare Pages) and staticwebapp.config.json (Azure Static Web Apps).
const (
	headersFile      = "_headers"
	staticWebAppFile = "staticwebapp.config.json"
)

// hostFiles are the files to write into a build, by name: each host file
// that the source folder's static/ does not supply itself.
func hostFiles(root string) map[string][]byte {
	out := map[string][]byte{}
	for name, data := range map[string][]byte{
		headersFile:      []byte(policy.Netlify()),
		staticWebAppFile: policy.StaticWebApp(),
	} {
		if _, err := os.Stat(filepath.Join(root, "static", name)); err != nil {
			out[name] = data
		}
	}
	return out
}

// writeHeaders writes the host files into dest and returns their paths.
func writeHeaders(root, dest string) ([]string, error) {
	var wrote []string
	for name, data := range hostFiles(root) {
		p := filepath.Join(dest, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return wrote, err
		}
		wrote = append(wrote, p)
	}
	return wrote, nil
}
