package publish

import "safeguard/internal/buildrecord"

// recordAndSwap leaves the record of what the build wrote in the finished
// staging folder (see buildrecord: deploy publishes only what it lists),
// then swaps the folder in.
func recordAndSwap(staging, dest string) error {
	if err := buildrecord.Write(staging); err != nil {
		return err
	}
	return swap(staging, dest)
}
