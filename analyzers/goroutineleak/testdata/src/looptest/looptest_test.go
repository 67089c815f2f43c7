package looptest

import (
	"net"
	"sync"
	"testing"
	"time"
)

func readWriteKeys(mu *sync.Mutex, m map[string]int) {
	mu.Lock()
	m["k"]++
	mu.Unlock()
}

// TestRace leaves two goroutines spinning for the rest of the test binary
// (gin's TestRaceContextCopy shape).
func TestRace(t *testing.T) {
	var mu sync.Mutex
	m := map[string]int{}
	go func() {
		for { // want `the goroutine started in TestRace runs a for loop with no way out`
			readWriteKeys(&mu, m)
		}
	}()
}

func tick(t *time.Ticker, f func()) { // want tick:"ranges over a ticker"
	for range t.C {
		f()
	}
}

// TestTicker's goroutine blocks, idle, on the stopped ticker until the
// binary exits (grpc's benchmarkSafeUpdater): like a goroutine blocked
// forever, it costs a test nothing, and the ticker rule reports production
// code only.
func TestTicker(t *testing.T) {
	tk := time.NewTicker(time.Millisecond)
	defer tk.Stop()
	go tick(tk, func() {})
}

// TestSpinUntilDone leaves its loop when done closes: not reported.
func TestSpinUntilDone(t *testing.T) {
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-done:
				return
			default:
			}
		}
	}()
}

// TestGiveUp strands its sender when the select gives up: a goroutine
// blocked until the test binary exits costs it nothing, and the rule
// reports production code only.
func TestGiveUp(t *testing.T) {
	errc := make(chan error)
	go func() { errc <- nil }()
	select {
	case <-errc:
	case <-time.After(time.Second):
	}
}

// TestBoundedWait's time.After in a three-iteration loop: quiet.
func TestBoundedWait(t *testing.T) {
	c := make(chan int)
	for i := 0; i < 3; i++ {
		select {
		case <-c:
		case <-time.After(time.Millisecond):
		}
	}
}

func printMemUsage() {}

// benchmarkWrite prints memory use once a second from a goroutine that
// never ends (clickhouse-go's write benchmark): idle between its rounds,
// it costs the benchmarks after it next to nothing, and a loop that
// sleeps on every iteration is reported in production code only.
func benchmarkWrite(b *testing.B) {
	go func() {
		for {
			printMemUsage()
			time.Sleep(time.Second)
		}
	}()
}

func BenchmarkWrite(b *testing.B) { benchmarkWrite(b) }

// TestSpinSleepingSometimes sleeps on some rounds only: a thousand
// increments take a microsecond, the sleep a millisecond, so the loop
// idles rather than spins, and it is not reported in a test (a branch that
// waits makes the loop idle: nothing says the other rounds follow one
// another forever).
func TestSpinSleepingSometimes(t *testing.T) {
	var n int
	go func() {
		for {
			n++
			if n%1000 == 0 {
				time.Sleep(time.Millisecond)
			}
		}
	}()
}

// server runs an event loop that waits for work every round.
type server struct{ mgmt chan func() }

func (s *server) serve() { // want serve:"loops forever; idles each round"
	for {
		f := <-s.mgmt
		f()
	}
}

// spinServer polls its channel without waiting.
type spinServer struct{ mgmt chan func() }

func (s *spinServer) serve() { // want serve:"loops forever$"
	for {
		select {
		case f := <-s.mgmt:
			f()
		default:
		}
	}
}

// TestServeIdle leaves a server's event loop blocked on its channel after
// the test: idle between its rounds, it costs the later tests nothing.
// Not reported in a test.
func TestServeIdle(t *testing.T) {
	s := &server{mgmt: make(chan func())}
	go s.serve()
	done := make(chan bool)
	s.mgmt <- func() { close(done) }
	<-done
}

// TestSelectIdle waits in a select without default every round: not
// reported in a test.
func TestSelectIdle(t *testing.T) {
	a, b := make(chan int), make(chan int)
	go func() {
		for {
			select {
			case <-a:
			case <-b:
			}
		}
	}()
}

// TestSleepIdle does its round once a millisecond: idle between its
// rounds, not reported in a test.
func TestSleepIdle(t *testing.T) {
	go func() {
		for {
			printMemUsage()
			time.Sleep(time.Millisecond)
		}
	}()
}

// TestSendIdle's producer sends every round, paced by whoever receives,
// and blocks for good once nobody does: not reported in a test.
func TestSendIdle(t *testing.T) {
	ch := make(chan int, 1)
	go func() {
		for {
			ch <- 1
		}
	}()
	<-ch
}

// TestSpinSendSometimes sends on every other round: once nobody
// receives, it blocks on the send rather than spins. Not reported in a
// test.
func TestSpinSendSometimes(t *testing.T) {
	ch := make(chan int)
	go func() {
		n := 0
		for {
			n++
			if n%2 == 0 {
				ch <- n
			}
		}
	}()
}

// TestPipeIdle's fake server reads one end of a pipe that nothing
// closes: each round waits in Read for the client, for good once the test
// is done. Not reported in a test.
func TestPipeIdle(t *testing.T) {
	srv, cli := net.Pipe()
	go func() {
		for {
			buf := make([]byte, 64)
			srv.Read(buf)
			srv.Write([]byte("ok"))
		}
	}()
	cli.Write([]byte("hello"))
}

// TestPipeClosed closes the other end: Read then fails at once every
// round, and the loop, which ignores the error, spins.
func TestPipeClosed(t *testing.T) {
	srv, cli := net.Pipe()
	defer cli.Close()
	go func() {
		for { // want `the goroutine started in TestPipeClosed runs a for loop with no way out`
			buf := make([]byte, 64)
			srv.Read(buf)
		}
	}()
	cli.Write([]byte("hello"))
}

// TestAcceptIdle's server closes its listener only when its own loop
// ends, which it never does: each round waits in Accept. Not reported in
// a test.
func TestAcceptIdle(t *testing.T) {
	go func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return
		}
		defer ln.Close()
		for {
			c, err := ln.Accept()
			if err != nil {
				continue
			}
			c.Close()
		}
	}()
}

// TestAcceptSpin's own deferred Close runs when the test returns: from
// then on Accept fails at once every round, and the loop spins.
func TestAcceptSpin(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for { // want `the goroutine started in TestAcceptSpin runs a for loop with no way out`
			c, err := ln.Accept()
			if err != nil {
				continue
			}
			c.Close()
		}
	}()
}

// TestBuffersSpin reads net.Buffers, memory that never waits: it spins.
func TestBuffersSpin(t *testing.T) {
	bufs := net.Buffers{[]byte("a")}
	go func() {
		for { // want `the goroutine started in TestBuffersSpin runs a for loop with no way out`
			buf := make([]byte, 1)
			bufs.Read(buf)
		}
	}()
}

// TestSpinPoll polls with a default: it spins.
func TestSpinPoll(t *testing.T) {
	s := &spinServer{mgmt: make(chan func())}
	go s.serve() // want `goroutine serve runs a for loop with no way out`
}

// TestSkipWait skips the wait on some rounds: it still spins.
func TestSkipWait(t *testing.T) {
	ch := make(chan int)
	n := 0
	go func() {
		for { // want `the goroutine started in TestSkipWait runs a for loop with no way out`
			n++
			if n%2 == 0 {
				continue
			}
			<-ch
		}
	}()
}

// TestSpinStateMachine spins: no branch of its switch waits.
func TestSpinStateMachine(t *testing.T) {
	state := 0
	go func() {
		for { // want `the goroutine started in TestSpinStateMachine runs a for loop with no way out`
			switch state {
			case 0:
				state = 1
			default:
				state = 0
			}
		}
	}()
}
