//go:build !linux

package main

import "os/exec"

// dieWithParent: only Linux offers it; elsewhere a crashed run's bot must be
// stopped by hand.
func dieWithParent(*exec.Cmd) {}
