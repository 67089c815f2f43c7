// Package cobracmd holds a cobra command: CLI output, not logging.
package cobracmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

// A cobra command's Run prints its result for the user.
func New() *cobra.Command {
	return &cobra.Command{
		Use: "version",
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Println("v1.2.3")
		},
	}
}
