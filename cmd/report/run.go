package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"report/internal/charts"
	"report/internal/incident"
	"report/internal/stats"
	"report/internal/workbook"
)

const (
	defaultIn   = "data/incidents.csv"
	defaultRefs = "data/references.csv"
	defaultOut  = "out"
	// maxPrinted is how many row problems run prints before summing up.
	maxPrinted = 10
)

const usage = `Usage: report [-in FILE] [-refs FILE] [-out DIR] [-year YYYY]

Report reads an incident CSV (one row per attack; columns date, site and
weapon required) and writes the monthly incident report:

  DIR/report.xlsx          workbook: Summary, By Month, By Site, By Weapon,
                           Month x Weapon, References, Incidents, Data Quality, Charts
  DIR/summary.json         the same figures for pipelines and dashboards
  DIR/charts/monthly.png   incidents per month, by weapon
  DIR/charts/cumulative.png  year to date against published tallies
  DIR/charts/sites.png     incidents by site
  DIR/charts/weapons.png   incidents by weapon

Bad rows are reported with line, column and reason and listed on the
Data Quality sheet; the run goes on without them.

Flags:
  -in FILE     incident CSV to read (default %s)
  -refs FILE   published running tallies to compare with, columns as_of,
               since, published, wording, scope, source_url
               (default %s, skipped when that file does not exist)
  -out DIR     directory to write the report into (default %s)
  -year YYYY   year for the year-to-date figures (default: the year of
               the latest incident)

Example:
  go run ./cmd/report -in data/incidents.csv -out out -year 2021

Exit status: 0 report written, 1 report not written (the message says
why; an existing report is left as it was), 2 bad command line.
`

// config is the parsed command line.
type config struct {
	in, refs, out string
	refsGiven     bool
	year          int
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{}
	fset := flag.NewFlagSet("report", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprintf(stderr, usage, defaultIn, defaultRefs, defaultOut) }
	fset.StringVar(&c.in, "in", defaultIn, "incident CSV")
	fset.StringVar(&c.refs, "refs", defaultRefs, "published tallies CSV")
	fset.StringVar(&c.out, "out", defaultOut, "output directory")
	year := fset.String("year", "", "report year")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, usageError{err}
	}
	if fset.NArg() > 0 {
		return c, usageError{fmt.Errorf("unexpected argument %q (run report -h for help)", fset.Arg(0))}
	}
	fset.Visit(func(f *flag.Flag) { c.refsGiven = c.refsGiven || f.Name == "refs" })
	if *year != "" {
		y, err := strconv.Atoi(*year)
		if err != nil || y < 1900 || y > 2999 || len(*year) != 4 {
			return c, usageError{fmt.Errorf("-year %q: want a four-digit year such as 2021", *year)}
		}
		c.year = y
	}
	if c.in == "" || c.out == "" {
		return c, usageError{errors.New("-in and -out must not be empty")}
	}
	return c, nil
}

// run is the whole program: main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	ds, err := loadIncidents(c.in)
	if err != nil {
		return err
	}
	refs, err := loadReferences(c.refs, c.refsGiven)
	if err != nil {
		return err
	}
	sum, err := stats.Summarize(ds.Incidents, refs, stats.Options{Year: c.year})
	if err != nil {
		return fmt.Errorf("-year %d: %w", c.year, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	out := newOutputs(c.out)
	defer out.discard()
	rendered, err := renderCharts(sum, filepath.Base(c.in))
	if err != nil {
		return err
	}
	for _, ch := range rendered {
		if err := out.write(filepath.Join("charts", ch.file), bytes.NewReader(ch.png).WriteTo); err != nil {
			return err
		}
	}
	wb := &workbook.Report{Input: c.in, Data: ds, Summary: sum}
	for _, ch := range rendered {
		wb.Charts = append(wb.Charts, workbook.Chart{Title: ch.title, PNG: ch.png})
	}
	if err := out.write("report.xlsx", func(w io.Writer) (int64, error) { return 0, workbook.Write(w, wb) }); err != nil {
		return err
	}
	if err := out.write("summary.json", func(w io.Writer) (int64, error) {
		return 0, writeSummary(w, c.in, ds, sum)
	}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := out.commit(); err != nil {
		return err
	}

	printProblems(stderr, c.in, ds)
	fmt.Fprintf(stderr, "%s (see Data Quality)\n", ds.Rows)
	fmt.Fprintf(stdout, "wrote %s\n", strings.Join(out.written, ", "))
	return nil
}

func loadIncidents(path string) (*incident.Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, "-in", err)
	}
	defer f.Close()
	ds, err := incident.Load(f, incident.Options{})
	if err != nil {
		return nil, fileError(path, err)
	}
	return ds, nil
}

func loadReferences(path string, given bool) ([]incident.Reference, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && !given {
		return nil, nil // the default file is optional
	}
	if err != nil {
		return nil, openError(path, "-refs", err)
	}
	defer f.Close()
	refs, err := incident.LoadReferences(f)
	if err != nil {
		return nil, fileError(path, err)
	}
	return refs, nil
}

// openError explains a file that cannot be opened, naming the flag that
// chooses it.
func openError(path, flagName string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: file not found (choose another with %s FILE)", path, flagName)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", path)
	}
	return fmt.Errorf("%s: cannot open: %w", path, err)
}

// fileError prefixes a load error with the file name, as
// "data/incidents.csv: missing required column weapon (...)" or, for a
// position, "data/references.csv:3:12: since: ...".
func fileError(path string, err error) error {
	var pe *incident.PositionError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%w", path, err)
	}
	if errors.Is(err, incident.ErrEmpty) || errors.Is(err, incident.ErrEmptyReferences) || errors.Is(err, incident.ErrNoRows) {
		return fmt.Errorf("%s: %w: nothing to report", path, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// printProblems prints the rejected and duplicate rows, up to maxPrinted,
// as file:line:col: column: reason.
func printProblems(w io.Writer, path string, ds *incident.Dataset) {
	n := 0
	for _, p := range ds.Problems {
		if p.Status == incident.Excluded {
			continue
		}
		if n++; n <= maxPrinted {
			fmt.Fprintf(w, "%s:%s\n", path, p)
		}
	}
	if n > maxPrinted {
		fmt.Fprintf(w, "... and %d more problems\n", n-maxPrinted)
	}
}

type renderedChart struct {
	file, title string
	png         []byte
}

func renderCharts(sum *stats.Summary, source string) ([]renderedChart, error) {
	list := []struct {
		file, title string
		draw        func(io.Writer, *stats.Summary, charts.Options) error
	}{
		{"monthly.png", "Incidents per month, by weapon", charts.Monthly},
		{"cumulative.png", "Year to date against published tallies", charts.Cumulative},
		{"sites.png", "Incidents by site", charts.Sites},
		{"weapons.png", "Incidents by weapon", charts.Weapons},
	}
	var out []renderedChart
	for _, c := range list {
		var buf bytes.Buffer
		if err := c.draw(&buf, sum, charts.Options{Source: source}); err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.file, err)
		}
		out = append(out, renderedChart{c.file, c.title, buf.Bytes()})
	}
	return out, nil
}
