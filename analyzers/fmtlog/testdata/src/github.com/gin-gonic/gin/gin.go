// Package gin is a stub of github.com/gin-gonic/gin with the signatures
// fmtlog's fixtures use.
package gin

import "net/http"

type Context struct {
	Request *http.Request
	Writer  http.ResponseWriter
}

type HandlerFunc func(*Context)

type Engine struct{}

func New() *Engine                                  { return nil }
func (e *Engine) GET(path string, h ...HandlerFunc) {}
func (e *Engine) Run(addr ...string) (err error)    { return nil }
