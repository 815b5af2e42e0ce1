// Package check finds content that is stale, unclear or broken before
// residents see it: links, anchors and images that lead nowhere, contacts and
// pages past their review dates, inaccessible Markdown (missing alt text,
// skipped headings, vague link text), plain http: links, PDFs offered as the
// only copy, hard-to-read writing, orphan pages and unused contacts.
//
// Source runs the rules that need only the validated model and its Markdown;
// Output runs those that need the built site (heading ids, links the
// templates make, what links to what). Each rule has a name (Rules), and a page
// can switch a rule off for itself or for one line, always with a reason:
// see docs/content-model.md, "In the text". Errors stop publishing; warnings
// never do.
//
// Markdown is parsed with internal/markdown, the goldmark set-up that matches
// Hugo's, so the checks see what the website and the newsletter show; in a
// build the tree is the newsletter's too (Options.Docs), and shortcodes are
// placeholders the prose rules leave out; built
// HTML with golang.org/x/net/html. Readability arithmetic lives in
// internal/readability, and scores only the site's language: passages marked
// {lang="…"} in another language are left out.
package check
