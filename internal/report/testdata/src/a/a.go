package a

func report() {}

func f() {
	report() // want `call to report`

	report() //trapvet:ignore callreport the finding is accepted here

	//trapvet:ignore callreport accepted on the next line
	report()

	//trapvet:ignore other,callreport accepted, listed second
	report()

	//trapvet:ignore other not this analyzer
	report() // want `call to report`

	//trapvet:ignore callreport accepted two lines down only if adjacent

	report() // want `call to report`

	report() //nolint:callreport // golangci-lint style

	report() //nolint

	report() //nolint:errcheck // another linter's // want `call to report`

	report() //trapvet:ignore callreport // the reason may follow a second slash pair

	report() /* want `call to report` `trapvet:ignore callreport needs a reason after the analyzer names \(why is this finding wrong or accepted\?\); without one it suppresses nothing` */ //trapvet:ignore callreport
}
