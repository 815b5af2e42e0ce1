// Package imagemeta reads and removes what an image file says about itself
// beyond its pixels: EXIF (camera, time, GPS coordinates, orientation), XMP
// and IPTC. A phone photo of a street or a refuge's door can give away where
// it was taken, so nothing the site publishes carries them (internal/site
// strips every image it writes), the content checks warn about GPS
// coordinates (internal/check), and the newsletter sizes a photo as it is
// shown upright (internal/newsletter): all three read the file through this
// one package.
//
// Removal is lossless: the segments (JPEG) or chunks (PNG, WebP) that hold
// metadata are dropped and the image data is copied byte for byte.
package imagemeta
