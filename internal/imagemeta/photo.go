package imagemeta

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
)

// Photo returns a JPEG as a phone writes one, for the tests of every
// package that handles photos: w×h stored pixels, an EXIF block with the
// camera's make, the given orientation and, when gps is set, GPS
// coordinates, then an XMP packet and a comment. The stored image's first
// quarter of columns is red and the rest a blue gradient, so whoever draws
// it can tell which way is up: with orientation 6 the red band is the top
// of the upright picture.
func Photo(w, h, orientation int, gps bool) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{30, uint8(60 + 120*y/h), uint8(120 + 100*x/w), 255}
			if x < w/4 {
				c = color.RGBA{220, 30, 30, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var enc bytes.Buffer
	_ = jpeg.Encode(&enc, img, &jpeg.Options{Quality: 80}) // writing to memory cannot fail
	plain := enc.Bytes()

	var out bytes.Buffer
	out.Write(plain[:2]) // SOI
	segment(&out, 0xE1, append(append([]byte{}, exifHeader...), tiff(orientation, gps)...))
	segment(&out, 0xE1, append(append([]byte{}, xmpHeader...), `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Make="Phone"/></rdf:RDF></x:xmpmeta>`...))
	segment(&out, 0xFE, []byte("taken on a phone"))
	out.Write(plain[2:])
	return out.Bytes()
}

func segment(b *bytes.Buffer, marker byte, body []byte) {
	b.Write([]byte{0xFF, marker})
	_ = binary.Write(b, binary.BigEndian, uint16(len(body)+2))
	b.Write(body)
}

// tiff is a little-endian EXIF block: IFD0 with Make, Orientation and,
// when gps, a GPS directory holding a latitude and a longitude.
func tiff(orientation int, gps bool) []byte {
	le := binary.LittleEndian
	var b []byte
	u16 := func(v uint16) { b = le.AppendUint16(b, v) }
	u32 := func(v uint32) { b = le.AppendUint32(b, v) }
	b = append(b, 'I', 'I')
	u16(42)
	u32(8)
	n := uint16(2)
	if gps {
		n++
	}
	ifd0End := 8 + 2 + 12*uint32(n) + 4
	makeAt := ifd0End         // "Phone\0" (6 bytes) after IFD0
	gpsIFD := ifd0End + 6 + 2 // after Make, aligned
	u16(n)
	u16(0x010F) // Make, ASCII
	u16(2)
	u32(6)
	u32(makeAt)
	u16(0x0112) // Orientation, SHORT
	u16(3)
	u32(1)
	u16(uint16(orientation))
	u16(0)
	if gps {
		u16(0x8825) // GPSInfo, LONG
		u16(4)
		u32(1)
		u32(gpsIFD)
	}
	u32(0) // no next IFD
	b = append(b, "Phone\x00\x00\x00"...)
	if gps {
		rationals := gpsIFD + 2 + 4*12 + 4
		u16(4)
		for _, e := range []struct {
			tag, typ uint16
			count    uint32
			value    uint32
		}{
			{0x0001, 2, 2, uint32('N')}, // GPSLatitudeRef
			{0x0002, 5, 3, rationals},   // GPSLatitude
			{0x0003, 2, 2, uint32('W')}, // GPSLongitudeRef
			{0x0004, 5, 3, rationals + 24},
		} {
			u16(e.tag)
			u16(e.typ)
			u32(e.count)
			u32(e.value)
		}
		u32(0)
		for _, v := range []uint32{51, 1, 30, 1, 4, 1, 0, 1, 5, 1, 0, 1} { // 51°30'4"N 0°5'0"W
			u32(v)
		}
	}
	return b
}
