package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
)

const usage = `Usage: gen [-n ROWS] [-seed N] [-o FILE] [-from YYYY] [-years N] [-messy SHARE] [-dups SHARE]

Gen writes a synthetic incident CSV, for measuring the speed of report: the
columns of data/incidents.csv, then ROWS rows whose sites, weapons, target
types, provinces, counts and months follow the shipped data. A share of the
rows is messy (an unknown weapon, which report counts as other and lists;
or rejected by report: bad date, a date not in
the calendar, negative count, intercepted above munitions, wrong field
count, stray quote) and a share copies an earlier valid row, id included,
half of them with a field changed (with -messy and -dups adding up to nearly
1 few rows are valid, and fewer are copied). The same flags give the same
bytes.

Flags:
  -n ROWS       data rows to write (default %d)
  -seed N       random seed (default %d)
  -o FILE       file to write (default: standard output)
  -from YYYY    first year of the dates (default %d)
  -years N      number of years the dates spread over (default %d)
  -messy SHARE  share of rows report rejects, 0 to 1 (default %g)
  -dups SHARE   share of rows reusing an earlier id, 0 to 1 (default %g)

Example:
  go run ./cmd/gen -n 1000000 -seed 1 > big.csv
  go run ./cmd/report -in big.csv -out /tmp/big

Exit status: 0 file written, 1 file not written, 2 bad command line.
`

// defaults is the configuration without flags.
var defaults = config{n: 100000, seed: 1, from: 2012, years: 10, messy: 0.02, dups: 0.01}

// run parses args, then writes the CSV to the -o file or to stdout.
func run(args []string, stdout, stderr io.Writer) error {
	c, out, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if out == "" {
		bw := bufio.NewWriterSize(stdout, 1<<20)
		if err := generate(bw, c); err != nil {
			return fmt.Errorf("write standard output: %w", err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("write standard output: %w", err)
		}
		return nil
	}
	return writeFile(out, c)
}

// writeFile writes the CSV to the named file; a file that cannot be
// written completely is removed.
func writeFile(name string, c config) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return err // *PathError: "open NAME: reason"
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close %s: %w", name, cerr)
		}
		if err != nil {
			os.Remove(name)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := generate(bw, c); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// parseFlags returns the configuration and the -o file ("" for stdout).
func parseFlags(args []string, stderr io.Writer) (config, string, error) {
	c := defaults
	var out string
	fset := flag.NewFlagSet("gen", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintf(stderr, usage, defaults.n, defaults.seed, defaults.from, defaults.years, defaults.messy, defaults.dups)
	}
	fset.IntVar(&c.n, "n", c.n, "data rows")
	fset.Uint64Var(&c.seed, "seed", c.seed, "random seed")
	fset.StringVar(&out, "o", "", "output file")
	fset.IntVar(&c.from, "from", c.from, "first year")
	fset.IntVar(&c.years, "years", c.years, "number of years")
	fset.Float64Var(&c.messy, "messy", c.messy, "share of messy rows")
	fset.Float64Var(&c.dups, "dups", c.dups, "share of duplicate ids")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, "", err
		}
		return c, "", usageError{err} // the flag package has printed the usage
	}
	bad := func(format string, a ...any) (config, string, error) {
		return c, "", usageError{fmt.Errorf(format+" (run gen -h for help)", a...)}
	}
	switch {
	case fset.NArg() > 0:
		return bad("unexpected argument %q: gen takes only flags", fset.Arg(0))
	case c.n < 0:
		return bad("-n %d: want 0 rows or more", c.n)
	case c.years < 1:
		return bad("-years %d: want 1 or more", c.years)
	case c.from < 1 || c.from+c.years-1 > 9999:
		return bad("-from %d -years %d: the years must be within 1 to 9999", c.from, c.years)
	case !(c.messy >= 0 && c.messy <= 1):
		return bad("-messy %s: want a share from 0 to 1", strconv.FormatFloat(c.messy, 'g', -1, 64))
	case !(c.dups >= 0 && c.dups <= 1):
		return bad("-dups %s: want a share from 0 to 1", strconv.FormatFloat(c.dups, 'g', -1, 64))
	case c.messy+c.dups > 1:
		return bad("-messy %g -dups %g: the shares add up to more than 1", c.messy, c.dups)
	}
	return c, out, nil
}
