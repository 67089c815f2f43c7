// Command consoletool prints the messages it consumes: its output. Its
// *log.Logger is its diagnostics on stderr and makes it no logging
// program.
package main

import (
	"fmt"
	"log"
	"os"
)

var logger = log.New(os.Stderr, "", log.LstdFlags)

// The messages printed are the command's product.
func main() {
	logger.Println("consuming")
	for _, m := range os.Args[1:] {
		fmt.Printf("Value:\t%s\n", m)
	}
}
