package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// lockInfo is what the lock object says of the deploy holding it.
type lockInfo struct {
	Started time.Time `json:"started"`
	Host    string    `json:"host"`
	User    string    `json:"user,omitempty"`
	PID     int       `json:"pid"`
}

// LockError says another deploy holds the target.
type LockError struct {
	Target string
	Info   lockInfo
}

func (e *LockError) Error() string {
	who := strconv.Quote(e.Info.Host)
	if e.Info.User != "" {
		who = strconv.Quote(e.Info.User) + " on " + who
	}
	return fmt.Sprintf("another deploy to %s has been running since %s (%s ago), started by %s (process %d); wait for it to finish and run again. If it is not running any more (its computer stopped or lost the connection), run again with --break-lock",
		e.Target, e.Info.Started.UTC().Format("2006-01-02 15:04:05 UTC"), time.Since(e.Info.Started).Round(time.Second), who, e.Info.PID)
}

// Lock marks the target as being deployed to, so a second deploy at the
// same time is refused with who holds it instead of deleting the files the
// first is writing. The mark is an object created only if there is none
// (a file made with O_EXCL for a folder). breakLock removes a mark a
// stopped deploy left behind first. unlock removes the mark.
func (t *Target) Lock(ctx context.Context, breakLock bool) (unlock func(), err error) {
	host, _ := os.Hostname()
	info := lockInfo{Started: time.Now().UTC().Truncate(time.Second), Host: host, PID: os.Getpid()}
	if u, err := user.Current(); err == nil {
		info.User = u.Username
	}
	body, _ := json.Marshal(info)
	if breakLock {
		if err := t.removeLock(ctx); err != nil {
			return nil, explain(t.scheme, "removing the lock "+LockKey, err)
		}
	}
	err = t.Retry.do(ctx, func(ctx context.Context) error { return t.createLock(ctx, body) })
	if gcerrors.Code(err) == gcerrors.FailedPrecondition || errors.Is(err, os.ErrExist) {
		held := lockInfo{}
		if b, rerr := t.Bucket.ReadAll(ctx, LockKey); rerr == nil {
			json.Unmarshal(b, &held)
		}
		return nil, &Error{KindSystem, (&LockError{t.Config.Name, held}).Error(), err}
	}
	if err != nil {
		return nil, explain(t.scheme, "marking the deploy as started ("+LockKey+")", err)
	}
	return func() {
		// The run's own context may be over (stopped, timed out): the mark
		// is removed all the same.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		t.removeLock(ctx)
	}, nil
}

func (t *Target) createLock(ctx context.Context, body []byte) error {
	if t.folder != "" { // fileblob's IfNotExist is not atomic between processes
		if err := os.MkdirAll(t.folder, 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(filepath.Join(t.folder, LockKey), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(body)
		return errors.Join(err, f.Close())
	}
	return t.Bucket.WriteAll(ctx, LockKey, body, &blob.WriterOptions{ContentType: "application/json", CacheControl: "no-store", IfNotExist: true})
}

func (t *Target) removeLock(ctx context.Context) error {
	if t.folder != "" {
		if err := os.Remove(filepath.Join(t.folder, LockKey)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	err := t.Bucket.Delete(ctx, LockKey)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil
	}
	return err
}
