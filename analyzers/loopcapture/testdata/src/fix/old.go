//go:build go1.21

package fix

import "golang.org/x/sync/errgroup"
import "github.com/zeromicro/go-zero/core/threading"
import "testing"

func oldGo(doctors []Doctor) {
	for _, doc := range doctors {
		go func() {
			send(doc) // want `loop variable doc`
		}()
	}
}

func oldDefer(names []string) {
	for _, name := range names {
		defer func() {
			use(name) // want `loop variable name`
		}()
	}
}

func oldGroup(doctors []Doctor) error {
	var g errgroup.Group
	for _, doc := range doctors {
		g.Go(func() error {
			return sendTo(doc.Email) // want `loop variable doc`
		})
	}
	return g.Wait()
}

func TestOld(t *testing.T) {
	for _, tc := range []Doctor{{Name: "a"}} {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			send(tc) // want `loop variable tc`
		})
	}
}

func oldSkip(doctors []Doctor) error {
	var g errgroup.Group
	for i := 0; i < len(doctors); i++ {
		g.Go(func() error {
			return sendTo(doctors[i].Email) // want `loop variable i`
		})
		if doctors[i].Name == "" {
			i++ // skip the next one: a shadowing copy would change this
		}
	}
	return g.Wait()
}

func oldGoSafe(doctors []Doctor) {
	for _, doc := range doctors {
		threading.GoSafe(func() {
			send(doc) // want `loop variable doc`
		})
	}
}
