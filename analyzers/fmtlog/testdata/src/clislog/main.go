// Command clislog is a command-line program that also logs with slog:
// its commands' results are its output, its logs go through slog.
package main

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	slog.Info("starting")
	root := &cobra.Command{Use: "tool", RunE: runRoot}
	list := &cobra.Command{
		Use: "list",
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Println("module-a")
		},
	}
	_ = list
	if err := root.RunE(root, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// A command's RunE body prints the command's result.
func runRoot(cmd *cobra.Command, args []string) error {
	fmt.Printf("%d arguments\n", len(args))
	return nil
}

// A subcommand handler returning (exit code, error) prints its result.
func validate(path string) (int, error) {
	fmt.Printf("%s is valid\n", path)
	return 0, nil
}

// A version printer's output is the command's.
func versionString() {
	fmt.Println("tool v1.2.3")
}

// A list printer's output is the command's.
func listModules(mods []string) {
	for _, m := range mods {
		fmt.Println(m)
	}
}

// A command's cmdX handler prints its result.
func cmdBuildInfo(args []string) {
	fmt.Println("go1.26")
}

// A command-line program that serves nothing: its calls of slog count
// only where a logger is at hand. fetch has none, and its failure on
// stderr is the command talking to its user.
func fetch(url string, err error) {
	fmt.Fprintln(os.Stderr, "fetch failed:", err)
}

// Beside a logger at hand, a failure printed past it is reported.
func fetchWith(logger *slog.Logger, url string, err error) {
	fmt.Fprintln(os.Stderr, "fetch failed:", err) // want `fmt.Fprintln used as logging in a package that logs with slog: use logger.Error instead`
}

// Output through a local writer holding os.Stdout is the standard stream:
// reported beside a logger at hand, with no fix through the variable.
func report(logger *slog.Logger, n int) {
	out := os.Stdout
	fmt.Fprintf(out, "processed %d items\n", n) // want `fmt.Fprintf used as logging in a package that logs with slog: use logger.Info instead`
}
