// Package echo stubs the parts of github.com/labstack/echo/v4 v4.16.0 that
// anymap relies on, with their real signatures.
package echo

type Context interface {
	Bind(i any) error
	JSON(code int, i any) error
}
