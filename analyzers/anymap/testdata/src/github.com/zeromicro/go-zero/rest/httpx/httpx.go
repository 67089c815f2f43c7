// Package httpx stubs the parts of github.com/zeromicro/go-zero/rest/httpx
// v1.10.3 that anymap relies on, with their real signatures.
package httpx

import "net/http"

func Parse(r *http.Request, v any) error         { return nil }
func ParseJsonBody(r *http.Request, v any) error { return nil }
func ParseForm(r *http.Request, v any) error     { return nil }
