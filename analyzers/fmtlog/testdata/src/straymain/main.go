// Package main is a command: its prints are its output.
package main

import (
	"fmt"
	"os"
)

func main() {
	name, err := os.Hostname()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(name)
}
