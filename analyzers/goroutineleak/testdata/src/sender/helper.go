package sender

// client's helper makes the channels, starts their sender and returns
// them: the caller's select gives up on the stop channel, and the
// reader blocks forever on its next send.
type client struct {
	stop       chan struct{}
	subscribed map[chan int]chan struct{}
}

func read() (int, error) { return 0, nil }

func (c *client) start() (chan int, chan error) {
	out := make(chan int)
	errc := make(chan error)
	go c.loop(out, errc)
	return out, errc
}

func (c *client) loop(out chan int, errc chan error) { // want loop:"sends on out; sends on errc"
	for {
		v, err := read()
		if err != nil {
			errc <- err
			return
		}
		out <- v
	}
}

// Close stops every consumer.
func (c *client) Close() { close(c.stop) }

// Consume hands each value to h until the client stops.
func (c *client) Consume(h func(int)) error {
	out, errc := c.start() // want `loop started in start blocks forever sending on unbuffered errc when the select in Consume gives up through <-c\.stop first` `loop started in start blocks forever sending on unbuffered out when the select in Consume gives up through <-c\.stop first`
	for {
		select {
		case <-c.stop:
			return nil
		case err := <-errc:
			return err
		case v := <-out:
			h(v)
		}
	}
}

// Unsubscribe stops the subscription of ch.
func (c *client) Unsubscribe(ch chan int) { close(c.subscribed[ch]) }

// Subscribe forwards values to ch until ch is unsubscribed: the stop
// channel is an element of a map.
func (c *client) Subscribe(ch chan int) error { // want Subscribe:`sends on ch`
	out, errc := c.start() // want `errc when the select in Subscribe gives up through <-c\.subscribed\[ch\] first` `out when the select in Subscribe gives up through <-c\.subscribed\[ch\] first`
	for {
		select {
		case <-c.subscribed[ch]:
			return nil
		case err := <-errc:
			return err
		case v := <-out:
			ch <- v
		}
	}
}

// ConsumeAll leaves only through the error channel: the reader is
// always received from until it returns.
func (c *client) ConsumeAll(h func(int)) error {
	out, errc := c.start()
	for {
		select {
		case err := <-errc:
			return err
		case v := <-out:
			h(v)
		}
	}
}

// ConsumeDrained drains the values after it stops.
func (c *client) ConsumeDrained(h func(int)) error {
	out, errc := c.start()
	for {
		select {
		case <-c.stop:
			go func() {
				for range out {
				}
			}()
			return <-errc
		case err := <-errc:
			return err
		case v := <-out:
			h(v)
		}
	}
}

// Start is exported: its channels' senders are any caller's business.
func (c *client) Start() (chan int, chan error) { return c.start() }

// guardedStart's sender selects on the stop channel around its send.
func (c *client) guardedStart() chan int {
	out := make(chan int)
	go func() {
		for {
			v, _ := read()
			select {
			case out <- v:
			case <-c.stop:
				return
			}
		}
	}()
	return out
}

// ConsumeGuarded receives from a sender that gives up too.
func (c *client) ConsumeGuarded(h func(int)) {
	out := c.guardedStart()
	for {
		select {
		case <-c.stop:
			return
		case v := <-out:
			h(v)
		}
	}
}

// bufferedStart's channel holds the one value its sender sends.
func (c *client) bufferedStart() chan int {
	out := make(chan int, 1)
	go func() {
		v, _ := read()
		out <- v
	}()
	return out
}

// First waits for the first value or the stop.
func (c *client) First() int {
	out := c.bufferedStart()
	select {
	case <-c.stop:
		return 0
	case v := <-out:
		return v
	}
}
