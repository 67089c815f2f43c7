package driver

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"
)

// isVetProtocol reports whether args are a go vet -vettool invocation, or
// one of the protocol's questions (-V=full, -flags), which unitchecker
// answers exactly as go vet expects.
func isVetProtocol(args []string) bool {
	for _, arg := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if strings.HasPrefix(arg, "-") && (name == "V" || name == "flags") {
			return true
		}
	}
	n := len(args)
	if n == 0 || !strings.HasSuffix(args[n-1], ".cfg") {
		return false
	}
	for _, arg := range args[:n-1] {
		if !strings.HasPrefix(arg, "-") {
			return false
		}
	}
	return true
}

// runVet hands over to unitchecker.Main with the selected analyzers. The
// flags of the analyzers left out, and the group flag, are registered on
// the command line too, so that -flags lists every flag go vet may forward
// and each is accepted. As standalone, an analyzer's panic becomes an
// error naming it instead of a crash. It does not return.
func (s *Suite) runVet(args []string) {
	sel := s.prescan(args)
	chosen := s.Select(sel)
	inSet := make(map[string]bool)
	for _, a := range chosen {
		inSet[a.Name] = true
	}
	for _, a := range s.Analyzers {
		if inSet[a.Name] {
			continue
		}
		flag.Var(new(triState), a.Name, fmt.Sprintf("enable %q analysis", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			flag.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if s.GroupFlag != "" {
		flag.Var(new(triState), s.GroupFlag, s.groupUsage())
	}
	os.Args = append([]string{os.Args[0]}, args...)
	unitchecker.Main(guard(nil, chosen, false)...)
}

func (s *Suite) groupUsage() string {
	return fmt.Sprintf("enable %s (-%s=false runs the others alone)", s.GroupDoc, s.GroupFlag)
}

// prescan reads the enable flags from args the way the flag package will
// parse them, before the analyzers are chosen: flags end at the first
// non-flag argument or "--", and a non-boolean flag given without "="
// takes the next argument as its value.
func (s *Suite) prescan(args []string) selection {
	sel := selection{named: make(map[string]bool)}
	names := make(map[string]bool)
	valueFlags := map[string]bool{"c": true, "tags": true}
	for _, a := range s.Analyzers {
		names[a.Name] = true
		a.Flags.VisitAll(func(f *flag.Flag) {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				valueFlags[a.Name+"."+f.Name] = true
			}
		})
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || !strings.HasPrefix(arg, "-") || arg == "-" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if !names[name] && name != s.GroupFlag {
			if valueFlags[name] && !hasValue {
				i++
			}
			continue
		}
		on := true
		if hasValue {
			b, err := strconv.ParseBool(value)
			if err != nil {
				continue // the flag package reports it
			}
			on = b
		}
		if name == s.GroupFlag {
			sel.group = &on
		} else {
			sel.named[name] = on
		}
	}
	return sel
}
