// Package main starts a goroutine once per process: a path of main that
// skips the close ends the process with it.
package main

import (
	"errors"
	"os"
)

func load() error { return errors.New("x") }

func main() {
	stop := make(chan struct{})
	go func() {
		<-stop
	}()
	if err := load(); err != nil {
		os.Stderr.WriteString(err.Error())
		return
	}
	close(stop)
}
