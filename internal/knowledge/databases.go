package knowledge

import (
	"go/types"
	"path"

	"github.com/trapvet/trapvet/internal/typematch"
)

// embeddedSQLDrivers are database/sql drivers that run the database inside
// the process (SQLite compiled in, through cgo, a C-to-Go translation or
// WebAssembly): a statement makes no network round trip, and a lock wait
// ends at the driver's busy timeout.
var embeddedSQLDrivers = []string{
	"github.com/mattn/go-sqlite3",
	"modernc.org/sqlite",
	"github.com/glebarez/go-sqlite",
	"github.com/glebarez/sqlite",
	"github.com/ncruces/go-sqlite3/driver",
	"gorm.io/driver/sqlite",
}

// IsEmbeddedSQL reports whether pkg's database/sql calls go to an embedded
// SQLite: pkg imports an embedded driver itself (the blank import that
// registers it), or pkg is a storage backend for SQLite by its own name
// (package sqlite or sqlite3, the twin of a postgres package beside it),
// whose handle the program opens with that driver.
func IsEmbeddedSQL(pkg *types.Package) bool {
	switch pkg.Name() {
	case "sqlite", "sqlite3":
		return true
	}
	switch path.Base(pkg.Path()) {
	case "sqlite", "sqlite3":
		return true
	}
	return typematch.Imports(pkg, embeddedSQLDrivers...)
}
