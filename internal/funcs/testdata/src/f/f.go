package f

func two(a, b int) int {
	x := a + b
	return x // want `decl "two" params=2 stmts=2 cfg=true`
}

func outer() func() int {
	return func() int { // want `decl "outer" params=0 stmts=1 cfg=true`
		return 1 // want `literal "the function literal" params=0 stmts=1 cfg=true`
	}
}
