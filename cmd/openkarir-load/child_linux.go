package main

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel kill the bot when the load tool dies, so a
// crashed run leaves no bot behind eating the CPU of the next one.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
