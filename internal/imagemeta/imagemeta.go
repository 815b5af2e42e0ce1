package imagemeta

import (
	"bytes"
	"encoding/binary"
)

// Meta is what an image file carries besides its pixels.
type Meta struct {
	Format string // "jpeg", "png", "webp", "gif", or "" for any other file
	// Orientation is the EXIF orientation (1 to 8): 6 is a phone held
	// upright, whose pixels are stored on their side. 1 when absent.
	Orientation int
	EXIF        bool // an EXIF block (camera, times, perhaps GPS)
	GPS         bool // EXIF GPS coordinates: where the photo was taken
	XMP         bool // an XMP packet (Adobe's metadata, may repeat the EXIF)
	IPTC        bool // IPTC/Photoshop records (captions, names, places)
	Text        bool // other text: JPEG comments, PNG text and time chunks
}

// Any reports whether the file carries anything Strip removes.
func (m Meta) Any() bool { return m.EXIF || m.GPS || m.XMP || m.IPTC || m.Text }

// Swapped reports whether the image is shown turned a quarter (EXIF
// orientations 5 to 8), so its width and height as shown are its stored
// height and width.
func (m Meta) Swapped() bool { return m.Orientation >= 5 && m.Orientation <= 8 }

// Read says what the image file data carries. A file it cannot parse, or
// of another format, reads as carrying nothing; data may be cut short (the
// start of a file), which reads as far as it goes.
func Read(data []byte) Meta {
	m := Meta{Orientation: 1}
	switch {
	case isJPEG(data):
		m.Format = "jpeg"
		jpegSegments(data, func(marker byte, seg []byte) bool {
			m.note(jpegKind(marker, seg), seg)
			return false
		})
	case isPNG(data):
		m.Format = "png"
		pngChunks(data, func(typ string, body []byte) bool {
			switch {
			case typ == "eXIf":
				m.EXIF = true
				m.exif(body)
			case typ == "iTXt" && bytes.HasPrefix(body, []byte("XML:com.adobe.xmp\x00")):
				m.XMP = true
			case pngText[typ]:
				m.Text = true
			}
			return false
		})
	case isGIF(data):
		m.Format = "gif"
		gifBlocks(data, func(kind gifKind, _ []byte) {
			switch kind {
			case gifXMP:
				m.XMP = true
			case gifText:
				m.Text = true
			}
		})
	case isWebP(data):
		m.Format = "webp"
		webpChunks(data, func(fourcc string, body []byte) bool {
			switch fourcc {
			case "EXIF":
				m.EXIF = true
				m.exif(bytes.TrimPrefix(body, exifHeader))
			case "XMP ":
				m.XMP = true
			}
			return false
		})
	}
	return m
}

// Strip returns the image file data without its metadata (what Read
// reports), the image data copied byte for byte; data itself when there is
// nothing to remove or the file is not a JPEG, PNG, WebP or GIF it can parse.
func Strip(data []byte) []byte {
	switch {
	case isGIF(data):
		return stripGIF(data)
	case isJPEG(data):
		return stripJPEG(data)
	case isPNG(data):
		return stripPNG(data)
	case isWebP(data):
		return stripWebP(data)
	}
	return data
}

// kind is what one JPEG segment holds.
type kind int

const (
	keep kind = iota
	exifSeg
	xmpSeg
	iptcSeg
	textSeg
)

var (
	exifHeader = []byte("Exif\x00\x00")
	xmpHeader  = []byte("http://ns.adobe.com/xap/1.0/\x00")
	xmpExt     = []byte("http://ns.adobe.com/xmp/extension/\x00")
	iccHeader  = []byte("ICC_PROFILE\x00")
)

// jpegKind sorts a JPEG segment: APP0 (JFIF), APP2's colour profile and
// APP14 (Adobe's colour transform) are needed to draw the pixels as meant;
// every other application segment and comment is metadata (APP2's
// multi-picture index points at images appended after the main one, which
// stripping drops).
func jpegKind(marker byte, seg []byte) kind {
	switch {
	case marker == 0xE0 || marker == 0xEE:
		return keep
	case marker == 0xE2 && bytes.HasPrefix(seg, iccHeader):
		return keep
	case marker == 0xE1 && bytes.HasPrefix(seg, exifHeader):
		return exifSeg
	case marker == 0xE1 && (bytes.HasPrefix(seg, xmpHeader) || bytes.HasPrefix(seg, xmpExt)):
		return xmpSeg
	case marker == 0xED:
		return iptcSeg
	case marker >= 0xE0 && marker <= 0xEF, marker == 0xFE:
		return textSeg
	}
	return keep
}

func (m *Meta) note(k kind, seg []byte) {
	switch k {
	case exifSeg:
		m.EXIF = true
		m.exif(seg[len(exifHeader):])
	case xmpSeg:
		m.XMP = true
	case iptcSeg:
		m.IPTC = true
	case textSeg:
		m.Text = true
	}
}

// exif reads the orientation and whether there are GPS coordinates from a
// TIFF-structured EXIF block.
func (m *Meta) exif(t []byte) {
	if len(t) < 8 {
		return
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return
	}
	ifd := func(off uint32, each func(tag, typ uint16, count uint32, value []byte)) {
		if off < 8 || uint64(off)+2 > uint64(len(t)) {
			return
		}
		n := int(bo.Uint16(t[off:]))
		for i := range n {
			e := uint64(off) + 2 + uint64(i)*12
			if e+12 > uint64(len(t)) {
				return
			}
			each(bo.Uint16(t[e:]), bo.Uint16(t[e+2:]), bo.Uint32(t[e+4:]), t[e+8:e+12])
		}
	}
	ifd(bo.Uint32(t[4:]), func(tag, typ uint16, count uint32, value []byte) {
		switch {
		case tag == 0x0112 && typ == 3 && count >= 1: // Orientation, SHORT
			if o := int(bo.Uint16(value)); o >= 1 && o <= 8 {
				m.Orientation = o
			}
		case tag == 0x8825: // GPSInfo: the offset of the GPS directory
			ifd(bo.Uint32(value), func(tag, _ uint16, _ uint32, _ []byte) {
				// GPSLatitude or GPSLongitude: a place, not just a version.
				if tag == 0x0002 || tag == 0x0004 {
					m.GPS = true
				}
			})
		}
	})
}

func isJPEG(d []byte) bool { return len(d) >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF }
func isPNG(d []byte) bool  { return bytes.HasPrefix(d, []byte("\x89PNG\r\n\x1a\n")) }
func isWebP(d []byte) bool {
	return len(d) >= 12 && string(d[:4]) == "RIFF" && string(d[8:12]) == "WEBP"
}

// jpegSegments calls f with each marker segment (its marker and its body
// after the length) up to the first scan (SOS), where the metadata ends
// (a file may put tables between the scans of a progressive image, but
// not metadata an application reads). It returns where the scan's segment
// starts, or -1 when the data ends first. f returning true stops the walk.
func jpegSegments(d []byte, f func(marker byte, seg []byte) bool) int {
	i := 2
	for i+4 <= len(d) {
		if d[i] != 0xFF {
			return -1
		}
		marker := d[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xDA {
			return i
		}
		if marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(d[i+2:]))
		if n < 2 || i+2+n > len(d) {
			return -1
		}
		if f(marker, d[i+4:i+2+n]) {
			return -1
		}
		i += 2 + n
	}
	return -1
}

// stripJPEG drops metadata segments before the first scan, and whatever
// follows the image's end (phones append more images there, each with EXIF
// of its own).
func stripJPEG(d []byte) []byte {
	out := make([]byte, 0, len(d))
	out = append(out, d[:2]...)
	i := 2
	dropped := false
	sos := jpegSegments(d, func(marker byte, seg []byte) bool {
		start := i
		// The segment begins where the previous ended, after any fill bytes.
		for start+1 < len(d) && d[start] == 0xFF && d[start+1] == 0xFF {
			start++
		}
		end := start + 4 + len(seg)
		if jpegKind(marker, seg) == keep {
			out = append(out, d[start:end]...)
		} else {
			dropped = true
		}
		i = end
		return false
	})
	if sos < 0 {
		return d
	}
	end := jpegEnd(d, sos)
	if !dropped && end == len(d) {
		return d
	}
	return append(out, d[sos:end]...)
}

// jpegEnd returns the offset just past the EOI marker that ends the image
// whose first scan starts at sos (entropy-coded data stuffs every 0xFF it
// holds with 0x00, so the next marker is found by looking at the byte after
// each 0xFF), or len(d) when there is none.
func jpegEnd(d []byte, sos int) int {
	i := sos
	for i+1 < len(d) {
		if d[i] != 0xFF {
			i++
			continue
		}
		m := d[i+1]
		switch {
		case m == 0x00 || m == 0xFF || (m >= 0xD0 && m <= 0xD7):
			i += 2
		case m == 0xD9:
			return i + 2
		default: // a segment between scans (tables, another SOS): skip its body
			if i+4 > len(d) {
				return len(d)
			}
			i += 2 + int(binary.BigEndian.Uint16(d[i+2:]))
		}
	}
	return len(d)
}

// pngText are the PNG chunks that hold text or times rather than pixels.
var pngText = map[string]bool{"tEXt": true, "zTXt": true, "iTXt": true, "tIME": true, "eXIf": true}

// pngChunks calls f with each chunk's type and data; f returning true stops.
// It returns the offset just past the last whole chunk.
func pngChunks(d []byte, f func(typ string, body []byte) bool) int {
	i := 8
	for i+12 <= len(d) {
		n := binary.BigEndian.Uint32(d[i:])
		if uint64(i)+12+uint64(n) > uint64(len(d)) {
			break
		}
		end := i + 12 + int(n)
		if f(string(d[i+4:i+8]), d[i+8:i+8+int(n)]) {
			return end
		}
		i = end
	}
	return i
}

func stripPNG(d []byte) []byte {
	out := make([]byte, 0, len(d))
	out = append(out, d[:8]...)
	dropped := false
	i := 8
	last := pngChunks(d, func(typ string, body []byte) bool {
		end := i + 12 + len(body)
		if pngText[typ] {
			dropped = true
		} else {
			out = append(out, d[i:end]...)
		}
		i = end
		return typ == "IEND"
	})
	if !dropped && last == len(d) {
		return d
	}
	return out
}

// webpChunks calls f with each RIFF chunk of a WebP file; f returning true
// stops.
func webpChunks(d []byte, f func(fourcc string, body []byte) bool) {
	i := 12
	for i+8 <= len(d) {
		n := binary.LittleEndian.Uint32(d[i+4:])
		if uint64(i)+8+uint64(n) > uint64(len(d)) {
			return
		}
		if f(string(d[i:i+4]), d[i+8:i+8+int(n)]) {
			return
		}
		i += 8 + int(n) + int(n&1)
	}
}

// stripWebP drops the EXIF and XMP chunks and clears their flags in the
// extended header (VP8X), fixing the RIFF size.
func stripWebP(d []byte) []byte {
	out := make([]byte, 12, len(d))
	copy(out, d[:12])
	dropped := false
	i := 12
	webpChunks(d, func(fourcc string, body []byte) bool {
		end := min(i+8+len(body)+len(body)&1, len(d))
		switch fourcc {
		case "EXIF", "XMP ":
			dropped = true
		case "VP8X":
			start := len(out)
			out = append(out, d[i:end]...)
			if len(body) > 0 {
				out[start+8] &^= 0x08 | 0x04 // the EXIF and XMP flags
			}
		default:
			out = append(out, d[i:end]...)
		}
		i = end
		return false
	})
	if !dropped {
		return d
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

func isGIF(d []byte) bool {
	return bytes.HasPrefix(d, []byte("GIF87a")) || bytes.HasPrefix(d, []byte("GIF89a"))
}

// gifKind is what one GIF block holds.
type gifKind int

const (
	gifKeep gifKind = iota // pictures, their timing, the loop count
	gifXMP                 // an XMP packet in an application extension
	gifText                // a comment, or another application's data
)

// gifBlocks calls f with each block of a GIF after its header and global
// colour table, whole (introducer to terminator). It returns the offset just
// past the last whole block, or -1 when the data is not a GIF it can walk.
func gifBlocks(d []byte, f func(kind gifKind, block []byte)) int {
	if len(d) < 13 {
		return -1
	}
	i := 13
	if d[10]&0x80 != 0 { // a global colour table
		i += 3 << (d[10]&7 + 1)
	}
	// subBlocks returns the offset past the sub-blocks starting at j.
	subBlocks := func(j int) int {
		for j < len(d) {
			n := int(d[j])
			j++
			if n == 0 {
				return j
			}
			j += n
		}
		return -1
	}
	for i < len(d) {
		start := i
		kind := gifKeep
		switch d[i] {
		case 0x3B: // trailer
			f(gifKeep, d[i:i+1])
			return i + 1
		case 0x21: // extension
			if i+2 > len(d) {
				return -1
			}
			label := d[i+1]
			if label == 0xFE {
				kind = gifText
			}
			if label == 0xFF && i+3 < len(d) {
				app := d[i+3 : min(len(d), i+3+int(d[i+2]))]
				switch {
				case bytes.HasPrefix(app, []byte("XMP Data")):
					kind = gifXMP
				case bytes.HasPrefix(app, []byte("NETSCAPE")), bytes.HasPrefix(app, []byte("ANIMEXTS")):
				default:
					kind = gifText
				}
			}
			i = subBlocks(i + 2)
		case 0x2C: // an image: descriptor, local colour table, data
			if i+10 > len(d) {
				return -1
			}
			packed := d[i+9]
			i += 10
			if packed&0x80 != 0 {
				i += 3 << (packed&7 + 1)
			}
			i = subBlocks(i + 1) // after the LZW code size
		default:
			return -1
		}
		if i < 0 || i > len(d) {
			return -1
		}
		f(kind, d[start:i])
	}
	return -1
}

// stripGIF drops comments and application extensions other than the loop
// count (XMP among them), and whatever follows the trailer.
func stripGIF(d []byte) []byte {
	head := 13
	if len(d) >= 13 && d[10]&0x80 != 0 {
		head += 3 << (d[10]&7 + 1)
	}
	if head > len(d) {
		return d
	}
	out := append(make([]byte, 0, len(d)), d[:head]...)
	dropped := false
	end := gifBlocks(d, func(kind gifKind, block []byte) {
		if kind == gifKeep {
			out = append(out, block...)
		} else {
			dropped = true
		}
	})
	if end < 0 || (!dropped && end == len(d)) {
		return d
	}
	return out
}
