// Package emailcheck checks an email fragment and its plain-text twin against
// the fragment rules, mechanically, so that a fragment the newsletter makes is
// never published breaking one. A fragment is pasted inside someone else's
// email, so it must carry everything inline. The rules ("Must"): 1 no
// doctype, html, head or body; 2 one wrapper div with lang and dir; 3 inline
// styles only; 4 no script, form, iframe, svg, video, audio, picture,
// details, nav or main; 5 tables only for columns, layout tables with
// role="presentation"; 6 no flex, grid, float, position, background images,
// url(), CSS variables, calc(), rem, vw or negative margins, colours as hex or
// rgb(); 7 nothing wider than 600px, font stacks ending in a generic family;
// 8 links absolute https:, mailto: or tel: with text that makes sense alone;
// 9 images absolute https: with alt and integer width and height; 10 contrast
// of at least 4.5:1 (3:1 large) where colours are set; 11 UTF-8 without BOM
// or control characters, under Gmail's 102 KB clip (aim 20 KB); 12 a
// plain-text twin with headings marked, every address written out and lines
// of 78 characters at most.
//
// It reads only bytes (HTML with golang.org/x/net/html, CSS with
// tdewolff/parse), never the content model: the newsletter maps what it
// finds back to the article.
package emailcheck
