package a

type service struct{ Name string }

func (s *service) update() {}

func updateService(s *service) {}

// From Go 1.22 each iteration has its own svc: handing its address to a
// goroutine is safe. Not reported.
func allocator(ch chan service) {
	for svc := range ch {
		go updateService(&svc)
	}
	for i := range 3 {
		s := service{}
		_ = i
		go s.update()
	}
}
