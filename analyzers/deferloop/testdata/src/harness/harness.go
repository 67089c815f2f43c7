// Package harness is test support (it imports testing outside its test
// files): deferloop reports here only the loops the code does not bound,
// which run as long as a soak or stress run (docs/scope.md).
package harness

import (
	"net"
	"os"
	"testing"
)

type Config struct {
	Iterations int
	Dial       func() (net.Conn, error)
}

// Soak opens a connection per iteration for a configured count: every
// connection stays open until the soak run ends.
func Soak(t testing.TB, cfg Config) {
	for i := 0; i < cfg.Iterations; i++ {
		conn, err := cfg.Dial()
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close() // want `defer conn.Close\(\) in loop`
	}
}

// Stress runs until stop closes, deferring one close per call.
func Stress(cfg Config, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		conn, err := cfg.Dial()
		if err != nil {
			return
		}
		defer conn.Close() // want `defer conn.Close\(\) in loop`
	}
}

// Replay reads files as they arrive on a channel.
func Replay(names <-chan string) {
	for name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) in loop`
	}
}

// Burst dials a count given at run time.
func Burst(cfg Config, n int) {
	for range n {
		conn, err := cfg.Dial()
		if err != nil {
			return
		}
		defer conn.Close() // want `defer conn.Close\(\) in loop`
	}
}

// Fixtures opens the files of a test's table: a loop over data at hand
// ends with the helper, which returns soon after.
func Fixtures(t testing.TB, paths []string) []*os.File {
	var out []*os.File
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out = append(out, nil)
	}
	return out
}

// Indexed is Fixtures with a counter up to the table's length.
func Indexed(t testing.TB, paths []string) {
	for i := 0; i < len(paths); i++ {
		f, err := os.Open(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
	}
}

// Retry waits for a listener with a condition loop: reported, the loop
// runs as long as the condition holds.
func Retry(addr string, up func() bool) {
	for !up() {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			continue
		}
		defer conn.Close() // want `defer conn.Close\(\) in loop`
	}
}
