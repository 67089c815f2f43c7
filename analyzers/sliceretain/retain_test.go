package sliceretain_test

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
)

// record is the article's patient record: about 1 KiB.
type record struct {
	ID   string
	Data [1024]byte
}

//go:noinline
func fetchAllRecords() []record {
	records := make([]record, 5000)
	for i := range records {
		records[i].ID = fmt.Sprint("REC-", i)
	}
	return records
}

// firstTenPinned is the reported code: the ten records keep all 5000.
func firstTenPinned() []record {
	all := fetchAllRecords()
	return all[:10] //trapvet:ignore sliceretain the benchmark measures this pin on purpose
}

// firstTenCloned is the fixed code.
func firstTenCloned() []record {
	all := fetchAllRecords()
	return slices.Clone(all[:10])
}

// retained keeps kept parts made by first and returns the live heap they
// hold after a collection, in bytes.
func retained(kept int, first func() []record) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	parts := make([][]record, kept)
	for i := range parts {
		parts[i] = first()
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(parts)
	if after.HeapAlloc < before.HeapAlloc {
		return 0
	}
	return after.HeapAlloc - before.HeapAlloc
}

// BenchmarkRetained measures the live heap held by 20 ten-record parts
// of 5000-record results (about 5 MiB each), reported and fixed:
//
//	go test -run '^$' -bench Retained ./analyzers/sliceretain/
func BenchmarkRetained(b *testing.B) {
	const kept = 20
	for _, c := range []struct {
		name  string
		first func() []record
	}{{"subslice", firstTenPinned}, {"clone", firstTenCloned}} {
		b.Run(c.name, func(b *testing.B) {
			var bytes uint64
			for b.Loop() {
				bytes = retained(kept, c.first)
			}
			b.ReportMetric(float64(bytes)/kept, "retained-B/part")
		})
	}
}

// TestRetainedDiffers keeps the benchmark honest: the pinned version must
// retain far more than the cloned one.
func TestRetainedDiffers(t *testing.T) {
	pinned, cloned := retained(4, firstTenPinned), retained(4, firstTenCloned)
	if pinned < 100*cloned || pinned < 4*5000*1024 {
		t.Errorf("retained %d bytes with sub-slices, %d with clones; want the sub-slices to pin the 5000-record arrays", pinned, cloned)
	}
}
