//go:build !unix

package store

// lockDir does nothing where flock is missing: run one bot per DATA_DIR.
func lockDir(string) (func(), error) { return func() {}, nil }
