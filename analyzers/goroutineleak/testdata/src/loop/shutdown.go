package loop

// The goroutines here spin (no wait in their loops): a loop that idles is
// reported only where its launch repeats, and these test which launches
// live as long as the process.

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

func ping() error { return nil }

// RunDaemon is a daemon's run function: it starts its watchdog, then
// waits for the process to be told to stop. Its return is the process's
// shutdown, so the watchdog lives as long as the process. Not reported.
func RunDaemon() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		for {
			_ = ping()
		}
	}()
	<-stop
}

// The same with signal.NotifyContext and a select. Not reported.
func Serve(parent context.Context) error { // want Serve:"works with parent"
	ctx, cancel := signal.NotifyContext(parent, syscall.SIGTERM)
	defer cancel()
	go func() {
		for {
			_ = ping()
		}
	}()
	select {
	case <-ctx.Done():
	}
	return nil
}

// A reload signal is no stop request: each call leaves one more
// goroutine behind.
func Watch() {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for { // want `the goroutine started in Watch runs a for loop with no way out, so it can never stop`
			refresh()
		}
	}()
	<-hup
}

// A return before the wait: the function can end long before the
// process does. Reported.
func RunChecked(ok bool) error {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	go func() {
		for { // want `the goroutine started in RunChecked runs a for loop with no way out, so it can never stop`
			_ = ping()
		}
	}()
	if !ok {
		return errors.New("not ready")
	}
	<-stop
	return nil
}

// A launch in a loop starts one goroutine per pass. Reported.
func RunAll(n int) {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM)
	for range n {
		go func() {
			for { // want `the goroutine started in RunAll runs a for loop with no way out, so it can never stop`
				_ = ping()
			}
		}()
	}
	<-stop
}

// Watch never returns: its refresher cannot outlive it. Not reported.
func WatchForever() {
	go func() {
		for {
			refresh()
		}
	}()
	<-make(chan struct{})
}

func ServeForever() {
	go func() {
		for {
			refresh()
		}
	}()
	select {}
}

// A daemon's main loop that reloads on SIGHUP and returns only on a stop
// request: the watchdog lives as long as the process. Not reported.
func RunReloading() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	reload := make(chan os.Signal, 1)
	signal.Notify(reload, syscall.SIGHUP)
	go func() {
		for {
			_ = ping()
		}
	}()
	for {
		select {
		case <-stop:
			return
		case <-reload:
			refresh()
		}
	}
}

// The same loop that also returns on a reload: the function may end
// without a stop request. Reported.
func RunOnce() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	reload := make(chan os.Signal, 1)
	signal.Notify(reload, syscall.SIGHUP)
	go func() {
		for { // want `the goroutine started in RunOnce runs a for loop with no way out, so it can never stop`
			_ = ping()
		}
	}()
	for {
		select {
		case <-stop:
			return
		case <-reload:
			return
		}
	}
}
