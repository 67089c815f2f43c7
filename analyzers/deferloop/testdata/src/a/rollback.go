package a

import (
	"errors"
	"net"
	"os"
)

// listenAll opens every listener and keeps them; if one fails, the
// deferred rollbacks close those opened so far when it returns.
func listenAll(addrs []string) (ls []net.Listener, err error) {
	for _, a := range addrs {
		l, lerr := net.Listen("tcp", a)
		if lerr != nil {
			return nil, lerr
		}
		defer func(l net.Listener) {
			if err == nil || l == nil {
				return
			}
			l.Close()
		}(l)
		ls = append(ls, l)
		if len(ls) > 64 {
			err = errors.New("too many")
			return nil, err
		}
	}
	return ls, nil
}

// openEach closes what it opened only when it fails.
func openEach(names []string) (files []*os.File, err error) {
	for _, n := range names {
		f, ferr := os.Open(n)
		if ferr != nil {
			err = ferr
			return nil, err
		}
		defer func() {
			if err != nil {
				f.Close()
			}
		}()
		files = append(files, f)
	}
	return files, nil
}

type serveCtx struct {
	l    net.Listener
	addr string
}

// listenServing opens a listener per serving context; if one fails, the
// deferred rollbacks close those opened so far when it returns.
func listenServing(ctxs []*serveCtx) (err error) {
	for _, sctx := range ctxs {
		if sctx.l, err = net.Listen("tcp", sctx.addr); err != nil {
			return err
		}
		defer func(sctx *serveCtx) {
			if err == nil || sctx.l == nil {
				return
			}
			sctx.l.Close()
		}(sctx)
	}
	return nil
}

func greet(c net.Conn) error { _, err := c.Write([]byte("hi")); return err }

// dialPeers keeps its connections open for the caller's peers, and closes
// them when a later dial fails.
func dialPeers(addrs []string) (err error) {
	for _, a := range addrs {
		c, derr := net.Dial("tcp", a)
		if derr != nil {
			err = derr
			return err
		}
		defer func() {
			if err != nil {
				c.Close()
			}
		}()
		if err = greet(c); err != nil {
			return err
		}
	}
	return nil
}

// closeUnlessDone checks an error of its own iteration: the closure acts
// on every path of every iteration that failed later, and holds the file
// of each iteration until the function returns.
func closeUnlessDone(names []string) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer func() { // want `defer func\(\) \{\.\.\.\}\(\) in loop: it runs only when closeUnlessDone returns`
			if err != nil {
				return
			}
			f.Close()
		}()
	}
}

// iterationErr tests an error of its own iteration, not the function's:
// it is no rollback of the function.
func iterationErr(names []string) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer func() { // want `defer func\(\) \{\.\.\.\}\(\) in loop: it runs only when iterationErr returns`
			if err == nil {
				return
			}
			f.Close()
		}()
	}
}
