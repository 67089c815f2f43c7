package fix

import (
	"net"
	"testing"

	"golang.org/x/sync/errgroup"
)

type Doctor struct{ Name, Email string }

func send(d Doctor)            {}
func sendTo(addr string) error { return nil }
func handle(c net.Conn)        {}
func use(args ...any)          {}

func assignForm(doctors []Doctor) {
	var doc Doctor
	for _, doc = range doctors {
		go func() {
			send(doc) // want `loop variable doc`
		}()
	}
}

func accept(l net.Listener) {
	var conn net.Conn
	var err error
	for {
		if conn, err = l.Accept(); err != nil {
			return
		}
		go func() {
			handle(conn) // want `variable conn`
		}()
	}
}

func withParams(doctors []Doctor) {
	var doc Doctor
	var i int
	for i, doc = range doctors {
		go func(n int) {
			use(n, i, doc) // want `loop variable i` `loop variable doc`
		}(1)
	}
}

func groupFresh(doctors []Doctor) error {
	var g errgroup.Group
	var doc Doctor
	for _, doc = range doctors {
		g.Go(func() error {
			return sendTo(doc.Email) // want `loop variable doc`
		})
	}
	return g.Wait()
}

func TestFresh(t *testing.T) {
	var tc Doctor
	for _, tc = range []Doctor{{Name: "a"}} {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			send(tc) // want `loop variable tc`
		})
	}
}

func writesBack(doctors []Doctor) {
	var doc Doctor
	for _, doc = range doctors {
		go func() {
			use(doc) // want `loop variable doc`
			doc = Doctor{} // want `goroutine writes loop variable doc`
		}()
	}
}
