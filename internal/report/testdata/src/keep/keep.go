package keep

func report() {}

func f() {
	report() // want `call to report`

	//trapvet:ignore callreport accepted here
	report() // want `call to report`

	report() //nolint:callreport // want `call to report`
}
