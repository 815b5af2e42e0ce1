package editor

import _ "embed"

// editorCSS styles the editor's forms after GOV.UK Frontend, in the site's
// colours (main.css's custom properties), served from this host.
//
//go:embed editor.css
var editorCSS string

// editorJS helps the forms where JavaScript runs; nothing depends on it.
//
//go:embed editor.js
var editorJS string
