// Gen writes a synthetic incident CSV for measuring the speed of report.
//
// Usage:
//
//	gen [-n ROWS] [-seed N] [-o FILE] [-from YYYY] [-years N] [-messy SHARE] [-dups SHARE]
//
// The output has the columns of data/incidents.csv, a header and then ROWS
// data rows whose sites, provinces, target types, weapons, counts and months
// follow the shipped data, with dates spread over -years years from -from.
// A share -messy of the rows is messy: an unknown weapon (which report
// counts as other and lists), or rejected by report (a date that does not parse or is not in the calendar, a negative count,
// intercepted above munitions, a wrong field count or a stray quote), and a
// share -dups reuses the id of an earlier valid row, half of them with one
// field changed (fewer when -messy and -dups add up to nearly 1, leaving few
// valid rows to copy). The same flags and seed give the same bytes.
//
// Exit status: 0 when the file was written, 1 when it could not be, 2 for
// a bad command line.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
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
