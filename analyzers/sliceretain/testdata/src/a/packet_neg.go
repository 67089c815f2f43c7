package a

import (
	"bytes"
	"io"
	"net"
)

// A buffer sized for one MTU is not large.
func (l *listener) listenSmall(conn net.PacketConn) {
	for {
		buf := make([]byte, 1500)
		n, addr, err := conn.ReadFrom(buf)
		if err != nil {
			return
		}
		l.ch <- &packet{buf: buf[:n], from: addr}
	}
}

// One buffer for every packet: the parts tile it (that the next read
// overwrites the queued packet is another bug).
func (l *listener) listenReused(conn net.PacketConn) {
	buf := make([]byte, maxPacket)
	for {
		n, addr, err := conn.ReadFrom(buf)
		if err != nil {
			return
		}
		l.ch <- &packet{buf: buf[:n], from: addr}
	}
}

// The packet copied before it is queued.
func (l *listener) listenCopy(conn net.PacketConn) {
	for {
		buf := make([]byte, maxPacket)
		n, addr, err := conn.ReadFrom(buf)
		if err != nil {
			return
		}
		l.ch <- &packet{buf: bytes.Clone(buf[:n]), from: addr}
	}
}

// A stream read counts what was written: the buffer may be full.
func readChunk(r io.Reader) ([]byte, error) { // want readChunk:"freshResults\\(0\\)"
	buf := make([]byte, maxPacket)
	n, err := r.Read(buf)
	return buf[:n], err
}

// A packet read at an offset: n is not the length of buf's part.
func readAfterHeader(conn *net.UDPConn) []byte { // want readAfterHeader:"freshResults\\(0\\)"
	buf := make([]byte, maxPacket)
	n, _, _ := conn.ReadFromUDP(buf[8:])
	return buf[:n+8]
}

// The packet used in the function only.
func (l *listener) count(conn *net.UDPConn) int {
	buf := make([]byte, maxPacket)
	n, _, _ := conn.ReadFromUDP(buf)
	return bytes.Count(buf[:n], []byte{'\n'})
}

// io.ReaderFrom's ReadFrom takes a Reader: not a packet read.
func (l *listener) slurp(r io.Reader) []byte {
	var b bytes.Buffer
	n, _ := b.ReadFrom(r)
	return b.Bytes()[:n]
}

// A stream type's ReadFrom with no sender result counts what was written.
type stream struct{ r io.Reader }

func (s *stream) ReadFrom(p []byte) (int, error) { return s.r.Read(p) }

func (l *listener) readStream(s *stream) {
	buf := make([]byte, maxPacket)
	n, _ := s.ReadFrom(buf)
	l.seen = append(l.seen, buf[:n])
}
