package check

import (
	"bytes"
	"fmt"
	"image/gif"
	"os"
	"path"

	"safeguard/internal/diag"
	"safeguard/internal/imagemeta"
)

// Longest an animation may run before a reader must be able to stop it
// (WCAG 2.2.2 Pause, Stop, Hide). An image cannot offer a pause button.
const maxAnimation = 5 // seconds

// imageWarnings warns about an image file (a regular file within the
// limits) that gives away where it was taken, or moves for too long.
func imageWarnings(l *diag.List, p, rel string) {
	data, err := os.ReadFile(p)
	if err != nil {
		return
	}
	name := path.Base(rel)
	if m := imagemeta.Read(data); m.GPS {
		l.Warnf(rel, 0, 0, "image-gps", "the photo %s records the place where it was taken (GPS coordinates); the website and the newsletter publish it without them, but the file itself still has them (remove the location from the photo before you share it anywhere else, and switch off location for the phone's camera)", name)
	}
	if msg := animationTooLong(name, data); msg != "" {
		l.Warnf(rel, 0, 0, "image-animation", "%s", msg)
	}
}

// animationTooLong says what is wrong with an animated GIF that loops
// forever or runs longer than maxAnimation seconds, or "".
func animationTooLong(name string, data []byte) string {
	if !bytes.HasPrefix(data, []byte("GIF8")) {
		return ""
	}
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil || len(g.Image) < 2 {
		return ""
	}
	const fix = "moving pictures a reader cannot stop distract, and can make some people unwell (save it to play once for 5 seconds or less, or use a still picture, and link to a video the reader can pause)"
	if g.LoopCount == 0 {
		return fmt.Sprintf("the animated GIF %s plays again and again without end: %s", name, fix)
	}
	var hundredths int
	for _, d := range g.Delay {
		if d <= 1 {
			d = 10 // browsers show a frame with no delay for 1/10 s
		}
		hundredths += d
	}
	plays := 1
	if g.LoopCount > 0 {
		plays += g.LoopCount
	}
	if secs := float64(hundredths*plays) / 100; secs > maxAnimation {
		return fmt.Sprintf("the animated GIF %s plays for %.1f seconds, more than %d: %s", name, secs, maxAnimation, fix)
	}
	return ""
}
