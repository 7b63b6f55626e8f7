package store

import (
	"os"
	"strconv"
	"strings"
)

// procID names a process on its machine: enough to tell, from another
// process on the same machine, that it is gone. Lease claims carry it, so
// a bot started again after a kill -9 takes its leases over at once
// instead of waiting for the dead one's slots to run out.
type procID struct {
	Host  string `bson:"host,omitempty"`
	Boot  string `bson:"boot,omitempty"`  // the kernel's boot id
	NS    string `bson:"pidns,omitempty"` // the pid namespace: containers on one host differ
	PID   int    `bson:"pid,omitempty"`
	Start string `bson:"start,omitempty"` // start time in ticks since boot: a reused pid differs
}

func selfProc() procID {
	host, _ := os.Hostname()
	boot, _ := os.ReadFile("/proc/sys/kernel/random/boot_id")
	ns, _ := os.Readlink("/proc/self/ns/pid")
	pid := os.Getpid()
	return procID{Host: host, Boot: strings.TrimSpace(string(boot)), NS: ns, PID: pid, Start: startTime(pid)}
}

// startTime is field 22 of /proc/PID/stat, or "" when there is no such
// process.
func startTime(pid int) string {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	// The command (field 2) is in brackets and may hold spaces.
	i := strings.LastIndexByte(string(stat), ')')
	if i < 0 {
		return ""
	}
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 20 {
		return ""
	}
	return fields[19]
}

// gone reports whether p surely no longer runs: it ran on this machine,
// since this boot, in this pid namespace, and its pid is free or another
// process's. Anything else (another machine, another container) is taken
// to be alive.
func (p procID) gone(self procID) bool {
	if p.Host == "" || p.Boot == "" || p.NS == "" || p.Start == "" ||
		p.Host != self.Host || p.Boot != self.Boot || p.NS != self.NS {
		return false
	}
	return startTime(p.PID) != p.Start
}
