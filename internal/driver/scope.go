package driver

import (
	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/scope"
)

// scopeFlag is the driver's -scope flag: it sets the scope flag of every
// analyzer that has one (trapvet's own; go vet's report everywhere, as
// under go vet). -NAME.scope given after it changes one analyzer's.
type scopeFlag struct {
	analyzers []*analysis.Analyzer
	value     string
}

func (f *scopeFlag) String() string {
	if f == nil || f.value == "" {
		return "default"
	}
	return f.value
}

func (f *scopeFlag) Set(v string) error {
	if err := new(scope.Choice).Set(v); err != nil {
		return err
	}
	for _, a := range f.analyzers {
		if fl := a.Flags.Lookup(scope.FlagName); fl != nil {
			if err := fl.Value.Set(v); err != nil {
				return err
			}
		}
	}
	f.value = v
	return nil
}

const scopeUsage = "kinds of code reported: default (each analyzer's row in 'trapvet help'), all (every kind: tests, examples, benchmarks, tools, ...), or a list of kinds"
