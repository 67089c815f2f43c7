// Command svcmain uses a service whose Logger field is nil until the
// service's Start (in another package) sets it: a print before that has
// no logger at hand in the field.
package main

import (
	"log"
	"os"

	"go.uber.org/zap"

	"svcflags"
)

func loadConfig() (string, error) { return os.Getenv("CFG"), nil }

func main() {
	svc := svcflags.NewService("query")
	cfg, err := loadConfig()
	if err != nil {
		log.Fatalf("cannot load config: %v", err) // svc.Logger is still nil: not at hand
	}
	if err := svc.Start(); err != nil {
		log.Fatalf("cannot start: %v", err) // Start failed: svc.Logger may be nil
	}
	if cfg == "" {
		log.Printf("no config given") // want `log.Printf used as logging in a package that logs with zap: use svc.Logger.Info instead`
	}
	svc.Logger.Info("started")
}

// The constructor of another package that returns the field set (a
// fact about it) puts the logger at hand at once.
func withLogger() {
	svc := svcflags.NewServiceWith(zap.L())
	log.Printf("built %v", svc != nil) // want `log.Printf used as logging in a package that logs with zap: use svc.Logger.Info instead`
}

// Start called in a command's body, its failure returned: the prints
// after it have the logger (jaeger's mains).
func inClosure() func() error {
	svc := svcflags.NewService("collector")
	return func() error {
		if err := svc.Start(); err != nil {
			return err
		}
		log.Printf("collector starting") // want `log.Printf used as logging in a package that logs with zap: use svc.Logger.Info instead`
		return nil
	}
}
