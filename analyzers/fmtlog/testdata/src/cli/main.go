// Command cli prints its results: that output is its product.
package main

import (
	"fmt"
	"log"
	"os"
)

// A command-line program prints its results.
func main() {
	if len(os.Args) < 2 {
		log.Fatal("need an argument")
	}
	fmt.Println("result:", os.Args[1])
	run()
}

// Progress on stderr is part of a CLI's interface.
func run() {
	fmt.Fprintln(os.Stderr, "done")
}
