//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockDir makes sure one process at a time runs the embedded store on dir:
// its leases live in that process's memory (leases.go), so a second bot on
// the same files would send every notice twice. The lock goes with the
// process, also when it is killed.
func lockDir(dir string) (release func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, "openkarir.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock the embedded store: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("the embedded store in %s is in use by another process: stop the bot first, or import and export in the chat (/impor, /ekspor)", dir)
		}
		return nil, fmt.Errorf("lock the embedded store: %w", err)
	}
	return func() { f.Close() }, nil
}
