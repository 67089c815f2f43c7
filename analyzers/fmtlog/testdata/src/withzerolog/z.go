package withzerolog

import (
	"fmt"

	"github.com/rs/zerolog/log"
)

func Run(format string, n int) {
	log.Info().Msg("run")
	fmt.Println("running", n)  // want `fmt.Println used as logging in a package that logs with zerolog: use zerolog instead`
	fmt.Printf(format, n)      // one run with the line above: one finding
	fmt.Println(fmt.Sprint(n)) // and this one
}
