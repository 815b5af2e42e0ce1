package check

import (
	"fmt"
	"image"
	_ "image/gif"  // sizes are read from the headers
	_ "image/jpeg" // sizes are read from the headers
	_ "image/png"  // sizes are read from the headers
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	_ "golang.org/x/image/webp" // sizes are read from the headers

	"safeguard/internal/diag"
)

// Limits on an image file a writer adds. Hugo decodes every image it
// resizes whole into memory (4 bytes a pixel), so an original over these is
// refused before the build starts, with its path: a 20,000 × 20,000 pixel
// file would take 1.6 GB. A phone photo is 12 to 24 megapixels and 3 to 8 MB.
const (
	MaxImageBytes  = 10 << 20   // 10 MB
	MaxImagePixels = 40_000_000 // 40 megapixels
)

// imageExts are the files the website's build processes.
var imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true}

// ImageLimits reports every image under the source folder's content/, static/
// and assets/ that is over MaxImageBytes or MaxImagePixels, reading only each
// file's size and header (image.DecodeConfig). Run it before the website's
// build: past it, Hugo would decode such a file whole. It warns about the
// others' contents too (imageWarnings).
func ImageLimits(root string) diag.List {
	var l diag.List
	for _, dir := range []string{"content", "static", "assets"} {
		base := filepath.Join(root, dir)
		_ = filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || !imageExts[strings.ToLower(filepath.Ext(p))] {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return nil
			}
			if msg := imageOverLimit(p); msg != "" {
				l.Errorf(filepath.ToSlash(rel), 0, 0, "image-size", "%s", msg)
			} else {
				imageWarnings(&l, p, filepath.ToSlash(rel))
			}
			return nil
		})
	}
	return l
}

// imageOverLimit says what is wrong with the image file at p, or "".
func imageOverLimit(p string) string {
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	name := path.Base(filepath.ToSlash(p))
	if fi.Size() > MaxImageBytes {
		return fmt.Sprintf("the image %s is %.1f MB, more than the %d MB an image may be (save a smaller copy: 2,000 pixels wide is plenty for the site and the newsletter)", name, float64(fi.Size())/(1<<20), MaxImageBytes>>20)
	}
	cfg, _, err := image.DecodeConfig(io.LimitReader(f, 1<<20))
	if err != nil {
		return "" // not an image whose size can be read: other checks say so where it is used
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxImagePixels {
		return fmt.Sprintf("the image %s is %d × %d pixels (%.0f megapixels), more than the %d megapixels an image may have (save a smaller copy: 2,000 pixels wide is plenty for the site and the newsletter)", name, cfg.Width, cfg.Height, float64(px)/1e6, MaxImagePixels/1_000_000)
	}
	return ""
}
