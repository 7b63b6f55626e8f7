package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"openkarir/telegramtest"
)

// goroutinesOf lists the running goroutines' stacks that mention fn.
func goroutinesOf(fn string) int {
	var b bytes.Buffer
	_ = pprof.Lookup("goroutine").WriteTo(&b, 1)
	return strings.Count(b.String(), fn)
}

// TestServeStopsWhatItStarted: when serve fails after starting the sender
// and the scheduler (here, HTTP_ADDR is taken), it stops them before it
// returns and closes the store.
func TestServeStopsWhatItStarted(t *testing.T) {
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	env := testEnv(t, tg.Endpoint())
	env["HTTP_ADDR"] = taken.Addr().String()
	err = run(context.Background(), nil, getenv(env), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "listen") {
		t.Fatalf("run with HTTP_ADDR taken: %v", err)
	}
	for _, fn := range []string{"openkarir/bot.(*Sender).Run", "openkarir/flows.RunScheduler"} {
		if n := goroutinesOf(fn); n > 0 {
			t.Errorf("%s still runs after run returned (%d)", fn, n)
		}
	}
}

// TestDebugServerStops: the profiler's server (DEBUG_ADDR) stops with the bot.
func TestDebugServerStops(t *testing.T) {
	tg := telegramtest.NewServer("42:SECRET")
	defer tg.Close()
	env := testEnv(t, tg.Endpoint())
	addr := freeAddr(t)
	env["DEBUG_ADDR"] = addr
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv(env), io.Discard, io.Discard) }()
	tg.Say(t, 5, "/start") // the bot is up
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the debug server never listened: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	stopRun(t, cancel, done, 20*time.Second, nil)
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Error("the debug server still listens after run returned")
	}
}
