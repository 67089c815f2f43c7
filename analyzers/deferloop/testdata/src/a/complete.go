package a

import (
	"database/sql"
	"os"
)

type index struct{ name string }

func createTable(db *sql.DB, name string) error { return nil }

func createIndex(db *sql.DB, table, name string) error { return nil }

// migrate defers each index's creation until the table exists: a step
// that completes the function's work once it has succeeded.
func migrate(db *sql.DB, table string, idx []index) (err error) {
	for _, ix := range idx {
		defer func(name string) {
			if err == nil {
				err = createIndex(db, table, name)
			}
		}(ix.name)
	}
	return createTable(db, table)
}

// syncAll closes each file at return, on success only: a release held
// until return, one file per iteration.
func syncAll(names []string) (err error) {
	for _, n := range names {
		f, ferr := os.Create(n)
		if ferr != nil {
			return ferr
		}
		defer func() { // want `defer func\(\) \{...\}\(\) in loop`
			if err == nil {
				err = f.Close()
			}
		}()
	}
	return nil
}

// announce checks an error made in the iteration: not the function's
// outcome.
func announce(db *sql.DB, tables []string) {
	for _, t := range tables {
		err := createTable(db, t)
		defer func() { // want `defer func\(\) \{...\}\(\) in loop`
			if err == nil {
				_ = createIndex(db, t, "pk")
			}
		}()
	}
}

// persist syncs and closes the file, under a name that does not say so.
func persist(f *os.File) error {
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// persistAll's completion step releases through a function of the
// package: each file stays open until return.
func persistAll(names []string) (err error) {
	for _, n := range names {
		f, ferr := os.Create(n)
		if ferr != nil {
			return ferr
		}
		defer func() { // want `defer func\(\) \{...\}\(\) in loop`
			if err == nil {
				err = persist(f)
			}
		}()
	}
	return nil
}
