package site

import (
	"os"
	"path/filepath"
)

const headersFile = "_headers"

// headers is the _headers file (Netlify and Cloudflare Pages read it) written
// into every build. The site loads nothing from other hosts and runs no inline
// script, so the policy is 'self' only. Newsletter fragments carry inline
// styles (email clients need them) and are shown framed in the preview, so
// /newsletter/* detaches the site-wide policy ("! Name", Cloudflare Pages'
// syntax) and sets a looser one.
const headers = `# Security headers for static hosts that read this file (Netlify, Cloudflare Pages).
# Written by safeguard build; put your own in static/_headers to replace it.
/*
  Content-Security-Policy: default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Permissions-Policy: accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=(), interest-cohort=()
  X-Frame-Options: DENY

/newsletter/*
  ! Content-Security-Policy
  ! X-Frame-Options
  Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'
  X-Frame-Options: SAMEORIGIN
`

// writeHeaders writes _headers into dest unless the source folder's static/
// already supplied one (copied before the build).
func writeHeaders(root, dest string) error {
	if _, err := os.Stat(filepath.Join(root, "static", headersFile)); err == nil {
		return nil
	}
	return os.WriteFile(filepath.Join(dest, headersFile), []byte(headers), 0o644)
}
