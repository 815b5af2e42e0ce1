package imagemeta

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	_ "image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestPhotoReadAndStrip(t *testing.T) {
	for _, tc := range []struct {
		orientation int
		gps         bool
	}{{1, false}, {6, true}, {8, false}, {3, true}} {
		data := Photo(64, 48, tc.orientation, tc.gps)
		m := Read(data)
		want := Meta{Format: "jpeg", Orientation: tc.orientation, EXIF: true, GPS: tc.gps, XMP: true, Text: true}
		if m != want {
			t.Errorf("Read(Photo(orientation %d, gps %v)) = %+v, want %+v", tc.orientation, tc.gps, m, want)
		}
		if m.Swapped() != (tc.orientation >= 5) {
			t.Errorf("orientation %d: Swapped() = %v", tc.orientation, m.Swapped())
		}
		s := Strip(data)
		if got := Read(s); got.Any() || got.Orientation != 1 || got.Format != "jpeg" {
			t.Errorf("after Strip: %+v", got)
		}
		samePixels(t, data, s)
		if again := Strip(s); !bytes.Equal(again, s) {
			t.Errorf("Strip of a stripped file changed it")
		}
	}
}

// TestStripJPEGTrailer: a phone's extra images after the end of the main one
// (with EXIF of their own) are dropped, as are IPTC records.
func TestStripJPEGTrailer(t *testing.T) {
	data := Photo(32, 32, 1, false)
	var b bytes.Buffer
	b.Write(data[:2])
	segment(&b, 0xED, []byte("Photoshop 3.0\x008BIM\x04\x04 names and places"))
	b.Write(data[2:])
	b.Write(Photo(8, 8, 1, true))
	m := Read(b.Bytes())
	if !m.IPTC {
		t.Errorf("IPTC not seen: %+v", m)
	}
	s := Strip(b.Bytes())
	if bytes.Contains(s, []byte("Exif")) || bytes.Contains(s, []byte("8BIM")) || bytes.Contains(s, []byte("xmpmeta")) {
		t.Errorf("metadata left after Strip")
	}
	samePixels(t, data, s)
}

func TestStripPNG(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 5, 3))
	img.Pix[0] = 200
	var enc bytes.Buffer
	if err := png.Encode(&enc, img); err != nil {
		t.Fatal(err)
	}
	plain := enc.Bytes()
	// eXIf, tEXt and an XMP iTXt before IDAT, where tools put them.
	i := bytes.Index(plain, []byte("IDAT")) - 4
	var b bytes.Buffer
	b.Write(plain[:i])
	pngChunk(&b, "eXIf", tiff(1, true))
	pngChunk(&b, "tEXt", []byte("Author\x00someone"))
	pngChunk(&b, "iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta/>"))
	b.Write(plain[i:])
	m := Read(b.Bytes())
	if want := (Meta{Format: "png", Orientation: 1, EXIF: true, GPS: true, XMP: true, Text: true}); m != want {
		t.Errorf("Read = %+v, want %+v", m, want)
	}
	s := Strip(b.Bytes())
	if !bytes.Equal(s, plain) {
		t.Errorf("Strip did not give back the plain PNG")
	}
	if got := Strip(plain); !bytes.Equal(got, plain) {
		t.Errorf("Strip changed a PNG without metadata")
	}
}

func pngChunk(b *bytes.Buffer, typ string, body []byte) {
	_ = binary.Write(b, binary.BigEndian, uint32(len(body)))
	c := append([]byte(typ), body...)
	b.Write(c)
	_ = binary.Write(b, binary.BigEndian, crc32.ChecksumIEEE(c))
}

// TestStripWebP drops the EXIF and XMP chunks of an extended WebP, clears
// their flags and fixes the RIFF size; the other chunks stay byte for byte.
func TestStripWebP(t *testing.T) {
	chunk := func(fourcc string, body []byte) []byte {
		c := append([]byte(fourcc), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
		c = append(c, body...)
		if len(body)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	riff := func(chunks ...[]byte) []byte {
		body := []byte("WEBP")
		for _, c := range chunks {
			body = append(body, c...)
		}
		return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
	}
	vp8x := []byte{0x08 | 0x04, 0, 0, 0, 4, 0, 0, 3, 0, 0}
	pixels := chunk("VP8L", []byte{0x2f, 1, 2, 3, 4})
	with := riff(chunk("VP8X", vp8x), pixels, chunk("EXIF", append(append([]byte{}, exifHeader...), tiff(6, true)...)), chunk("XMP ", []byte("<x:xmpmeta/>")))
	m := Read(with)
	if want := (Meta{Format: "webp", Orientation: 6, EXIF: true, GPS: true, XMP: true}); m != want {
		t.Errorf("Read = %+v, want %+v", m, want)
	}
	clean := append([]byte{}, vp8x...)
	clean[0] = 0
	if got, want := Strip(with), riff(chunk("VP8X", clean), pixels); !bytes.Equal(got, want) {
		t.Errorf("Strip = %q\nwant %q", got, want)
	}
}

// TestTruncated: a file cut short anywhere neither panics nor loses pixels
// it had.
func TestTruncated(t *testing.T) {
	data := Photo(16, 16, 6, true)
	for n := range len(data) {
		Read(data[:n])
		Strip(data[:n])
	}
	var g bytes.Buffer
	img := image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.White, color.Black})
	if err := gif.EncodeAll(&g, &gif.GIF{Image: []*image.Paletted{img, img}, Delay: []int{1, 1}}); err != nil {
		t.Fatal(err)
	}
	for n := range g.Len() {
		Read(g.Bytes()[:n])
		Strip(g.Bytes()[:n])
	}
}

func samePixels(t *testing.T, a, b []byte) {
	t.Helper()
	ia, _, err := image.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the stripped file does not decode: %v", err)
	}
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("bounds %v, then %v", ia.Bounds(), ib.Bounds())
	}
	for y := ia.Bounds().Min.Y; y < ia.Bounds().Max.Y; y++ {
		for x := ia.Bounds().Min.X; x < ia.Bounds().Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				t.Fatalf("pixel %d,%d differs", x, y)
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite the kitchen sink's portrait photo from Photo")

// TestKitchenSinkPortrait: the kitchen sink's portrait photo is the one Photo
// makes (landscape pixels, EXIF orientation 6, no GPS), so the file in the
// repository is known to be what the tests of its orientation say.
func TestKitchenSinkPortrait(t *testing.T) {
	name := filepath.Join("..", "..", "testdata", "kitchensink", "content", "articles", "photo-from-a-phone", "portrait.jpg")
	want := Photo(1280, 960, 6, false)
	if *update {
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not Photo(1280, 960, 6, false) (run go test -update after a deliberate change)", name)
	}
}

// TestStripGIF drops a comment and an XMP packet from an animated GIF and
// keeps its frames, their timing and its loop count.
func TestStripGIF(t *testing.T) {
	g := &gif.GIF{LoopCount: 3}
	pal := color.Palette{color.White, color.Black}
	for i := range 3 {
		img := image.NewPaletted(image.Rect(0, 0, 4, 4), pal)
		img.SetColorIndex(i, i, 1)
		g.Image = append(g.Image, img)
		g.Delay = append(g.Delay, 20+i)
	}
	var enc bytes.Buffer
	if err := gif.EncodeAll(&enc, g); err != nil {
		t.Fatal(err)
	}
	plain := enc.Bytes()
	if m := Read(plain); m.Any() || m.Format != "gif" {
		t.Fatalf("Read(plain GIF) = %+v", m)
	}
	// Insert a comment and an XMP application extension before the first image.
	i := 13 // after the header, and the global colour table if there is one
	if plain[10]&0x80 != 0 {
		i += 3 << (plain[10]&7 + 1)
	}
	xmp := append([]byte{0x21, 0xFF, 11}, "XMP DataXMP"...)
	xmp = append(xmp, 5, '<', 'x', ':', 'x', '>', 0)
	comment := append([]byte{0x21, 0xFE, 5}, "hello"...)
	comment = append(comment, 0)
	with := append(append(append(append([]byte{}, plain[:i]...), xmp...), comment...), plain[i:]...)
	if m := Read(with); !m.XMP || !m.Text {
		t.Errorf("Read = %+v, want XMP and text", m)
	}
	s := Strip(with)
	if !bytes.Equal(s, plain) {
		t.Errorf("Strip did not give back the plain GIF")
	}
	back, err := gif.DecodeAll(bytes.NewReader(s))
	if err != nil || back.LoopCount != 3 || len(back.Image) != 3 || back.Delay[2] != 22 {
		t.Errorf("the stripped GIF lost its animation: %v", err)
	}
}
