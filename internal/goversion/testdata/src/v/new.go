//go:build go1.23

package v // want `version="go1.23" lang1.22=true std1.21=true`
