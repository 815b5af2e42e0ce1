// Package archetype makes the first version of a new page for safeguard new
// and the editor's "New page": the front matter a kind of page needs, with
// today's dates and a WRITE-HERE placeholder where the writer has still to
// write, as Hugo's archetypes do. A site may give its own archetypes/KIND.md.
//
// The fields come from content.Schema, the loader's own table, and every
// file made is checked by the loader before it is written.
package archetype
