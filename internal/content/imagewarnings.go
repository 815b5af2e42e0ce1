package content

import (
	"bytes"
	"fmt"
	"image/gif"

	"safeguard/internal/imagemeta"
)

// Rules of the gate's warnings about an image within the limits.
const (
	ruleImageGPS       = "image-gps"
	ruleImageAnimation = "image-animation"
)

// Longest an animation may run before a reader must be able to stop it
// (WCAG 2.2.2 Pause, Stop, Hide). An image cannot offer a pause button.
const maxAnimation = 5 // seconds

// imageWarnings says what a writer should know about an image within the
// limits, named name: that it gives away where it was taken, or moves for
// too long. head is the start of the file (its metadata is there); whole
// reads the rest, for a GIF's frames.
func imageWarnings(name string, cfg *ImageConfig, head []byte, whole func() []byte) []warning {
	var out []warning
	m := imagemeta.Read(head)
	if m.GPS {
		out = append(out, warning{ruleImageGPS, fmt.Sprintf("the photo %s records the place where it was taken (GPS coordinates); the website and the newsletter publish it without them, but the file itself still has them (remove the location from the photo before you share it anywhere else, and switch off location for the phone's camera)", name)})
	}
	if cfg.Format == "gif" {
		if msg := animationTooLong(name, whole()); msg != "" {
			out = append(out, warning{ruleImageAnimation, msg})
		}
	}
	return out
}

// warning is something the gate tells a writer about a file it publishes.
type warning struct{ rule, msg string }

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
