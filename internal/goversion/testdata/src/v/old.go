//go:build go1.21

package v // want `version="go1.21" lang1.22=false std1.21=true`
