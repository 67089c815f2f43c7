package withzerolog

import (
	"fmt"
	"net/http"

	"github.com/rs/zerolog/log"
)

// A handler of a package that logs with zerolog: its prints bypass it.
func Run(w http.ResponseWriter, r *http.Request) {
	format, n := r.URL.Query().Get("f"), len(r.URL.Path)
	log.Info().Msg("run")
	fmt.Println("running", n)  // want `fmt.Println used as logging in a package that logs with zerolog: use zerolog instead`
	fmt.Printf(format, n)      // one run with the line above: one finding
	fmt.Println(fmt.Sprint(n)) // and this one
}

// A function that serves no request, with no logger at hand: the
// package's calls of zerolog elsewhere do not make its print a lost line.
func Walk(n int) {
	fmt.Println("walked", n)
}
