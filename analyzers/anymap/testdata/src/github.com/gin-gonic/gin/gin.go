// Package gin stubs the parts of github.com/gin-gonic/gin v1.12.0 that anymap
// relies on, with their real signatures.
package gin

import "net/http"

// H is a shortcut for map[string]any.
type H map[string]any

type Context struct {
	Request *http.Request
}

func (c *Context) BindJSON(obj any) error       { return nil }
func (c *Context) ShouldBind(obj any) error     { return nil }
func (c *Context) ShouldBindJSON(obj any) error { return nil }
func (c *Context) JSON(code int, obj any)       {}
