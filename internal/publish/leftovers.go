package publish

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Staging and backup folders are named after the process that made them
// (".safeguard-staging-<pid>-<random>"), so a later build can tell the
// leftovers of a killed build, each a whole copy of the site, from the
// folders of a build still running beside it.
const (
	stagingPrefix = ".safeguard-staging-"
	backupPrefix  = ".safeguard-old-"
)

// ownedPattern is the os.MkdirTemp pattern for a folder owned by this process.
func ownedPattern(prefix string) string {
	return prefix + strconv.Itoa(os.Getpid()) + "-"
}

// removeLeftovers deletes, in the folder that holds dest, the staging folders
// of builds whose process no longer runs, and their backups of an earlier
// output when dest itself is there. A backup is kept while dest is missing:
// the build died between its two renames and the backup is the last
// published site. Errors are ignored: a leftover only costs disk space.
func removeLeftovers(dest string) {
	parent := filepath.Dir(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	_, destErr := os.Lstat(dest)
	for _, e := range entries {
		name := e.Name()
		var rest string
		switch {
		case strings.HasPrefix(name, stagingPrefix):
			rest = name[len(stagingPrefix):]
		case strings.HasPrefix(name, backupPrefix) && destErr == nil:
			rest = name[len(backupPrefix):]
		default:
			continue
		}
		if !e.IsDir() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() || running(pid) {
			continue
		}
		_ = os.RemoveAll(filepath.Join(parent, name))
	}
}
