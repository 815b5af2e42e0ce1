package content

import (
	"fmt"
	"image"
	_ "image/gif"  // sizes are read from the headers
	_ "image/jpeg" // sizes are read from the headers
	_ "image/png"  // sizes are read from the headers
	"io"

	_ "golang.org/x/image/webp" // sizes are read from the headers
)

// Limits on an image file a writer adds. Hugo decodes every image it
// resizes whole into memory (4 bytes a pixel), so an original over these is
// refused before the build starts, with its path: a 20,000 × 20,000 pixel
// file would take 1.6 GB. A phone photo is 12 to 24 megapixels and 3 to 8 MB.
const (
	MaxImageBytes  = 10 << 20   // 10 MB
	MaxImagePixels = 40_000_000 // 40 megapixels
)

// imageHeader is how much of an image file is read for its size.
const imageHeader = 1 << 20

// imageExts are the files the website's build processes.
var imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true}

// imageOverLimit reads an image's header from head (the start of a file of
// size bytes named name) and says what is wrong with it, or "". The
// header's size is nil when it cannot be read: other checks say so where
// the image is used.
func imageOverLimit(name string, size int64, head io.Reader) (*ImageConfig, string) {
	if size > MaxImageBytes {
		return nil, fmt.Sprintf("the image %s is %.1f MB, more than the %d MB an image may be (save a smaller copy: 2,000 pixels wide is plenty for the site and the newsletter)", name, float64(size)/(1<<20), MaxImageBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(head)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, ""
	}
	ic := &ImageConfig{Width: cfg.Width, Height: cfg.Height, Format: format}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxImagePixels {
		return ic, fmt.Sprintf("the image %s is %d × %d pixels (%.0f megapixels), more than the %d megapixels an image may have (save a smaller copy: 2,000 pixels wide is plenty for the site and the newsletter)", name, cfg.Width, cfg.Height, float64(px)/1e6, MaxImagePixels/1_000_000)
	}
	return ic, ""
}
