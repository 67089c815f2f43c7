// Package echo is a stub of github.com/labstack/echo/v4.
package echo

import "net/http"

type Context interface {
	Request() *http.Request
	JSON(code int, i any) error
}

type HandlerFunc func(c Context) error
