package runner

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A Cache keeps what a run learnt of each package it analyzed in a
// directory: its findings (a root package's; JSON) and, for analyzers with
// facts, its export data and facts (what its importers need to be
// analyzed without its source, behind a header that gives their hash;
// not for a command or an external test package, which nothing imports),
// one file of each per package and key. The
// key of a package is a hash of
//
//   - the running executable's content (trapvet's version, and the
//     analyzers' code with it), hashed once per process from the file that
//     is running, and the cache format;
//   - the analyzers' names and every flag of theirs with its value, the
//     caller's Options (tests, build flags, Salt);
//   - the go command's effective build context (GOOS, GOARCH and its
//     level, the compiler, cgo, GOROOT, build, tool and release tags:
//     after the environment, the go env file, GOFLAGS and a toolchain
//     switch), the type sizes it implies, the process's GODEBUG (which
//     trapvet's own type checker reads), and the go command's environment
//     variables that choose them;
//   - the package's ID, path, name, module and go line, and the name and
//     content of each of its files (compiled Go files, other and ignored
//     files, embedded files);
//   - with facts (the engine), the SHA-256 of the export data and facts
//     of each package it imports, and of theirs, transitively (early
//     cutoff, as go vet keys a unit on its dependencies' export data and
//     vet facts: an edit that changes neither, a comment or a function
//     body, re-analyzes the edited package alone); without facts, the
//     keys of the packages it imports, and so the content of every file
//     of every dependency.
//
// Packages with load, type or
// analysis errors, or whose dependencies have them, are not stored; nor
// is a package whose files, as the analysis read them, are not the bytes
// its key was computed from (a file saved during the run), nor any
// package analyzed against it.
//
// Every entry carries a SHA-256 of its whole content. An entry that cannot
// be read or decoded, whose recorded key or checksum differs, or whose
// facts name an object its export data does not have, counts as missing:
// the package is analyzed again and the entry written again. Entries
// unused for five days are removed, at most once a day; a run touches the
// entries it uses, the facts of its roots' dependencies included.
//
// The directory is the user's own: created with mode 0700, and refused
// (OpenCache fails with an *UnsafeDirError) when another user owns it or
// others may write to it. Every file is written to a new temporary file
// and renamed into place, so a planted symbolic link is replaced, never
// followed.
type Cache struct {
	dir string
}

// DefaultDir is where OpenCache("") keeps the cache: trapvet under the
// user's cache directory (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache on
// Linux, ~/Library/Caches on macOS, %LocalAppData% on Windows), or
// $TRAPVET_CACHE when set.
func DefaultDir() (string, error) {
	if dir := os.Getenv("TRAPVET_CACHE"); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "trapvet"), nil
}

// An UnsafeDirError is OpenCache's refusal of a directory that someone
// else could write to: another user could blank its entries and so
// silence findings.
type UnsafeDirError struct {
	Dir    string
	Reason string
}

func (e *UnsafeDirError) Error() string {
	return fmt.Sprintf("cache directory %s %s: not using it (remove it, or set TRAPVET_CACHE to a directory of your own)", e.Dir, e.Reason)
}

// OpenCache returns the cache in dir, or in DefaultDir if dir is "". It
// creates the directory (mode 0700) if needed, and refuses one that is
// not safe to use (an *UnsafeDirError).
func OpenCache(dir string) (*Cache, error) {
	if dir == "" {
		var err error
		if dir, err = DefaultDir(); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if reason := unsafeDir(info); reason != "" {
		return nil, &UnsafeDirError{Dir: dir, Reason: reason}
	}
	go exeIdentity() // hashed while the go command lists the packages
	c := &Cache{dir: dir}
	c.trim()
	return c, nil
}

// IsUnsafeDir reports whether err is OpenCache's refusal of a directory.
func IsUnsafeDir(err error) bool {
	var u *UnsafeDirError
	return errors.As(err, &u)
}

// Dir returns the cache's directory.
func (c *Cache) Dir() string { return c.dir }

// touch marks a cache file used, for trim (at most once an hour).
func touch(file string) {
	if info, err := os.Stat(file); err == nil && time.Since(info.ModTime()) > time.Hour {
		now := time.Now()
		os.Chtimes(file, now, now)
	}
}

// write writes a cache file through a new temporary file (created
// exclusively, mode 0600) renamed over it: a reader never sees half a
// file, and a symbolic link at the name is replaced, not followed. A
// failure to write only costs the next run the analysis. The directory
// is created only when it is missing, not with a MkdirAll (a stat per
// level) for every file written.
func (c *Cache) write(file string, data []byte) {
	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		if os.MkdirAll(dir, 0o700) != nil {
			return
		}
		tmp, err = os.CreateTemp(dir, ".tmp-*")
	}
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), file) != nil {
		os.Remove(tmp.Name())
	}
}

// remove deletes the entries stored under key.
func (c *Cache) remove(key string) {
	if key != "" {
		os.Remove(c.path(key))
		os.Remove(c.factsPath(key))
	}
}

// trim removes the entries unused for five days, at most once a day: the
// files of the directory whose names are an entry's (or a temporary
// file's), and those of the subdirectories an earlier version kept its
// entries in, by the key's first byte, and then the subdirectory once
// empty.
func (c *Cache) trim() {
	marker := filepath.Join(c.dir, "trim.txt")
	if info, err := os.Lstat(marker); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) < 24*time.Hour {
		return
	}
	c.write(marker, []byte("trapvet trims this cache daily\n"))
	cutoff := time.Now().Add(-5 * 24 * time.Hour)
	old := func(f fs.DirEntry) bool {
		info, err := f.Info()
		return err == nil && info.ModTime().Before(cutoff)
	}
	files, _ := os.ReadDir(c.dir)
	for _, f := range files {
		name := f.Name()
		if !f.IsDir() {
			// exe-* files: the executable memos of earlier versions.
			if cacheFile(name) || strings.HasPrefix(name, "exe-") {
				if old(f) {
					os.Remove(filepath.Join(c.dir, name))
				}
			}
			continue
		}
		if len(name) != 2 {
			continue
		}
		dir := filepath.Join(c.dir, name)
		inner, _ := os.ReadDir(dir)
		for _, f := range inner {
			if old(f) {
				os.Remove(filepath.Join(dir, f.Name()))
			}
		}
		os.Remove(dir) // only if empty
	}
}

// cacheFile reports whether name is that of an entry (a key and a
// suffix) or of a temporary file of write.
func cacheFile(name string) bool {
	if strings.HasPrefix(name, ".tmp-") {
		return true
	}
	key, ok := strings.CutSuffix(name, ".json")
	if !ok {
		key, ok = strings.CutSuffix(name, "-facts.gob")
	}
	if !ok || len(key) != 64 {
		return false
	}
	_, err := hex.DecodeString(key)
	return err == nil
}

// modeReason describes what is unsafe in a directory's permissions: ""
// when only its owner may write to it.
func modeReason(mode fs.FileMode) string {
	if mode&0o022 != 0 {
		return fmt.Sprintf("is writable by others (mode %04o)", mode.Perm())
	}
	return ""
}
