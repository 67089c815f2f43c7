// Command clizap is a command-line program whose command logs with zap.
// Exiting on the error its cobra command returned is the program's
// last word to its shell (cobra printed the error already), not a
// line its logger should carry; its other prints are.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/spf13/cobra"
	"go.uber.org/zap"
)

func main() {
	logger, _ := zap.NewProduction()
	cmd := &cobra.Command{Use: "cleaner DAYS", RunE: func(_ *cobra.Command, a []string) error {
		if len(a) != 1 {
			return errors.New("wrong number of arguments")
		}
		logger.Info("deleting", zap.Any("days", a[0]))
		return nil
	}}
	log.Printf("starting cleaner") // want `log.Printf used as logging in a package that logs with zap: use logger.Info instead`
	if err := cmd.Execute(); err != nil {
		log.Fatalln(err)
	}
}

// ExecuteC's error, with a constant prefix.
func runC(logger *zap.Logger, cmd *cobra.Command) {
	if _, err := cmd.ExecuteC(); err != nil {
		log.Fatalf("cleaner: %v", err)
	}
}

// The error passed on directly.
func runDirect(logger *zap.Logger, cmd *cobra.Command) {
	if len(os.Args) > 1 {
		log.Fatal(cmd.ExecuteContext(context.Background()))
	}
	logger.Info("nothing to run")
}

// err.Error() printed before an exit, in a program that serves (where
// a start-up failure printed before an exit is reported).
func runExit(logger *zap.Logger, cmd *cobra.Command) {
	err := cmd.Execute()
	if err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}

// ExecuteContextC's error after a constant word, in a function that
// goes on when the command succeeds.
func runPrefixed(logger *zap.Logger, cmd *cobra.Command) {
	_, err := cmd.ExecuteContextC(context.Background())
	if err != nil {
		log.Fatalln("error:", err)
	}
	logger.Info("done")
}

func load() error { return nil }

// An error of another call, beside a logger, is a line for that logger.
func runOther(logger *zap.Logger) {
	if err := load(); err != nil {
		log.Fatal(err) // want `log.Fatal used as logging in a package that logs with zap: use logger.Error instead`
	}
}

// The command's error printed with another value is more than the
// command's failure.
func runNamed(logger *zap.Logger, cmd *cobra.Command) {
	if err := cmd.Execute(); err != nil {
		log.Fatalf("%s: %v", os.Args[0], err) // want `log.Fatalf used as logging in a package that logs with zap: use logger.Error instead`
	}
}

// A variable also given another error is not only the command's.
func runMixed(logger *zap.Logger, cmd *cobra.Command) {
	err := load()
	if err == nil {
		err = cmd.Execute()
	}
	if err != nil {
		log.Fatal(err) // want `log.Fatal used as logging in a package that logs with zap: use logger.Error instead`
	}
}

// The program serves too: its cobra command runs a server.
func serve() error {
	return http.ListenAndServe(":8080", nil)
}

// A handler's log.Fatal stops the service on one request.
func health(w http.ResponseWriter, r *http.Request) {
	if err := load(); err != nil {
		log.Fatal(err) // want `log.Fatal used as logging in a package that logs with zap: use the program's \*zap.Logger.Error instead`
	}
}
