package testsflag
