package a

import (
	"bufio"
	"compress/gzip"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

func call(net.Conn) error     { return nil }
func check(*os.File) bool     { return true }
func size(*os.File) int64     { return 0 }
func report(error)            {}
func serveConn(net.Conn)      {}
func openNth(string) *os.File { return nil }

// The retry loop of issue 26: err = call(conn) keeps the error, not conn,
// so every failed attempt leaves its connection open until return.
func dialRetry(ctx context.Context, d *net.Dialer, addr string, attempts int) error {
	var err error
	for i := 0; i < attempts; i++ {
		conn, derr := d.DialContext(ctx, "tcp", addr)
		if derr != nil {
			err = derr
			continue
		}
		defer conn.Close() // want `defer conn.Close\(\) in loop: every conn stays open until dialRetry returns`
		if err = call(conn); err == nil {
			return nil
		}
	}
	return err
}

// The results of a method of the resource are not the resource.
func writeEach(addrs []string, b []byte) (int, error) {
	var n int
	var err error
	for _, a := range addrs {
		conn, derr := net.Dial("tcp", a)
		if derr != nil {
			continue
		}
		defer conn.Close() // want `every conn stays open until writeEach returns`
		n, err = conn.Write(b)
	}
	return n, err
}

// A boolean computed from the file does not keep it.
func anyValid(paths []string) bool {
	ok := false
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `every f stays open until anyValid returns`
		ok = check(f)
	}
	return ok
}

// Accumulating a number computed from each file.
func totalSize(paths []string) int64 {
	var total int64
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until totalSize returns`
		total += size(f)
	}
	return total
}

// Sending or appending a call's result keeps the result only.
func resultsOf(paths []string, out chan<- error) []error {
	var errs []error
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until resultsOf returns`
		out <- process(f)
		errs = append(errs, process(f))
	}
	return errs
}

// A goroutine given the result of a call, not the file.
func reportAll(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until reportAll returns`
		go report(process(f))
	}
}

type counted struct {
	f  *os.File
	id int
}

// A number field of the holder, stored after the loop, is not the file;
// the holder itself is a local value that dies with the iteration.
func lastID(paths []string) int {
	var id int
	for i, p := range paths {
		f, _ := os.Open(p)
		c := counted{f: f, id: i}
		defer c.f.Close() // want `every c.f stays open until lastID returns`
		id = c.id
	}
	return id
}

// The element of the outer list is passed to a call: the deferred Close
// is of the call's result, a new file per iteration.
func reopen(paths []string) {
	for i := range paths {
		defer openNth(paths[i]).Close() // want `every openNth\(paths\[i\]\) stays open until reopen returns`
	}
}

type header struct {
	name string
	size int64
	tags []string
}

func parseHeader(*os.File) header { return header{} }

// A struct computed from the file, whose type cannot refer to it: the
// header is kept, the file is not.
func lastHeader(paths []string) header {
	var h header
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close() // want `every f stays open until lastHeader returns`
		h = parseHeader(f)
	}
	return h
}

// ---- Not reported: the iteration keeps the resource ----

// Readers wrapping each file are read after the loop: bufio.Reader holds
// the file in its io.Reader field, so the files must stay open.
func concat(paths []string, dst io.Writer) error {
	var rs []io.Reader
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rs = append(rs, bufio.NewReader(f))
	}
	_, err := io.Copy(dst, io.MultiReader(rs...))
	return err
}

// The descriptors are handed to a child process after the loop: each is
// valid only while its file is open.
func descriptors(paths []string) []uintptr {
	var fds []uintptr
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		fds = append(fds, f.Fd())
	}
	return fds
}

type greeter interface{ Greet() error }

type greeterClient struct{ cc net.Conn }

func (g *greeterClient) Greet() error { return nil }

func newGreeter(cc net.Conn) greeter { return &greeterClient{cc} }

// A client constructor returns an interface: its dynamic value wraps the
// connection, and the clients are used after the loop.
func greeters(addrs []string) []greeter {
	var gs []greeter
	for _, a := range addrs {
		conn, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		defer conn.Close()
		gs = append(gs, newGreeter(conn))
	}
	for _, g := range gs {
		_ = g.Greet()
	}
	return nil
}

// A compressor made in the iteration wraps the file and is kept.
func compressors(paths []string) []*gzip.Writer {
	var ws []*gzip.Writer
	for _, p := range paths {
		f, _ := os.Create(p)
		defer f.Close()
		w := gzip.NewWriter(f)
		ws = append(ws, w)
	}
	return ws
}

// Every connection is kept for use after the loop.
func dialAll(addrs []string) []net.Conn {
	var conns []net.Conn
	for _, a := range addrs {
		conn, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		defer conn.Close()
		conns = append(conns, conn)
	}
	for _, c := range conns {
		_ = call(c)
	}
	return nil
}

// The last connection is used after the loop.
func lastConn(addrs []string) error {
	var last net.Conn
	for _, a := range addrs {
		conn, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		defer conn.Close()
		last = conn
	}
	return call(last)
}

// Each connection is served by a goroutine that outlives the iteration.
func serveEach(addrs []string, done <-chan struct{}) {
	for _, a := range addrs {
		conn, err := net.Dial("tcp", a)
		if err != nil {
			continue
		}
		defer conn.Close()
		go serveConn(conn)
	}
	<-done
}

type session struct {
	conn net.Conn
	n    int
}

// A struct holding the connection is kept: the struct keeps it.
func sessions(addrs []string) []session {
	var ss []session
	for _, a := range addrs {
		conn, _ := net.Dial("tcp", a)
		defer conn.Close()
		ss = append(ss, session{conn: conn})
	}
	for _, s := range ss {
		_ = call(s.conn)
	}
	return nil
}

// A local holder made in the iteration is stored in a map that outlives it.
func sessionMap(addrs []string, byAddr map[string]*session) {
	for _, a := range addrs {
		conn, _ := net.Dial("tcp", a)
		defer conn.Close()
		s := &session{conn: conn}
		byAddr[a] = s
	}
}

// A local struct value gets the connection in a field, then is kept.
func sessionValues(addrs []string) {
	var ss []session
	for _, a := range addrs {
		conn, _ := net.Dial("tcp", a)
		defer conn.Close()
		var s session
		s.conn = conn
		ss = append(ss, s)
	}
	for _, s := range ss {
		_ = call(s.conn)
	}
}

// A closure capturing the file is kept and called after the loop.
func laterChecks(paths []string) {
	var checks []func() bool
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		checks = append(checks, func() bool { return check(f) })
	}
	for _, c := range checks {
		_ = c()
	}
}

// A method value bound to the file holds the file.
func readers(paths []string) {
	var reads []func([]byte) (int, error)
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		reads = append(reads, f.Read)
	}
	for _, r := range reads {
		_, _ = r(nil)
	}
}

// A struct holding the file is sent to a consumer that outlives the
// iteration.
func sendJobs(paths []string, out chan<- counted) {
	for i, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
		out <- counted{f: f, id: i}
	}
}

// The response bodies are kept and read after the loop.
func fetchAll(urls []string) []io.Reader {
	var bodies []io.Reader
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
		bodies = append(bodies, resp.Body)
	}
	return bodies
}

type client struct{ conn net.Conn }

func (c *client) loop() {}

// A goroutine running a method of a holder goes on using the connection.
func startClients(addrs []string, done <-chan struct{}) {
	for _, a := range addrs {
		conn, _ := net.Dial("tcp", a)
		defer conn.Close()
		c := &client{conn: conn}
		go c.loop()
	}
	<-done
}

// ---- A variable declared before the loop and reassigned in it ----

// Each retry dials again into the same variable and nothing closes the
// previous connection: every attempt's conn stays open until return.
func redial(addr string, attempts int) error {
	var conn net.Conn
	var err error
	for i := 0; i < attempts; i++ {
		conn, err = net.Dial("tcp", addr)
		if err != nil {
			continue
		}
		defer conn.Close() // want `every conn stays open until redial returns`
		if err = call(conn); err == nil {
			return nil
		}
	}
	return err
}

// Each retry closes the previous connection by hand before dialing the
// next (mongo-driver's change stream): the defer only closes the last.
func redialClosing(addr string, attempts int) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	for i := 0; i < attempts; i++ {
		if err = call(conn); err == nil {
			return nil
		}
		conn.Close()
		conn, err = net.Dial("tcp", addr)
		if err != nil {
			return err
		}
		defer conn.Close()
	}
	return err
}

// A retry closes the connection in a helper literal and clears it; a new
// one is taken only when it is nil (mongo-driver's Operation.Execute).
func redialReset(addr string, attempts int) error {
	var conn net.Conn
	var err error
	reset := func() {
		if conn != nil {
			conn.Close()
		}
		conn = nil
	}
	for i := 0; i < attempts; i++ {
		if conn == nil {
			conn, err = net.Dial("tcp", addr)
			if err != nil {
				continue
			}
			defer conn.Close()
		}
		if err = call(conn); err == nil {
			return nil
		}
		reset()
	}
	return err
}

// One deadline context per address of a list the function holds (net's
// dialSerial, pgx's connectPreferred): each frees its timer at its
// deadline, so keeping the cancels until the return costs nothing.
func dialEach(ctx context.Context, addrs []string, dial func(context.Context, string) error) error {
	for _, a := range addrs {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if dial(c, a) == nil {
			return nil
		}
	}
	return nil
}

// The same per config with a deadline, assigned to variables declared
// before the loop.
func dialConfigs(ctx context.Context, addrs []string, deadline time.Time, dial func(context.Context, string) error) {
	var cancel context.CancelFunc
	c := ctx
	for i := range addrs {
		c, cancel = context.WithDeadline(ctx, deadline)
		defer cancel()
		_ = dial(c, addrs[i])
	}
}

// A deadline context per message of a channel: the loop runs as long as
// messages come, and every defer record stays until the return.
func handleAll(ctx context.Context, msgs <-chan string, handle func(context.Context, string)) {
	for m := range msgs {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until handleAll returns`
		handle(c, m)
	}
}

// A cancel-only context per address is not freed by a deadline.
func watchEach(ctx context.Context, addrs []string, watch func(context.Context, string)) {
	for _, a := range addrs {
		c, cancel := context.WithCancel(ctx)
		defer cancel() // want `defer cancel\(\) in loop: every context made in the loop lives until watchEach returns`
		watch(c, a)
	}
}
