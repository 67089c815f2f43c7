package stopsignal

import zlog "github.com/rs/zerolog/log"

// watchFatal ends once stop is closed; its other way out sends a fatal
// event, which ends the process rather than the goroutine.
func watchFatal(stop <-chan struct{}, errs <-chan error) { // want watchFatal:"awaits stop"
	select {
	case <-stop:
	case err := <-errs:
		zlog.Fatal().Err(err).Msg("watch")
	}
}

// go watchFatal(stop, errs), judged by its fact: the error return skips
// the close.
func WatchFatal(errs <-chan error) error {
	stop := make(chan struct{})
	go watchFatal(stop, errs) // want `the goroutine started in WatchFatal waits for stop, but WatchFatal returns at line 21 without closing it`
	if err := load(); err != nil {
		return err
	}
	close(stop)
	return nil
}
