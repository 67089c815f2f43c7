package driver

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/trapvet/trapvet/internal/report"
	"github.com/trapvet/trapvet/internal/scope"
)

func (s *Suite) version() string {
	if s.Version != nil {
		return s.Version()
	}
	return BuildVersion(s.Name)
}

// BuildVersion describes the running binary from its build info:
// "trapvet v0.3.0 (go1.26.8)", or "(devel)" for a build from a checkout.
func BuildVersion(name string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return name + " (unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev string
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			rev = " " + s.Value[:12]
		}
	}
	return fmt.Sprintf("%s %s%s (%s)", name, v, rev, info.GoVersion)
}

// moduleVersion is the main module's version from the build info, or
// "devel" for a build from a checkout.
func moduleVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

func (r *run) usage(w io.Writer, fs *flag.FlagSet) {
	s := r.suite
	fmt.Fprintf(w, `%[1]s runs static analyzers over Go packages.

Usage:
	%[1]s [flags] [packages]     # analyze packages (default ".")
	%[1]s help                   # this text, with the list of analyzers
	%[1]s help <analyzer>        # an analyzer's documentation and flags
	%[1]s version                # version from the build info
	%[1]s lsp [flags]            # a language server on stdio, beside gopls (docs/editors.md)
	tv=$(command -v %[1]s) && go vet -vettool="$tv" [flags] [packages]

Exit codes: 0 no findings, 3 findings, 1 errors (usage, loading, type errors).

Flags:
`, s.Name)
	names := make(map[string]bool)
	for _, a := range s.Analyzers {
		names[a.Name] = true
	}
	fs.VisitAll(func(f *flag.Flag) {
		name, _, _ := strings.Cut(f.Name, ".")
		if names[name] {
			return // listed with the analyzers
		}
		printFlag(w, f, f.Name)
	})
	fmt.Fprintf(w, `
Selecting analyzers: -NAME runs only the named analyzers; -NAME=false runs
all but those. -%s=false leaves out %s.%[5]s
Analyzer flags are given as -NAME.FLAG.

Suppressing: "//%[3]s:ignore NAME reason" (or //nolint:NAME) on the reported
line or the line above, for any analyzer. A %[3]s:ignore directive naming no
analyzer, or suppressing nothing while its analyzers ran, is reported
(%[4]s).
`, s.GroupFlag, s.GroupDoc, "trapvet", report.CheckerName, s.optInLine())
}

// optInLine says how the opt-in analyzers are run, for the usage text.
func (s *Suite) optInLine() string {
	if s.OptInFlag == "" {
		return ""
	}
	return fmt.Sprintf("\nThe %s are off by default: -%s adds them all, -NAME runs one.", s.OptInDoc, s.OptInFlag)
}

func printFlag(w io.Writer, f *flag.Flag, name string) {
	kind, usage := flag.UnquoteUsage(f)
	if kind != "" {
		kind = " " + kind
	}
	def := ""
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "-1" && f.DefValue != "default" {
		def = fmt.Sprintf(" (default %s)", f.DefValue)
	}
	fmt.Fprintf(w, "  -%s%s\n    \t%s%s\n", name, kind, usage, def)
}

func (r *run) help(fs *flag.FlagSet, args []string) int {
	s := r.suite
	if len(args) == 0 {
		r.usage(r.stdout, fs)
		own, group, optIn := s.split()
		fmt.Fprintf(r.stdout, "\n%s's analyzers:\n", s.Name)
		listAnalyzers(r.stdout, append(own, report.NewTable().Checker(nil, nil, nil)))
		if len(optIn) > 0 {
			fmt.Fprintf(r.stdout, "\n%s, off by default (-%s runs them all, -NAME one):\n", capitalize(s.OptInDoc), s.OptInFlag)
			listAnalyzers(r.stdout, optIn)
		}
		if len(group) > 0 {
			fmt.Fprintf(r.stdout, "\n%s (-%s=false to leave them out):\n", capitalize(s.GroupDoc), s.GroupFlag)
			listAnalyzers(r.stdout, group)
		}
		listScopes(r.stdout, own)
		fmt.Fprintf(r.stdout, "\nRun '%s help NAME' for an analyzer's documentation.\n", s.Name)
		return ExitClean
	}
	code := ExitClean
	for n, name := range args {
		if name == report.CheckerName {
			if n > 0 {
				fmt.Fprintln(r.stdout)
			}
			checker := report.NewTable().Checker(nil, nil, nil)
			fmt.Fprintf(r.stdout, "%s\n\n%s\n\nMore: %s\n", checker.Doc, ignoresHelp, checker.URL)
			continue
		}
		i := slices.IndexFunc(s.Analyzers, func(a *analysis.Analyzer) bool { return a.Name == name })
		if i < 0 {
			r.errorf("no analyzer named %q (run '%s help' for the list)", name, s.Name)
			code = ExitError
			continue
		}
		a := s.Analyzers[i]
		if n > 0 {
			fmt.Fprintln(r.stdout)
		}
		fmt.Fprintf(r.stdout, "%s\n", strings.TrimSpace(a.Doc))
		if a.URL != "" {
			fmt.Fprintf(r.stdout, "\nMore: %s\n", a.URL)
		}
		if a.Flags.Lookup(scope.FlagName) != nil {
			row := scope.Table([]string{a.Name})[0]
			fmt.Fprintf(r.stdout, "\nReports by default: %s (%s). -%s.scope=all reports everywhere.\n", row.Kinds, row.Reason, a.Name)
			for _, rule := range scope.Rules(a.Name) {
				fmt.Fprintf(r.stdout, "Its rule %s reports %s (%s).\n", rule.Rule, rule.Kinds, rule.Reason)
			}
		}
		first := true
		a.Flags.VisitAll(func(f *flag.Flag) {
			if first {
				fmt.Fprintf(r.stdout, "\nFlags:\n")
				first = false
			}
			printFlag(r.stdout, f, a.Name+"."+f.Name)
		})
	}
	return code
}

// split returns the analyzers that run by default outside the group,
// those in the group, and the opt-in ones.
func (s *Suite) split() (own, group, optIn []*analysis.Analyzer) {
	for _, a := range s.Analyzers {
		switch {
		case slices.Contains(s.Group, a):
			group = append(group, a)
		case slices.Contains(s.OptIn, a):
			optIn = append(optIn, a)
		default:
			own = append(own, a)
		}
	}
	return own, group, optIn
}

// listScopes prints the kinds of code each analyzer reports by default
// (internal/scope's table), for the analyzers that have a scope flag.
func listScopes(w io.Writer, list []*analysis.Analyzer) {
	var names []string
	for _, a := range list {
		if a.Flags.Lookup(scope.FlagName) != nil {
			names = append(names, a.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	fmt.Fprintf(w, `
Where each reports by default (docs/scope.md). The kinds of code are %s.
-scope=all reports every kind, -NAME.scope=all one analyzer's (all its
rules: NAME.RULE rows are rules whose default differs); go vet's analyzers
report every kind, as under go vet.
`, strings.Join(kindNames(), ", "))
	rows := scope.Table(names)
	width := 0
	for _, row := range rows {
		width = max(width, len(row.Name()))
	}
	for _, row := range rows {
		fmt.Fprintf(w, "  %-*s  %s: %s\n", width, row.Name(), row.Kinds, row.Reason)
	}
}

func kindNames() []string {
	var names []string
	for _, k := range scope.Kinds() {
		names = append(names, k.String())
	}
	return names
}

// ignoresHelp is "help ignores"' body: the check runs in every run,
// after all the other analyzers, over the directives they were given.
const ignoresHelp = `Every run ends with this check of the suppression directives. It reports
a //trapvet:ignore that gives no reason (it suppresses nothing), that names
no analyzer or an unknown one, or that suppressed no finding while every
analyzer it names ran. //nolint directives are left to golangci-lint.

-ignores=false leaves the check out.`

func listAnalyzers(w io.Writer, list []*analysis.Analyzer) {
	width := 0
	for _, a := range list {
		width = max(width, len(a.Name))
	}
	for _, a := range list {
		title, _, _ := strings.Cut(a.Doc, "\n")
		title = strings.TrimPrefix(title, a.Name+": ")
		fmt.Fprintf(w, "  %-*s  %s\n", width, a.Name, title)
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
