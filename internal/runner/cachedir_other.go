//go:build !unix

package runner

import "io/fs"

// unsafeDir describes why the cache directory info is not safe to use.
// Outside Unix the owner is not checked: the default directory is under
// the user's profile, whose access control lists keep other users out.
func unsafeDir(info fs.FileInfo) string {
	return ""
}
