package content

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"safeguard/internal/imagemeta"
)

// animation is a GIF of frames frames of delay hundredths of a second each,
// played loop times more after the first (0 forever, -1 once).
func animation(t *testing.T, frames, delay, loop int) []byte {
	t.Helper()
	g := &gif.GIF{LoopCount: loop}
	pal := color.Palette{color.White, color.Black}
	for i := range frames {
		img := image.NewPaletted(image.Rect(0, 0, 4, 4), pal)
		img.SetColorIndex(i%4, 0, 1)
		g.Image = append(g.Image, img)
		g.Delay = append(g.Delay, delay)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImageWarnings: a photo with GPS coordinates and an animated GIF that
// loops forever or runs over 5 seconds are warnings naming the file; a photo
// without GPS and a short animation pass.
func TestImageWarnings(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{
		"content/articles/a/gps.jpg":   imagemeta.Photo(40, 30, 6, true),
		"content/articles/a/plain.jpg": imagemeta.Photo(40, 30, 6, false),
		"static/images/forever.gif":    animation(t, 3, 50, 0),
		"static/images/long.gif":       animation(t, 4, 50, 2),  // 3 plays of 2 s
		"static/images/short.gif":      animation(t, 4, 50, -1), // once, 2 s
		"static/images/fast.gif":       animation(t, 60, 0, -1), // no delay: 1/10 s a frame, 6 s
		"assets/still.gif":             animation(t, 1, 0, 0),
	}
	for rel, data := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	_, d := Load(root, Options{})
	for _, x := range d.Sort() {
		if x.Rule == ruleImageGPS || x.Rule == ruleImageAnimation {
			got = append(got, x.String())
		}
	}
	want := []string{
		"content/articles/a/gps.jpg: warning: the photo gps.jpg records the place where it was taken (GPS coordinates)",
		"static/images/fast.gif: warning: the animated GIF fast.gif plays for 6.0 seconds, more than 5",
		"static/images/forever.gif: warning: the animated GIF forever.gif plays again and again without end",
		"static/images/long.gif: warning: the animated GIF long.gif plays for 6.0 seconds, more than 5",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s...", got[i], want[i])
		}
	}
}

// TestKitchenSinkAnimation: the kitchen sink's looping GIF is the one
// animation makes (3 frames of half a second, looping forever), so the file
// in the repository is known to be what its warning says.
func TestKitchenSinkAnimation(t *testing.T) {
	name := filepath.Join("..", "..", "testdata", "kitchensink", "static", "images", "drop-in.gif")
	want := animation(t, 3, 50, 0)
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
		t.Errorf("%s is not animation(3, 50, 0) (run go test -update after a deliberate change)", name)
	}
	if msg := animationTooLong("drop-in.gif", got); !strings.Contains(msg, "without end") {
		t.Errorf("the kitchen sink's GIF is not reported as looping forever: %q", msg)
	}
}
