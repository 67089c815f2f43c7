package knowledge

import (
	"go/ast"
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

// networkSQLDrivers are database/sql drivers that talk to a server across
// the network, SQLite's networked forms (libsql, rqlite) included.
var networkSQLDrivers = []string{
	"github.com/lib/pq",
	"github.com/jackc/pgx/v5/stdlib",
	"github.com/jackc/pgx/v4/stdlib",
	"github.com/go-sql-driver/mysql",
	"github.com/microsoft/go-mssqldb",
	"github.com/denisenkom/go-mssqldb",
	"github.com/sijms/go-ora/v2",
	"github.com/ClickHouse/clickhouse-go/v2",
	"github.com/snowflakedb/gosnowflake",
	"github.com/trinodb/trino-go-client/trino",
	"github.com/SAP/go-hdb/driver",
	"github.com/tursodatabase/libsql-client-go/libsql",
	"github.com/rqlite/gorqlite/stdlib",
}

// IsEmbeddedSQL reports whether pkg's database/sql calls go to an embedded
// SQLite: pkg imports an embedded driver itself (the blank import that
// registers it) and no driver of a database across the network (a shared
// helper opening SQLite or Postgres by configuration talks to both), or
// pkg is a storage backend for SQLite by its own name (package sqlite or
// sqlite3, the twin of a postgres package beside it), whose handle the
// program opens with that driver.
func IsEmbeddedSQL(pkg *types.Package) bool {
	switch pkg.Name() {
	case "sqlite", "sqlite3":
		return true
	}
	switch path.Base(pkg.Path()) {
	case "sqlite", "sqlite3":
		return true
	}
	return typematch.Imports(pkg, embeddedSQLDrivers...) && !typematch.Imports(pkg, networkSQLDrivers...)
}

// IsEmbeddedSQLDriverName reports whether name, the driver name given to
// sql.Open, is one the embedded SQLite drivers register: "sqlite"
// (modernc, glebarez) or "sqlite3" (mattn, ncruces). The name picks the
// database wherever the driver is imported (a library leaves the blank
// import to the program's main); SQLite's networked forms register
// others ("libsql", "rqlite").
func IsEmbeddedSQLDriverName(name string) bool {
	return name == "sqlite" || name == "sqlite3"
}

// mockSQLOpeners are functions that return a *sql.DB whose driver answers
// from expectations its caller sets in memory (go-sqlmock's New and
// NewWithDSN, which also return the mock to set them on): no database,
// no network, and a statement nobody expects fails at once.
var mockSQLOpeners = []string{"New", "NewWithDSN"}

// OpensMockSQL reports whether call opens a *sql.DB of a mock driver
// (mockSQLOpeners): its statements never leave the process.
func OpensMockSQL(info *types.Info, call *ast.CallExpr) bool {
	return typematch.CallsFunc(info, call, "github.com/DATA-DOG/go-sqlmock", mockSQLOpeners...)
}
