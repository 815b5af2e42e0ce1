package newsletter

import (
	"safeguard/internal/content"
	"safeguard/internal/diag"
)

// File is one output file, Path relative to the published folder
// (for example "newsletter/2020-12/safeguarding-through-prevent.html").
type File struct {
	Path string
	Data []byte
}

// Generator makes the newsletter outputs; it remembers work between calls so a
// preview server can call Files after every edit cheaply.
type Generator struct{}

// NewGenerator returns an empty Generator.
func NewGenerator() *Generator { return &Generator{} }

// Files returns every newsletter output for the site (placeholder: none yet).
func (g *Generator) Files(s *content.Site) ([]File, diag.List) { return nil, nil }
