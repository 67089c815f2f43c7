package a

func bad()   {}
func worse() {}
func other() {}

func f() {
	bad() // the extender reports it: the extended analyzer stays silent

	other() // want `extended: call to other`

	worse() // the extender alone reports it

	bad() //trapvet:ignore extender accepted here, so neither reports it
}
