package editor

import _ "embed"

// editorCSS styles the editor's forms after GOV.UK Frontend, in the site's
// colours (main.css's custom properties), served from this host.
//
//go:embed editor.css
var editorCSS string
