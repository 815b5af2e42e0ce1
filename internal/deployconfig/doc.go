// Package deployconfig is what site.yaml's deploy: section says and what
// each storage service needs: the targets, the services' addresses and
// settings, the environment variables that carry their credentials, and the
// header rules. It is the one table both the site.yaml checker
// (internal/content) and the deploy (internal/deploy) read, and imports no
// storage library (Hugo's deploy/deployconfig is the model).
package deployconfig
