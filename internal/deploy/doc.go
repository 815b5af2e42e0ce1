// Package deploy publishes a finished build to object storage (Azure Blob
// Storage, Amazon S3, Google Cloud Storage, or a folder) through gocloud.dev's
// blob package, the library Hugo's own deploy uses, so no storage client is
// written here.
//
// Only a build is deployed: the files its record lists (internal/buildrecord),
// unchanged since the build, that the never-publish rules (internal/private)
// let through. A deploy is planned before anything is written: the local
// files are compared with the remote listing by MD5, and with the headers'
// sum each object carries in its metadata, so only changed files travel and
// a second run, or the rerun of a stopped one, sends only what is left.
// The plan is applied in stages that keep the live site whole if it is
// interrupted: assets first (nothing live links to a new one yet), then the
// pages, then the home page, 404 page, sitemap and feeds, deletes last; a
// lock object keeps a second deploy off the target meanwhile, and every
// request has a deadline and is sent again after a transient failure.
//
// It works on a folder that a build left behind, so it needs nothing of Hugo.
package deploy
