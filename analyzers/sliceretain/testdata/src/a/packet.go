package a

import "net"

// A datagram read fills one packet into a buffer sized for the largest
// one: buf[:n] is the packet, usually far smaller than the buffer, and
// keeping it keeps the whole buffer (a gossip or discovery listener that
// queues each packet it receives).

const maxPacket = 65536

type packet struct {
	buf  []byte
	from net.Addr
}

type listener struct {
	ch   chan *packet
	last map[string][]byte
	seen [][]byte
}

// Each packet in a fresh 64 KiB buffer, queued on a channel.
func (l *listener) listen(conn net.PacketConn) {
	for {
		buf := make([]byte, maxPacket)
		n, addr, err := conn.ReadFrom(buf)
		if err != nil {
			return
		}
		l.ch <- &packet{buf: buf[:n], from: addr} // want `buf\[:n\] keeps all of buf's backing array alive \(made at line 26\)`
	}
}

// The UDP read with an address port, kept in a map.
func (l *listener) remember(conn *net.UDPConn) error {
	buf := make([]byte, maxPacket)
	n, addr, err := conn.ReadFromUDPAddrPort(buf)
	if err != nil {
		return err
	}
	l.last[addr.String()] = buf[:n] // want `buf\[:n\] keeps all of buf's backing array alive`
	return nil
}

// An array read whole, returned.
func readPacket(conn *net.UDPConn) ([]byte, error) {
	var buf [maxPacket]byte
	n, _, _, _, err := conn.ReadMsgUDP(buf[:], nil)
	if err != nil {
		return nil, err
	}
	return buf[:n], nil // want `buf\[:n\] keeps all of buf's backing array alive`
}
