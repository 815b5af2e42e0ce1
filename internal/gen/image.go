package gen

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
)

// picture draws a small PNG (a few coloured bands and a block, like a
// placeholder photo) so page bundles carry real image files for Hugo to copy.
func picture(r *rand.Rand) []byte {
	const w, h = 96, 64
	pal := color.Palette{}
	for range 4 {
		pal = append(pal, color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255})
	}
	img := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	band := 8 + r.IntN(16)
	bx, by := r.IntN(w/2), r.IntN(h/2)
	for y := range h {
		for x := range w {
			i := uint8((y / band) % 3)
			if x >= bx && x < bx+w/3 && y >= by && y < by+h/3 {
				i = 3
			}
			img.SetColorIndex(x, y, i)
		}
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, img); err != nil {
		panic(err) // encoding an in-memory paletted image cannot fail
	}
	return b.Bytes()
}
