// Package sqlmockuse turns mocked rows into *sql.Rows with go-sqlmock,
// beside a handle of a real database.
package sqlmockuse

import (
	"database/sql"

	"github.com/DATA-DOG/go-sqlmock"
)

// toRows queries a mock: the driver answers from the expectation set
// just before, in memory.
func toRows(mockRows *sqlmock.Rows) *sql.Rows {
	db, mock, _ := sqlmock.New()
	mock.ExpectQuery("SELECT_OK").WillReturnRows(mockRows)
	rows, _ := db.Query("SELECT_OK")
	return rows
}

// toRowsDSN names the mock by a DSN, for sql.Open to find it again.
func toRowsDSN(mockRows *sqlmock.Rows) *sql.Rows {
	db, mock, err := sqlmock.NewWithDSN("mock_1")
	if err != nil {
		return nil
	}
	mock.ExpectQuery("SELECT 1").WillReturnRows(mockRows)
	rows, _ := db.Query("SELECT 1")
	return rows
}

// viaHelper hands the mock's handle to a helper every call of which
// passes one.
func viaHelper(mockRows *sqlmock.Rows) *sql.Rows {
	db, mock, _ := sqlmock.New()
	mock.ExpectQuery("SELECT 2").WillReturnRows(mockRows)
	return query(db)
}

func query(db *sql.DB) *sql.Rows {
	rows, _ := db.Query("SELECT 2")
	return rows
}

// either may hold a real database: the mock is only one of its values.
func either(dsn string, mocked bool) *sql.Rows {
	db, err := sql.Open("postgres", dsn)
	if mocked {
		db, _, err = sqlmock.New()
	}
	if err != nil {
		return nil
	}
	rows, _ := db.Query("SELECT 3") // want `db.Query has no context`
	return rows
}

// real opens a network database by its driver's name.
func real(dsn string) *sql.Rows {
	db, _ := sql.Open("postgres", dsn)
	rows, _ := db.Query("SELECT 4") // want `db.Query has no context`
	return rows
}
