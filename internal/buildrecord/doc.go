// Package buildrecord is the small record a build leaves in its output
// folder of every file it wrote, with a hash of each. Deploy publishes only
// what the record lists, and only unchanged, so a folder that no build made
// (deploy --from /etc) and a file copied into the output by hand never reach
// the live site. The build writes it and deploy reads it through this one
// package.
package buildrecord
