package a

import "sync"

// DownloadBuffer is an io.WriterAt sink: parallel downloads fill it with
// WriteAt on ranges that do not overlap, and Bytes reads it once they
// have all returned. The lock guards the buffer's growth, not a reader
// beside the writers.
type DownloadBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *DownloadBuffer) WriteAt(p []byte, off int64) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if end := int(off) + len(p); end > len(b.buf) {
		grown := make([]byte, end)
		copy(grown, b.buf)
		b.buf = grown
	}
	n := copy(b.buf[off:], p)
	return n, nil
}

// Bytes hands out the filled buffer of an io.WriterAt sink: not reported.
func (b *DownloadBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf
}

// Prefix hands out a slice of the same buffer: not reported.
func (b *DownloadBuffer) Prefix(n int) []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf[:n]
}

// ReusedBuffer is a sink whose Reset clears the buffer in place for the
// next download: a holder of Bytes' result sees its bytes zeroed.
type ReusedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *ReusedBuffer) WriteAt(p []byte, off int64) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return copy(b.buf[off:], p), nil
}

func (b *ReusedBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	clear(b.buf)
}

func (b *ReusedBuffer) Bytes() []byte { // want Bytes:"result 0 refers into b\\.buf, guarded by b\\.mu"
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf // want `Bytes returns slice b.buf, guarded by b.mu`
}

// Ring overwrites its buffer from Write, which is no io.WriterAt: callers
// of Snapshot race with the next Write.
type Ring struct {
	mu  sync.Mutex
	buf []byte
	pos int
}

func (r *Ring) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := copy(r.buf[r.pos:], p)
	r.pos = (r.pos + n) % len(r.buf)
	return n, nil
}

func (r *Ring) Snapshot() []byte { // want Snapshot:"result 0 refers into r\\.buf, guarded by r\\.mu"
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf // want `Snapshot returns slice r.buf, guarded by r.mu`
}

// Patch is a WriteAt whose copy does not come from its own argument: it
// rewrites the buffer with stored data, which is no fill.
type Patch struct {
	mu    sync.Mutex
	buf   []byte
	saved []byte
}

func (p *Patch) WriteAt(b []byte, off int64) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return copy(p.buf[off:], p.saved), nil
}

func (p *Patch) Bytes() []byte { // want Bytes:"result 0 refers into p\\.buf, guarded by p\\.mu"
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.buf // want `Bytes returns slice p.buf, guarded by p.mu`
}
