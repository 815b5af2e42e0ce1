package content

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The input gate refuses an image over 10 MB or 40 megapixels in content/,
// static/ or assets/, from its size and header alone, and reads a symbolic
// link's target once (its own verdict).
func TestImageLimits(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "site.yaml", okSite)
	writeFile(t, root, "content/articles/a.md", okArticle)
	writeFile(t, root, "content/contacts/ae.md", okContact)
	write := func(rel string, data []byte) string {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var small bytes.Buffer
	if err := png.Encode(&small, image.NewGray(image.Rect(0, 0, 40, 30))); err != nil {
		t.Fatal(err)
	}
	write("content/articles/ok/photo.png", small.Bytes())
	// The same PNG with a header claiming 10,000 × 5,000 pixels: 50 megapixels.
	wide := append([]byte{}, small.Bytes()...)
	copy(wide[16:24], []byte{0, 0, 0x27, 0x10, 0, 0, 0x13, 0x88})
	binary.BigEndian.PutUint32(wide[29:33], crc32.ChecksumIEEE(wide[12:29])) // the IHDR's checksum
	write("static/images/wide.PNG", wide)
	// 11 MB (sparse: only the size is set).
	heavy := write("assets/heavy.jpg", nil)
	if err := os.Truncate(heavy, 11<<20); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(heavy, filepath.Join(root, "static", "link.jpg")); err != nil {
		t.Fatal(err)
	}

	var got []string
	_, d := Load(root, Options{Today: testToday})
	for _, d := range d {
		got = append(got, d.String())
	}
	want := []string{
		"assets/heavy.jpg: error: the image heavy.jpg is 11.0 MB, more than the 10 MB an image may be",
		"static/images/wide.PNG: error: the image wide.PNG is 10000 × 5000 pixels (50 megapixels), more than the 40 megapixels an image may have",
		"static/link.jpg: error: the image link.jpg is 11.0 MB",
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
