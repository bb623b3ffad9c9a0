// Report reads an incident CSV and writes the monthly incident report:
// charts, a workbook, a written brief and a machine-readable summary.
//
// Usage:
//
//	report [-in FILE] [-refs FILE] [-out DIR] [-year YYYY]
//
// It reads data/incidents.csv and, when present, data/references.csv, and
// writes out/YYYY-MM/report.xlsx, summary.json, brief.md, brief.html and
// the charts in charts/ (PNG and SVG; -formats chooses). Bad rows do not stop it: each is
// reported with its line, column and reason, and the run ends with one
// accounting line on standard error:
//
//	read 88 rows: 87 counted, 1 excluded, 0 duplicates, 0 rejected (see Data Quality)
//
// Exit status: 0 when the report was written (even with rejected rows),
// 1 when it was not (a file that cannot be read, a missing required column,
// no data rows; any existing report is left untouched), 2 for a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
)

func main() {
	err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(os.Stderr, "report: %v\n", err)
	}
	os.Exit(exitCode(err))
}

// usageError is an error in the command line; it exits with status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode maps run's error to the exit status.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		return 2
	default:
		return 1
	}
}
