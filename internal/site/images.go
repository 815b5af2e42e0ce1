package site

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"

	"safeguard/internal/imagemeta"
)

// strippedExts are the image files that may carry EXIF, XMP or IPTC: a
// phone photo's camera, time and GPS coordinates. Nothing the site
// publishes keeps them, wherever the file came from (a page's folder,
// static/, assets/) and whoever wrote it (Hugo's copy of an original, its
// resized copies, the copy of static/).
var strippedExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true, ".gif": true}

// withoutMetadata returns the bytes of the published file name without
// metadata, when it is an image.
func withoutMetadata(name string, data []byte) []byte {
	if !strippedExts[strings.ToLower(filepath.Ext(name))] {
		return data
	}
	return imagemeta.Strip(data)
}

// stripping wraps a file Hugo publishes so that, when it is an image, what
// reaches the disk is the image without metadata: the writes are held and
// written once, stripped, on Close (an image is at most
// content.MaxImageBytes).
func stripping(name string, f afero.File) afero.File {
	if !strippedExts[strings.ToLower(filepath.Ext(name))] {
		return f
	}
	return &strippedFile{File: f, name: name}
}

type strippedFile struct {
	afero.File
	name string
	buf  bytes.Buffer
}

func (s *strippedFile) Write(p []byte) (int, error)       { return s.buf.Write(p) }
func (s *strippedFile) WriteString(p string) (int, error) { return s.buf.WriteString(p) }

func (s *strippedFile) Close() error {
	_, werr := s.File.Write(withoutMetadata(s.name, s.buf.Bytes()))
	cerr := s.File.Close()
	if werr != nil {
		return werr
	}
	return cerr
}
