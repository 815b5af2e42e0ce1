package deploy

import (
	"path"
	"regexp"
	"strings"
)

// Cache-Control values. Fingerprinted files never change under their name,
// so browsers and CDNs may keep them a year; pages, feeds and the newsletter
// files change in place and must be fetched again soon after a deploy.
const (
	CacheImmutable = "public, max-age=31536000, immutable"
	CacheShort     = "public, max-age=300"
	CacheAsset     = "public, max-age=3600"
)

// types are the content types of the files a build writes. A table, not the
// system's mime database, so that every machine uploads the same headers.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".svg":         "image/svg+xml; charset=utf-8",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".mp3":         "audio/mpeg",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".vtt":         "text/vtt; charset=utf-8",
	".doc":         "application/msword",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":         "application/vnd.ms-excel",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt":         "application/vnd.ms-powerpoint",
	".pptx":        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":         "application/vnd.oasis.opendocument.text",
	".ods":         "application/vnd.oasis.opendocument.spreadsheet",
	".odp":         "application/vnd.oasis.opendocument.presentation",
	".rtf":         "application/rtf",
	".zip":         "application/zip",
	".gpx":         "application/gpx+xml; charset=utf-8",
	".kml":         "application/vnd.google-earth.kml+xml; charset=utf-8",
	".asc":         "text/plain; charset=utf-8",
}

// ContentType is the Content-Type a file is served with; text is UTF-8.
// Files without an extension (_headers) are text. Any other extension is
// application/octet-stream, which browsers download rather than show, the
// same on every machine (a mime database differs between them).
func ContentType(key string) string {
	ext := strings.ToLower(path.Ext(key))
	if t, ok := types[ext]; ok {
		return t
	}
	if ext == "" {
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// fingerprint matches the hash Hugo's fingerprint puts in a name
// (main.<sha256>.css); 32 hex digits or more, so dates and ids do not match.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{32,}\.[a-z0-9]+$`)

// CacheControl is the Cache-Control a file is served with.
func CacheControl(key string) string {
	switch {
	case strings.HasPrefix(key, "newsletter/"):
		return CacheShort // editors fetch the newest fragments as soon as they are out
	case fingerprint.MatchString(key):
		return CacheImmutable
	case isPage(key), path.Ext(key) == "", strings.HasSuffix(key, ".txt"), strings.HasSuffix(key, ".json"):
		return CacheShort
	}
	return CacheAsset
}

// Stage is when a file is uploaded: everything of one stage is written
// and acknowledged before anything of the next, so no live page ever links
// to a file that is not there yet.
type Stage int

const (
	// StageAssets: what pages link to (stylesheets, scripts, images, fonts,
	// the newsletter's images, documents); nothing links to a new one yet.
	StageAssets Stage = iota
	// StagePages: pages other than the ones of StageLast.
	StagePages
	// StageLast: the home page, the 404 page, the sitemap and the feeds
	// (the articles' RSS and the events' calendar),
	// which link to the pages (a reader enters through them).
	StageLast
)

func (s Stage) String() string {
	return [...]string{"assets", "pages", "home page, 404 page, sitemap and feeds"}[s]
}

// stageOf is the stage a file goes up in.
func stageOf(key string) Stage {
	switch {
	case key == "index.html" || key == "404.html" || strings.EqualFold(path.Ext(key), ".xml") || key == "events/calendar.ics": // calendar.FeedPath
		return StageLast
	case isPage(key):
		return StagePages
	}
	return StageAssets
}

// isPage says the file is a page, feed or sitemap: what links to other
// files, and so what is written after them.
func isPage(key string) bool {
	switch strings.ToLower(path.Ext(key)) {
	case ".html", ".htm", ".xml", ".ics":
		return true
	}
	return false
}

// compressible says gzip makes the file smaller: text, not images or fonts
// that are compressed already.
func compressible(key string) bool {
	t := ContentType(key)
	return strings.HasPrefix(t, "text/") || strings.Contains(t, "charset=utf-8")
}
