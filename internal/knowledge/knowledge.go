// Package knowledge is what the analyzers know about libraries: which
// calls start a goroutine, which functions serve a request, which start a
// server. Each fact is stated once here, matched by the type checker's
// objects (internal/typematch), so that two analyzers asking the same
// question get the same answer. Where a rule matches by name instead, its
// comment says so and why.
package knowledge
