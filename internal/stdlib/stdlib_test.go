package stdlib

import (
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite packages.txt from go list std")

// TestListIsCurrent keeps packages.txt equal to the toolchain's
// "go list std". Run "go test ./internal/stdlib -update" after a Go upgrade.
func TestListIsCurrent(t *testing.T) {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Skipf("go list std: %v", err)
	}
	var want []string
	for _, p := range strings.Fields(string(out)) {
		if !strings.HasPrefix(p, "vendor/") {
			want = append(want, p)
		}
	}
	got := strings.TrimSpace(list)
	if *update {
		if err := os.WriteFile("packages.txt", []byte(strings.Join(want, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != strings.Join(want, "\n") {
		t.Errorf("packages.txt differs from go list std: run go test ./internal/stdlib -update")
	}
}

func TestHas(t *testing.T) {
	for path, want := range map[string]bool{
		"fmt": true, "net/http": true, "crypto/internal/sysrand": true,
		"myapp": false, "myapp/store": false, "example.com/fmt": false, "": false,
	} {
		if got := Has(path); got != want {
			t.Errorf("Has(%q) = %v, want %v", path, got, want)
		}
	}
}
