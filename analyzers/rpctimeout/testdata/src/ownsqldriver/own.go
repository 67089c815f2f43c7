// Package ownsqldriver converts rows through a scratch database/sql DB of
// its own in-process driver: no statement leaves the process. Not
// reported.
package ownsqldriver

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

type callConn struct{}

func (callConn) Prepare(string) (driver.Stmt, error) { panic("not implemented") }
func (callConn) Close() error                        { return nil }
func (callConn) Begin() (driver.Tx, error)           { panic("not implemented") }

var defConn = callConn{}

type callConnector struct{}

func (*callConnector) Connect(context.Context) (driver.Conn, error) { return defConn, nil }
func (*callConnector) Driver() driver.Driver                        { return nil }

var scratch = sql.OpenDB(new(callConnector))

func convert(v any, dst *string) error {
	return scratch.QueryRow("", v).Scan(dst)
}

// The package also opens a network database (through another connector),
// and keeps its scratch DB in a field opened lazily. The scratch DB's
// statements stay local; the network DB's are reported.
type netConnector struct{ addr string }

func (c *netConnector) Connect(ctx context.Context) (driver.Conn, error) { return dial(ctx, c.addr) }
func (c *netConnector) Driver() driver.Driver                            { return nil }

func dial(ctx context.Context, addr string) (driver.Conn, error) { return nil, ctx.Err() }

type scratchDB struct{ _db *sql.DB }

func (s *scratchDB) db() *sql.DB {
	if s._db == nil {
		s._db = sql.OpenDB(new(callConnector))
	}
	return s._db
}

var std = &scratchDB{}

func convertLazily(v any, dst *string) error {
	return std.db().QueryRow("", v).Scan(dst)
}

func count(addr string) (n int) {
	db := sql.OpenDB(&netConnector{addr: addr})
	db.QueryRow("SELECT count(*) FROM t").Scan(&n) // want `db.QueryRow has no context`
	return n
}
