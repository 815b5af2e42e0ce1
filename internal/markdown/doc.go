// Package markdown is the one Markdown dialect of this project: the goldmark
// set-up that matches what Hugo renders on the website (GFM tables,
// strikethrough, bare links and task lists, footnotes, definition lists,
// typographic quotes, heading attributes such as {#id} and block attributes
// such as {lang="ar" dir="rtl"} on the line after a block).
//
// The checks and the newsletter parse bodies with it, so a construct that
// works on the web page is seen the same way by the checks and comes out in the
// email instead of as literal syntax. It imports goldmark only: never Hugo,
// whose own set-up (markup/goldmark) it follows, and no package of this module.
package markdown
