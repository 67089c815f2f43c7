// Command loopmain serves forever, as programs do.
package main

import "net"

func handle(c net.Conn) { c.Close() }

// main's accept loop is the program's top-level serve loop: it runs until
// the process exits, by design.
func main() {
	l, err := net.Listen("tcp", ":0")
	if err != nil {
		return
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				continue
			}
			go handle(c)
		}
	}()
	startFireKeeper()
	select {}
}

// startFireKeeper is only called from main (client_golang's examples):
// its ticker goroutine lives as long as the program, by design.
func startFireKeeper() {
	go func() {
		for {
			handle(nil)
		}
	}()
}
