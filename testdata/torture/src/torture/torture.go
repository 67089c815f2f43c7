// Package torture holds valid but unusual Go that every analyzer must
// survive without an error or a panic.
package torture

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log"
	"net/http"
	"os"
	. "strings"
	"sync"
	"time"
	"unsafe"
)

type Number interface{ ~int | ~float64 }

type List[T any] struct {
	mu    sync.Mutex
	items []T
	byKey map[string]*T
}

func (l *List[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		l.mu.Lock()
		defer l.mu.Unlock()
		for i, v := range l.items {
			if !yield(i, v) {
				return
			}
		}
	}
}

func (l *List[T]) Get(k string) *T {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byKey[k]
}

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

type shadow struct{ print, println, append, len int }

func builtinsShadowed() {
	print := func(...any) {}
	println := fmt.Sprint
	len := 3
	print(len, println())
	var new, make, panic int
	_, _, _ = new, make, panic
}

func labelsAndGoto(xs []int) (n int) {
outer:
	for i := range xs {
		for j := range 10 {
			switch {
			case i == j:
				continue outer
			case j > i:
				break outer
			}
			if j == 7 {
				goto done
			}
		}
	}
done:
	for {
		select {}
	}
}

func methodValues(l *List[int], ctx context.Context) {
	get := l.Get
	all := l.All
	for i, v := range all() {
		go func() { _ = get(fmt.Sprint(i, v)) }()
		defer func() { _ = ctx }()
	}
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() { _ = i })
	}
	wg.Wait()
}

func closures(n int) func() int {
	var fs []func() int
	for i := 0; i < n; i++ {
		fs = append(fs, func() int { return i })
	}
	return func() int { return len(fs) }
}

func unsafeAndConversions(b []byte) string {
	p := unsafe.Pointer(&b[0])
	_ = p
	s := unsafe.String(&b[0], len(b))
	return ToUpper(s[:1])
}

func decode(r *http.Request) (any, error) {
	var m map[string]any
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		return nil, err
	}
	switch v := m["x"].(type) {
	case nil:
		return nil, errors.New("missing")
	default:
		return v, nil
	}
}

func timers(ch <-chan int) {
	for {
		select {
		case <-ch:
		case <-time.After(time.Second):
			return
		}
	}
}

func recursiveType() {
	type node struct {
		next *node
		val  [4 << 10]byte
	}
	var n node
	_ = n.val[:1]
}

var (
	_ = log.Printf
	_ = os.Stdout
	_ = Sum(1, 2.5)
)

func init() {
	_ = fmt.Sprintf("%d", Sum[int]())
}
