package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
)

var (
	showVersion = flag.Bool("version", false, "print the version and exit")
	check       = flag.Bool("check", false, "check the configuration and exit")
)

// flags answers -version before the server starts: the line is what the
// user asked for, and the program ends with success. Not reported.
func flags(logger *slog.Logger) {
	flag.Parse()
	if *showVersion {
		fmt.Println("slogserver version", "1.2.3")
		os.Exit(0)
	}
	if *check {
		fmt.Println("configuration ok") // want `fmt.Println used as logging in a package that logs with slog: use logger.Info instead`
		os.Exit(0)
	}
	if *showVersion && len(os.Args) > 3 {
		fmt.Println("unexpected arguments") // want `fmt.Println used as logging in a package that logs with slog: use logger.Info instead`
		os.Exit(2)
	}
	logger.Info("flags parsed")
}

// A version subcommand read from the arguments answers the same way. Not
// reported.
func subcommands(logger *slog.Logger) {
	if len(os.Args) > 1 && os.Args[1] == "version" {
		fmt.Printf("slogserver version %s\n", "1.2.3")
		os.Exit(0)
	}
	if flag.Arg(0) == "--help" {
		fmt.Println("usage: slogserver [version]")
		os.Exit(0)
	}
	// Another subcommand's line, and a word that is not a command-line
	// argument, are judged as before.
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		fmt.Println("serving version", "1.2.3") // want `fmt.Println used as logging in a package that logs with slog: use logger.Info instead`
		os.Exit(0)
	}
	if os.Getenv("MODE") == "version" {
		fmt.Println("checked version") // want `fmt.Println used as logging in a package that logs with slog: use logger.Info instead`
		os.Exit(0)
	}
	logger.Info("arguments read")
}
