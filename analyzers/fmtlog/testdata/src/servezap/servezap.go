// Package servezap serves HTTP with gin and logs through zap's package
// functions: its handlers' prints bypass that logger; its configuration
// loader's warning is the package talking to its user.
package servezap

import (
	"fmt"
	"os"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
)

func Routes() *gin.Engine {
	r := gin.New()
	r.GET("/ping", ping)
	r.GET("/health", func(c *gin.Context) {
		fmt.Println("health check") // want `fmt.Println used as logging in a package that logs with zap: use the program's \*zap.Logger.Info instead`
	})
	zap.L().Info("routes ready")
	return r
}

// A gin handler.
func ping(c *gin.Context) {
	fmt.Printf("ping from %s\n", c.Request.RemoteAddr) // want `fmt.Printf used as logging in a package that logs with zap: use the program's \*zap.Logger.Info instead`
}

// A helper given gin's context answers its request.
func abort(c *gin.Context, err error) {
	fmt.Fprintln(os.Stderr, "abort:", err) // want `fmt.Fprintln used as logging in a package that logs with zap: use the program's \*zap.Logger.Error instead`
}

// The configuration loader serves no request: its warning is for the
// user starting the program.
func LoadConfig(path string) {
	fmt.Fprintf(os.Stderr, "config %s missing, using defaults\n", path)
}
