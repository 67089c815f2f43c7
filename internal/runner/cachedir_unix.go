//go:build unix

package runner

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// unsafeDir describes why the cache directory info is not safe to use:
// another user owns it, or others may write to it; "" when it is safe.
func unsafeDir(info fs.FileInfo) string {
	if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Sprintf("belongs to another user (uid %d)", st.Uid)
	}
	return modeReason(info.Mode())
}
