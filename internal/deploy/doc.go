// Package deploy publishes a finished build to object storage (Azure Blob
// Storage, Amazon S3, Google Cloud Storage, or a folder) through gocloud.dev's
// blob package, the library Hugo's own deploy uses, so no storage client is
// written here.
//
// A deploy is planned before anything is written: the local files are
// compared with the remote listing by MD5 (the services report it for every
// object), so only changed files travel and a second run uploads nothing.
// The plan is applied in an order that keeps the live site whole if it is
// interrupted: new files and assets first (nothing live links to them yet),
// then the pages that changed, deletes last, and deletes above a share of
// the site are refused unless forced.
//
// It must not import Hugo: it works on a folder that a build left behind.
package deploy
