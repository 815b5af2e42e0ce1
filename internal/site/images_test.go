package site

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"image/gif"
	_ "image/jpeg" // published images are decoded
	_ "image/png"  // published images are decoded

	_ "golang.org/x/image/webp" // published images are decoded

	"safeguard/internal/content"
	"safeguard/internal/imagemeta"
)

// buildReal builds the site at root with the built-in theme, as build does.
func buildReal(t *testing.T, root string) string {
	t.Helper()
	s, d := content.Load(root, content.Options{Today: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)})
	if s == nil || d.HasErrors() {
		t.Fatalf("loading %s:\n%v", root, d.Errors())
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, d := Build(context.Background(), s, Output{Dest: dest}, Options{}); d.HasErrors() {
		t.Fatalf("building %s:\n%v", root, d)
	}
	return dest
}

// publishedImages returns every image file under dest, by slash path.
func publishedImages(t *testing.T, dest string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".jpg", ".jpeg", ".png", ".webp", ".gif":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dest, p)
			out[filepath.ToSlash(rel)] = data
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// metadataMarks are the bytes that begin EXIF, XMP and IPTC blocks in any
// image format: a second look beside imagemeta.Read, which parses.
var metadataMarks = []string{"Exif\x00\x00", "http://ns.adobe.com/xap/1.0/", "<x:xmpmeta", "Photoshop 3.0\x00", "XMP DataXMP"}

// TestPublishedImagesCarryNoMetadata builds the kitchen sink, with phone
// photos that carry GPS coordinates added beside a page, under static/ and
// linked and not, and this repository's own site, and reads every image
// either publishes: none has EXIF, XMP, IPTC or GPS coordinates.
func TestPublishedImagesCarryNoMetadata(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(root, os.DirFS(filepath.Join("..", "..", "testdata", "kitchensink"))); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(root, "content", "articles", "photo-from-a-phone")
	for name, data := range map[string][]byte{
		filepath.Join(bundle, "unlinked.jpg"):               imagemeta.Photo(900, 600, 6, true),
		filepath.Join(bundle, "small.jpg"):                  imagemeta.Photo(200, 150, 6, true),
		filepath.Join(root, "static", "images", "gps.jpg"):  imagemeta.Photo(700, 500, 1, true),
		filepath.Join(root, "static", "images", "kept.jpg"): imagemeta.Photo(300, 200, 8, true),
	} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// An animated GIF with an XMP packet and a comment, as image editors
	// save them.
	var anim bytes.Buffer
	frame := image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.White, color.Black})
	if err := gif.EncodeAll(&anim, &gif.GIF{Image: []*image.Paletted{frame, frame}, Delay: []int{50, 50}, LoopCount: -1}); err != nil {
		t.Fatal(err)
	}
	xmp := append([]byte{0x21, 0xFF, 11}, "XMP DataXMP\x05<x:x>\x00\x21\xFE\x04note\x00"...)
	animated := append(append(append([]byte{}, anim.Bytes()[:13]...), xmp...), anim.Bytes()[13:]...)
	if m := imagemeta.Read(animated); !m.XMP {
		t.Fatalf("the test GIF has no XMP: %+v", m)
	}
	if err := os.WriteFile(filepath.Join(root, "static", "images", "moving.gif"), animated, 0o644); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(bundle, "index.md")
	md, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	md = append(md, "\n![A small photo](small.jpg)\n\n![A photo from static](/images/gps.jpg)\n\n![A short animation](/images/moving.gif)\n"...)
	if err := os.WriteFile(index, md, 0o644); err != nil {
		t.Fatal(err)
	}
	sites := map[string]string{"the kitchen sink": buildReal(t, root)}
	if !testing.Short() {
		sites["this repository's site"] = buildReal(t, filepath.Join("..", ".."))
	}
	for what, dest := range sites {
		imgs := publishedImages(t, dest)
		if len(imgs) == 0 && what == "the kitchen sink" {
			t.Errorf("%s: no images published", what)
		}
		for p, data := range imgs {
			if m := imagemeta.Read(data); m.Any() {
				t.Errorf("%s: %s carries metadata: %+v", what, p, m)
			}
			for _, mark := range metadataMarks {
				if bytes.Contains(data, []byte(mark)) {
					t.Errorf("%s: %s holds %q", what, p, mark)
				}
			}
		}
		t.Logf("%s: %d published images, none with metadata", what, len(imgs))
	}
	// The originals under static/ are published too (a page may link them
	// as they are), without their metadata.
	for _, p := range []string{"images/gps.jpg", "images/kept.jpg", "images/moving.gif"} {
		if _, ok := publishedImages(t, sites["the kitchen sink"])[p]; !ok {
			t.Errorf("%s not published", p)
		}
	}
}

// TestKitchenSinkConstructs builds the kitchen sink and looks at what the
// pages make of a writer's constructs.
func TestKitchenSinkConstructs(t *testing.T) {
	dest := buildReal(t, filepath.Join("..", "..", "testdata", "kitchensink"))
	t.Run("portrait photo upright", func(t *testing.T) { portraitUpright(t, dest) })
	t.Run("caption", func(t *testing.T) {
		page := read(t, filepath.Join(dest, "articles", "photo-from-a-phone", "index.html"))
		if !regexp.MustCompile(`<figure class="?figure"?><picture>.*?<img [^>]*alt="The front door of the community centre, taken upright"[^>]*></picture><figcaption>Our front door on a weekday morning</figcaption></figure>`).MatchString(page) {
			t.Errorf("the photo with a title is not a <figure> with its title as <figcaption>:\n%s", page)
		}
		if !strings.Contains(page, `<p><img src=/articles/photo-from-a-phone/community-centre.png`) {
			t.Errorf("an image without a title is no longer a paragraph of its own:\n%s", page)
		}
	})
	t.Run("caption in another language", func(t *testing.T) {
		page := read(t, filepath.Join(dest, "events", "weekend-drop-in", "index.html"))
		if !regexp.MustCompile(`<figure class="?figure"? lang="?cy"?><img [^>]*alt="Canolfan gymunedol"[^>]*><figcaption>Y ganolfan gymunedol ar Fore Street</figcaption></figure>`).MatchString(page) {
			t.Errorf("the Welsh picture's <figure> lacks lang=cy or its caption:\n%s", page)
		}
	})
	t.Run("event start and end", func(t *testing.T) {
		for page, want := range map[string]string{
			"events/weekend-drop-in/index.html": `<time datetime=2026-10-24T10:00>Saturday 24 October 2026, 10am</time> to <time datetime=2026-10-25T16:00>Sunday 25 October 2026, 4pm</time>`,
			"events/evening-talk/index.html":    `<time datetime=2026-12-03T18:00>Thursday 3 December 2026, 6pm</time> to <time datetime=2026-12-03T19:30>7:30pm</time>`,
		} {
			if got := read(t, filepath.Join(dest, filepath.FromSlash(page))); !strings.Contains(got, want) {
				t.Errorf("%s lacks %s:\n%s", page, want, got)
			}
		}
	})
}

// portraitUpright: a photo stored on its side with EXIF orientation 6 is
// published upright, on the page (every copy in its srcset, and the width
// and height of its <img>) and in the newsletter's email copy.
func portraitUpright(t *testing.T, dest string) {
	page := read(t, filepath.Join(dest, "articles", "photo-from-a-phone", "index.html"))
	tag := regexp.MustCompile(`<img [^>]*alt="The front door of the community centre, taken upright"[^>]*>`).FindString(page)
	if tag == "" {
		t.Fatalf("no <img> of the portrait photo in the page:\n%s", page)
	}
	attr := func(name string) string {
		m := regexp.MustCompile(`\s` + name + `="?([^"\s>]*)`).FindStringSubmatch(tag)
		if m == nil {
			t.Fatalf("the portrait's <img> has no %s: %s", name, tag)
		}
		return m[1]
	}
	w, _ := strconv.Atoi(attr("width"))
	h, _ := strconv.Atoi(attr("height"))
	if w <= 0 || h <= w {
		t.Errorf("the portrait's <img> is %d×%d, not upright: %s", w, h, tag)
	}
	srcs := regexp.MustCompile(`/articles/photo-from-a-phone/portrait[^ "]*\.(?:jpg|webp)`).FindAllString(page, -1)
	if len(srcs) < 4 {
		t.Errorf("only %d copies of the portrait in the page", len(srcs))
	}
	for _, src := range append(srcs, "/newsletter/2026-11/images/photo-from-a-phone-portrait.jpg") {
		upright(t, filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(src, "/"))))
	}
}

// upright checks that the image file at p is taller than wide with the red
// band imagemeta.Photo paints at the top of the upright picture.
func upright(t *testing.T, p string) {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Errorf("%s: %v", p, err)
		return
	}
	b := img.Bounds()
	red := func(x, y int) bool {
		c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
		return c.R > 150 && c.B < 100
	}
	if b.Dx() >= b.Dy() || !red(b.Dx()/2, b.Dy()/20) || red(b.Dx()/2, b.Dy()*19/20) {
		t.Errorf("%s is %d×%d with red at the top %v and the bottom %v: not upright", p, b.Dx(), b.Dy(), red(b.Dx()/2, b.Dy()/20), red(b.Dx()/2, b.Dy()*19/20))
	}
}

// TestPreviewImagesCarryNoMetadata: the preview (a Session, in memory)
// serves images without metadata too, Hugo's copies and static/ alike.
func TestPreviewImagesCarryNoMetadata(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(root, os.DirFS(filepath.Join("..", "..", "testdata", "kitchensink"))); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		filepath.Join(root, "content", "articles", "photo-from-a-phone", "gps.jpg"): imagemeta.Photo(300, 200, 6, true),
		filepath.Join(root, "static", "images", "gps.jpg"):                          imagemeta.Photo(300, 200, 1, true),
	} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := NewSession(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := build(t, s)
	n := 0
	for p, data := range u.Files {
		if !strippedExts[strings.ToLower(filepath.Ext(p))] {
			continue
		}
		n++
		if m := imagemeta.Read(data); m.Any() {
			t.Errorf("the preview serves %s with metadata: %+v", p, m)
		}
	}
	for _, p := range []string{"articles/photo-from-a-phone/gps.jpg", "images/gps.jpg"} {
		if _, ok := u.Files[p]; !ok {
			t.Errorf("the preview does not serve %s", p)
		}
	}
	t.Logf("the preview serves %d images, none with metadata", n)
}
