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
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"report/internal/changes"
	"report/internal/charts"
	"report/internal/incident"
	"report/internal/spreadsheet"
	"report/internal/stats"
	"report/internal/summary"
	"report/internal/workbook"
)

const (
	defaultIn    = "data/incidents.csv"
	defaultRefs  = "data/references.csv"
	defaultSites = "data/sites.csv"
	defaultOut   = "out"
	// maxPrinted is how many row problems run prints before summing up.
	maxPrinted = 10
)

const usage = `Usage: report [-in FILE] [-refs FILE] [-out DIR] [-year YYYY] [flags]

Report reads an incident CSV (one row per attack; columns date, site and
weapon required) and writes the monthly incident report:

  DIR/report.xlsx          workbook: Summary, Methodology, By Month, By Site,
                           By Weapon, Time, Month x Weapon, References, Year to
                           Date, Incidents, Data Quality, (Changes,) Charts
  DIR/summary.json         the same figures for pipelines and dashboards
  DIR/charts/monthly.png   incidents per month, by weapon
  DIR/charts/cumulative.png  year to date against published tallies
  DIR/charts/sites.png     incidents by site
  DIR/charts/weapons.png   incidents by weapon
  DIR/charts/map.png       incidents by site on a map of Iraq
  DIR/charts/heatmap.png   incidents by site and month
  DIR/charts/hours.png     incidents by local hour of day
                           (each chart also .svg, and .pdf with -formats)
  DIR/brief.md, brief.html the written brief: a headline, sentences to
                           read out, the tallies and the charts
  DIR/incidents.snapshot.csv  the counted rows, for a later -previous

Bad rows are reported with line, column and reason and listed on the
Data Quality sheet; the run goes on without them.

Flags:
  -in FILE     incidents to read: a CSV file, or an Excel workbook (.xlsx);
               canonical columns, an ACLED export or a GTD export
               (default %s)
  -refs FILE   published running tallies to compare with, columns as_of,
               published, and optionally since, through, filter, bound,
               wording, scope, outlet, source_url
               (default %s, skipped when that file does not exist)
  -out DIR     directory to write the report into (default %s)
  -year YYYY   year for the year-to-date figures (default: the year of
               the latest incident)
  -month YYYY-MM
               the month in focus (default: the month of the latest
               incident); the report goes to out/YYYY-MM unless -out is given
  -as-of YYYY-MM-DD
               the last day the data covers (default: the latest
               incident's date); a month that ends later is partial
  -headline YYYY-MM-DD
               the published tally (by its as_of date) that the brief's
               headline answers (default: the year's first tally of every
               attack since 1 January)
  -no-incidents-sheet
               leave the counted rows out of the workbook's Incidents sheet
               (every figure still counts them): faster on big files
  -formats LIST
               the charts' file formats, a comma list of png, svg and pdf
               (default png,svg); the workbook's Charts sheet has the PNGs
               whatever the list
  -q           no progress bar (there is none anyway when standard error
               is not a terminal) and no headline on standard error

Printing the workbook:
  -paper a4|letter
               the paper every sheet prints on, landscape, and brief.html
               upright (default a4)
  -marking TEXT
               a handling marking printed at the top of every page, such
               as "UNCLASSIFIED" (default: none)

Reading real-world files:
  -format canonical|acled|gtd
               the input's layout (default: told from its header)
  -sheet NAME  the sheet of an .xlsx input (default: its first)
  -delimiter comma|semicolon|tab
               the CSV delimiter (default: told from the header line)
  -date-order dmy|mdy
               the order of day and month in slashed dates such as
               03/04/2021 (default: decided by the file's own dates)
  -tz ZONE     the sites' time zone, for date-times with an offset
               (default Asia/Baghdad)
  -weapons FILE
               more weapon terms, columns term,weapon
  -sites FILE  the gazetteer of sites (default data/sites.csv, skipped
               when that file does not exist)
  -sites-by site|group
               the By Site sheet and chart by site or by gazetteer group
               (default site)
  -merge-probable
               count each probable duplicate (another id and source, the
               same site and weapon, a day apart at most) once

Counting switches (every row they leave out is in Data Quality, with the
switch that did it):
  -filter SCOPE
               count only the incidents of a scope, such as
               "confidence=high; target_type!=convoy"
  -exclude-low-confidence
               leave out rows of low confidence
  -include-foiled
               count foiled attacks (never launched) too
  -exclude-target-type TYPES
               leave out these target types, such as convoy

What changed:
  -previous DIR
               compare with the report in DIR (its incidents.snapshot.csv):
               rows added, removed and edited, and each month's count,
               in a Changes sheet and summary.json's "changes"

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
	noIncidents   bool
	quiet         bool
	format        string
	delimiter     string
	dateOrder     string
	tz            string
	weapons       string
	sheet         string
	sites         string
	sitesGiven    bool
	sitesBy       string
	mergeProbable bool
	// month is the month in focus and asOf the day the data runs
	// through; zero for the data's own.
	month, asOf time.Time
	headline    time.Time // -headline: the tally the brief answers; zero for the default
	outGiven    bool
	// The counting switches.
	filter               string
	excludeLowConfidence bool
	includeFoiled        bool
	excludeTargetTypes   string
	previous             string // -previous: the earlier report to compare with
	// Printing the workbook.
	paper   workbook.Paper
	marking string
	// formats are the chart files' formats (-formats).
	formats []charts.Format
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
	month := fset.String("month", "", "the month in focus, YYYY-MM")
	asOf := fset.String("as-of", "", "the last day the data covers, YYYY-MM-DD")
	headline := fset.String("headline", "", "the as_of date of the tally the brief answers")
	fset.BoolVar(&c.noIncidents, "no-incidents-sheet", false, "leave the rows out of the Incidents sheet")
	fset.BoolVar(&c.quiet, "q", false, "no progress bar and no headline")
	fset.StringVar(&c.format, "format", "", "canonical, acled or gtd")
	fset.StringVar(&c.delimiter, "delimiter", "", "comma, semicolon or tab")
	fset.StringVar(&c.dateOrder, "date-order", "", "dmy or mdy")
	fset.StringVar(&c.tz, "tz", incident.DefaultTimeZone, "the sites' time zone")
	fset.StringVar(&c.weapons, "weapons", "", "weapon terms CSV")
	fset.StringVar(&c.sheet, "sheet", "", "the sheet of an .xlsx input")
	fset.StringVar(&c.sites, "sites", defaultSites, "the gazetteer of sites")
	fset.StringVar(&c.sitesBy, "sites-by", "site", "site or group")
	fset.BoolVar(&c.mergeProbable, "merge-probable", false, "count probable duplicates once")
	fset.StringVar(&c.filter, "filter", "", "count only the incidents of a scope")
	fset.BoolVar(&c.excludeLowConfidence, "exclude-low-confidence", false, "leave out low-confidence rows")
	fset.BoolVar(&c.includeFoiled, "include-foiled", false, "count foiled attacks too")
	fset.StringVar(&c.excludeTargetTypes, "exclude-target-type", "", "leave out these target types")
	fset.StringVar(&c.previous, "previous", "", "an earlier report's directory to compare with")
	paper := fset.String("paper", "a4", "a4 or letter")
	fset.StringVar(&c.marking, "marking", "", "a handling marking for every page's header")
	formats := fset.String("formats", "png,svg", "the chart files' formats: png, svg, pdf")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, usageError{err}
	}
	if fset.NArg() > 0 {
		return c, usageError{fmt.Errorf("unexpected argument %q (run report -h for help)", fset.Arg(0))}
	}
	fset.Visit(func(f *flag.Flag) {
		c.refsGiven = c.refsGiven || f.Name == "refs"
		c.sitesGiven = c.sitesGiven || f.Name == "sites"
		c.outGiven = c.outGiven || f.Name == "out"
	})
	fmts, err := charts.ParseFormats(*formats)
	if err != nil {
		return c, usageError{fmt.Errorf("-formats: %w", err)}
	}
	c.formats = fmts
	if c.sitesBy != "site" && c.sitesBy != "group" {
		return c, usageError{fmt.Errorf("-sites-by %q: want site or group", c.sitesBy)}
	}
	if *year != "" {
		y, err := strconv.Atoi(*year)
		if err != nil || y < 1900 || y > 2999 || len(*year) != 4 {
			return c, usageError{fmt.Errorf("-year %q: want a four-digit year such as 2021", *year)}
		}
		c.year = y
	}
	if *month != "" {
		m, err := time.Parse("2006-01", *month)
		if err != nil {
			return c, usageError{fmt.Errorf("-month %q: want a month such as 2021-06", *month)}
		}
		c.month = m
	}
	if *asOf != "" {
		d, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			return c, usageError{fmt.Errorf("-as-of %q: want a date such as 2021-06-30", *asOf)}
		}
		c.asOf = d
	}
	if *headline != "" {
		d, err := time.Parse(time.DateOnly, *headline)
		if err != nil {
			return c, usageError{fmt.Errorf("-headline %q: want a tally's as_of date such as 2021-06-06", *headline)}
		}
		c.headline = d
	}
	p, err := workbook.ParsePaper(*paper)
	if err != nil {
		return c, usageError{fmt.Errorf("-%w", err)}
	}
	c.paper = p
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
	refs, err := loadReferences(c.refs, c.refsGiven)
	if err != nil {
		return err
	}
	if err := checkPrevious(c.previous); err != nil { // changes.go
		return err
	}
	opts, err := c.readerOptions()
	if err != nil {
		return err
	}
	var scopes []incident.Scope
	for _, r := range refs {
		scopes = append(scopes, r.Filter)
	}
	in, err := readInput(c, opts, scopes, stderr)
	var decided *incident.DateOrderDecided
	if errors.As(err, &decided) {
		// The file's slashed dates decided their order only after rows
		// that fit both were rejected: read it again in that order.
		fmt.Fprintf(stderr, "%s: %v, which is done now (give the flag to read it once)\n", c.in, decided)
		opts.Dates.Order = decided.Order
		in, err = readInput(c, opts, scopes, stderr)
	}
	if err != nil {
		return err
	}
	defer in.close()
	rd, wb, plog, printed := in.rd, in.wb, in.plog, in.printed
	unmapped, unknownSites := rd.Unmapped(), rd.UnknownSites()
	for _, t := range unmapped {
		if err := wb.AddUnmapped(t); err != nil {
			return err
		}
	}
	for _, t := range unknownSites {
		if err := wb.AddUnknownSite(t); err != nil {
			return err
		}
	}
	rows := rd.Rows()
	sum, err := in.acc.Summary(refs)
	if err != nil {
		var me *stats.MonthError
		if errors.As(err, &me) {
			return fmt.Errorf("-month %s: %w", c.month.Format("2006-01"), err)
		}
		return fmt.Errorf("-year %d: %w", c.year, err)
	}
	if !c.asOf.IsZero() && sum.Last.After(c.asOf) {
		// The data cannot run through a day before its latest
		// incident: the partial month and every "data through" would
		// be wrong.
		return fmt.Errorf("-as-of %s: the latest counted incident is dated %s, after it (give a later -as-of, or none)",
			c.asOf.Format(time.DateOnly), sum.Last.Format(time.DateOnly))
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	in.prog.stage("charts")
	dir := c.out
	if !c.outGiven && sum.Focus != nil {
		// Monthly runs do not overwrite each other: out/2021-06.
		dir = filepath.Join(c.out, sum.Focus.Month.Format("2006-01"))
	}
	out := newOutputs(dir)
	defer out.discard()
	chg, err := compareSnapshot(in.snap, c.previous) // changes.go
	if err != nil {
		return err
	}
	rendered, err := renderCharts(sum, filepath.Base(c.in), c.formats, dataDate(sum))
	if err != nil {
		return err
	}
	if err := writeCharts(out, rendered); err != nil {
		return err
	}
	in.prog.stage("workbook")
	r := &workbook.Report{Input: c.in, Rows: rows, Summary: sum, Modified: dataDate(sum), Through: c.asOf, Version: version()}
	r.Changes = chg.workbook()
	r.Methodology = c.methodology(rd.Format().Name, opts.Sites != nil, refs, rendered) // methodology.go
	for _, ch := range rendered {
		r.Charts = append(r.Charts, workbook.Chart{Title: ch.title, PNG: ch.png})
	}
	if err := out.write("report.xlsx", func(w io.Writer) (int64, error) { return 0, wb.Write(w, r) }); err != nil {
		return err
	}
	br, err := writeBrief(out, c, rows, sum, rendered, printed.excluded) // brief.go
	if err != nil {
		return err
	}
	sf := summary.New(c.in, rows, sum)
	sf.Log = plog
	sf.Changes = chg.summary()
	sf.Format = rd.Format().Name
	for _, t := range unmapped {
		sf.UnmappedTerms = append(sf.UnmappedTerms, summary.Term{Term: t.Term, Rows: t.Rows, FirstLine: t.FirstLine})
	}
	for _, t := range unknownSites {
		sf.UnknownSites = append(sf.UnknownSites, summary.Term{Term: t.Term, Rows: t.Rows, FirstLine: t.FirstLine})
	}
	if err := out.write("summary.json", func(w io.Writer) (int64, error) { return 0, summary.Write(w, sf) }); err != nil {
		return err
	}
	if err := out.write(changes.FileName, in.snap.writeTo); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := out.commit(); err != nil {
		return err
	}

	in.prog.finish()
	printed.print(stderr)
	fmt.Fprintf(stderr, "%s (see Data Quality)\n", rows)
	if !c.quiet {
		fmt.Fprintf(stderr, "%s. %s\n", br.Verdict, br.Headline.Text)
	}
	chg.print(stderr)
	fmt.Fprintf(stdout, "wrote %s\n", strings.Join(out.written, ", "))
	return nil
}

// input is one reading of the input file into the figures, the
// workbook's streamed sheets and the log of problems.
type input struct {
	file    *os.File
	sheet   *spreadsheet.Sheet
	prog    *progress
	rd      *incident.Reader
	wb      *workbook.Workbook
	acc     *stats.Accumulator
	plog    *summary.ProblemLog
	printed *problemPrinter
	snap    *snapshot // the counted rows, for -previous (changes.go)
}

// readInput reads the input file through once.
func readInput(c config, opts incident.Options, scopes []incident.Scope, stderr io.Writer) (_ *input, err error) {
	in := &input{}
	defer func() {
		if err != nil {
			in.close()
		}
	}()
	if in.file, err = os.Open(c.in); err != nil {
		return nil, openError(c.in, "-in", err)
	}
	var size int64
	if fi, err := in.file.Stat(); err == nil {
		size = fi.Size()
	}
	in.prog = newProgress(stderr, c.quiet, size)
	if isWorkbook(c.in) {
		sheet, err := spreadsheet.Open(in.prog.reader(in.file), c.sheet)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.in, err)
		}
		in.sheet = sheet
		if in.rd, err = incident.NewRecordReader(sheet, opts); err != nil {
			return nil, fileError(c.in, err)
		}
	} else if c.sheet != "" {
		return nil, usageError{fmt.Errorf("-sheet %q: %s is not an Excel workbook (.xlsx)", c.sheet, c.in)}
	} else if in.rd, err = incident.NewReader(in.prog.reader(in.file), opts); err != nil {
		return nil, fileError(c.in, err)
	}
	if in.wb, err = workbook.New(in.rd.Header(), in.rd.ExtraColumns(), workbook.Options{NoIncidents: c.noIncidents,
		Paper: c.paper, Marking: c.marking}); err != nil {
		return nil, err
	}
	in.acc = stats.NewAccumulator(stats.Options{Year: c.year, ByGroup: c.sitesBy == "group", Scopes: scopes,
		Month: c.month, AsOf: c.asOf})
	// Problems go to summary.json through a log on disk; the first few
	// are kept to print.
	if in.plog, err = summary.NewProblemLog(""); err != nil {
		return nil, fmt.Errorf("cannot make a temporary file: %w", err)
	}
	in.printed = &problemPrinter{path: c.in, excluded: map[string]int{}}
	if in.snap, err = newSnapshot(); err != nil {
		return nil, err
	}
	for n := 0; ; n++ {
		if n%memoryCheck == 0 {
			limitMemory(in.rd)
		}
		row, err := in.rd.Read()
		if err == io.EOF {
			return in, nil
		}
		if err != nil {
			return nil, fileError(c.in, err)
		}
		if row.Status == incident.Counted {
			in.acc.Add(&row.Incident)
		}
		if err := in.wb.Add(row); err != nil {
			return nil, err
		}
		if err := in.snap.add(row); err != nil {
			return nil, err
		}
		if row.Probable != nil {
			// In Data Quality after the row's own problems, and in
			// summary.json through the log, not in memory: a big file
			// of dense incidents has many.
			p := row.Probable
			if err := in.wb.AddProbable(p); err != nil {
				return nil, err
			}
			if err := in.plog.AddPair(summary.Pair{Line: p.Line, OfLine: p.OfLine, Site: p.Site,
				Weapon: p.Weapon.String(), Date: summary.Date(p.Date), OfDate: summary.Date(p.OfDate)}); err != nil {
				return nil, fmt.Errorf("cannot write a temporary file: %w", err)
			}
		}
		for i := range row.Problems {
			if err := in.plog.Add(&row.Problems[i]); err != nil {
				return nil, fmt.Errorf("cannot write a temporary file: %w", err)
			}
			in.printed.add(&row.Problems[i])
		}
	}
}

// close releases what a reading holds.
func (in *input) close() {
	if in.rd != nil {
		in.rd.Close()
	}
	if in.wb != nil {
		in.wb.Close()
	}
	if in.plog != nil {
		in.plog.Close()
	}
	in.snap.close()
	if in.sheet != nil {
		in.sheet.Close()
	}
	if in.file != nil {
		in.file.Close()
	}
	in.prog.finish()
}

// isWorkbook reports whether path names an Excel workbook, by its
// extension.
func isWorkbook(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// switches returns the rule that leaves rows out of the counts: foiled
// attacks unless -include-foiled, low-confidence rows with
// -exclude-low-confidence, the target types of -exclude-target-type, and
// rows outside -filter. Each excluded row says which switch excluded it.
func (c config) switches() (func(*incident.Incident) (string, string, bool), error) {
	var scope incident.Scope
	if c.filter != "" {
		var err error
		if scope, err = incident.ParseScope(c.filter); err != nil {
			return nil, usageError{fmt.Errorf("-filter %q: %w", c.filter, err)}
		}
	}
	var targets incident.Scope // matches the target types left out
	if c.excludeTargetTypes != "" {
		var err error
		if targets, err = incident.ParseScope("target_type=" + c.excludeTargetTypes); err != nil {
			var se *incident.ScopeError
			if errors.As(err, &se) {
				err = se.Err
			}
			return nil, usageError{fmt.Errorf("-exclude-target-type %q: %w", c.excludeTargetTypes, err)}
		}
	}
	includeFoiled, lowOut := c.includeFoiled, c.excludeLowConfidence
	return func(inc *incident.Incident) (string, string, bool) {
		if inc.Outcome == incident.Foiled && !includeFoiled {
			return incident.ExcludeFoiled(inc)
		}
		if lowOut && inc.Confidence == incident.Low {
			return "confidence", "low confidence: left out by -exclude-low-confidence", true
		}
		if !targets.IsZero() && targets.Match(inc) {
			return "target_type", fmt.Sprintf("%s: left out by -exclude-target-type %s", inc.TargetType, c.excludeTargetTypes), true
		}
		if !scope.Match(inc) {
			return "", fmt.Sprintf("outside -filter %q", scope), true
		}
		return "", "", false
	}, nil
}

// readerOptions returns the Reader's options that the flags give.
func (c config) readerOptions() (incident.Options, error) {
	opts := incident.Options{Format: c.format, MergeProbable: c.mergeProbable}
	exclude, err := c.switches()
	if err != nil {
		return opts, err
	}
	opts.Exclude = exclude
	sites, err := loadSites(c.sites, c.sitesGiven)
	if err != nil {
		return opts, err
	}
	opts.Sites = sites
	if c.format != "" {
		if _, err := incident.FormatByName(c.format); err != nil {
			return opts, usageError{fmt.Errorf("-format: %w", err)}
		}
	}
	if c.delimiter != "" {
		comma, err := incident.ParseDelimiter(c.delimiter)
		if err != nil {
			return opts, usageError{fmt.Errorf("-delimiter: %w", err)}
		}
		opts.Comma = comma
	}
	if c.dateOrder != "" {
		order, err := incident.ParseDateOrder(c.dateOrder)
		if err != nil {
			return opts, usageError{fmt.Errorf("-date-order: %w", err)}
		}
		opts.Dates.Order = order
	}
	loc, err := time.LoadLocation(c.tz)
	if err != nil {
		return opts, usageError{fmt.Errorf("-tz %q: not a time zone such as Asia/Baghdad or UTC", c.tz)}
	}
	opts.Dates.Loc = loc
	opts.Dates.Today = today()
	if c.weapons != "" {
		f, err := os.Open(c.weapons)
		if err != nil {
			return opts, openError(c.weapons, "-weapons", err)
		}
		defer f.Close()
		opts.Weapons = incident.DefaultWeaponTerms()
		if err := opts.Weapons.Merge(f); err != nil {
			return opts, fileError(c.weapons, err)
		}
	}
	return opts, nil
}

// today is the run's own date, against which a later incident date is
// rejected: SOURCE_DATE_EPOCH's when set, so that a run can be replayed.
func today() time.Time {
	if t, ok := sourceDateEpoch(); ok {
		return t
	}
	return time.Now()
}

// sourceDateEpoch returns the time SOURCE_DATE_EPOCH gives, and false when
// it is unset or not a whole number of seconds.
func sourceDateEpoch() (time.Time, bool) {
	n, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64)
	return time.Unix(n, 0).UTC(), err == nil
}

// version returns the tool's version, for the workbook's properties: the
// module's version when it was built from a tagged module, else the VCS
// revision it was built from (12 digits, "+dirty" when the tree had
// changes), else "devel".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return "devel"
	}
	return rev[:min(12, len(rev))] + dirty
}

// dataDate returns the date that documents carry: SOURCE_DATE_EPOCH when
// set (the reproducible-builds convention), else the date of the latest
// incident; never the clock.
func dataDate(s *stats.Summary) time.Time {
	if t, ok := sourceDateEpoch(); ok {
		return t
	}
	return s.Last
}

// loadSites loads the gazetteer; the default file is optional.
func loadSites(path string, given bool) (*incident.Gazetteer, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && !given {
		return nil, nil
	}
	if err != nil {
		return nil, openError(path, "-sites", err)
	}
	defer f.Close()
	g, err := incident.LoadGazetteer(f)
	if err != nil {
		return nil, fileError(path, err)
	}
	return g, nil
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
	if errors.As(err, &pe) && pe.Sheet == "" {
		return fmt.Errorf("%s:%w", path, err)
	}
	if errors.Is(err, incident.ErrEmpty) || errors.Is(err, incident.ErrEmptyReferences) || errors.Is(err, incident.ErrNoRows) {
		return fmt.Errorf("%s: %w: nothing to report", path, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// problemPrinter keeps the first maxPrinted rejected and duplicate rows'
// problems and counts the rest, to print them as file:line:col: column:
// reason.
type problemPrinter struct {
	path  string
	first []string
	n     int
	// excluded counts the excluded rows by the column that excluded
	// them, for the brief.
	excluded map[string]int
}

func (pp *problemPrinter) add(p *incident.Problem) {
	if p.Status == incident.Excluded {
		pp.excluded[p.Column]++
		return
	}
	if pp.n++; pp.n <= maxPrinted {
		sep := ":"
		if p.Sheet != "" {
			sep = ": "
		}
		pp.first = append(pp.first, fmt.Sprintf("%s%s%s", pp.path, sep, p))
	}
}

func (pp *problemPrinter) print(w io.Writer) {
	for _, line := range pp.first {
		fmt.Fprintln(w, line)
	}
	if pp.n > maxPrinted {
		fmt.Fprintf(w, "... and %d more problems\n", pp.n-maxPrinted)
	}
}

// memoryCheck is how many rows go between two settings of the memory
// limit.
const memoryCheck = 1 << 16

// memoryHeadroom is the memory a run may use beyond the set of ids it
// has seen: rows in flight, figures, and the garbage collector's room.
const memoryHeadroom = 96 << 20

// limitMemory sets the Go runtime's soft memory limit to the memory held
// for the ids read so far plus memoryHeadroom, so that memory grows with
// the id set and nothing else: the garbage collector works harder rather
// than letting the heap double with it. GOMEMLIMIT, when set, wins.
func limitMemory(rd *incident.Reader) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(rd.MemoryHeld() + memoryHeadroom)
}

// renderedChart is a chart drawn in the formats a run writes.
type renderedChart struct {
	title string
	// png is the PNG for the workbook's Charts sheet, drawn in every run,
	// whether or not -formats asks for PNG files.
	png []byte
	// files are the chart's files, in the order of -formats.
	files []chartFile
}

type chartFile struct {
	name string // "monthly.svg"
	data []byte
}

// renderCharts draws every chart of charts.All in the formats asked for
// and as PNG, each chart on its own goroutine. PDFs are dated date.
func renderCharts(sum *stats.Summary, source string, formats []charts.Format, date time.Time) ([]renderedChart, error) {
	list := charts.All()
	out := make([]renderedChart, len(list))
	errs := make([]error, len(list))
	draw := formats
	if !slices.Contains(draw, charts.PNG) {
		draw = append([]charts.Format{charts.PNG}, formats...)
	}
	var wg sync.WaitGroup
	for i, ch := range list {
		wg.Go(func() {
			title, files, err := ch.DrawFormats(sum, charts.Options{Source: source, Date: date}, draw)
			if err != nil {
				errs[i] = err // "charts: map: ..."
				return
			}
			out[i].title = title
			for k, f := range draw {
				if f == charts.PNG {
					out[i].png = files[k]
				}
				if slices.Contains(formats, f) {
					out[i].files = append(out[i].files, chartFile{ch.FileName(f), files[k]})
				}
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// writeCharts writes the charts' files under charts/.
func writeCharts(out *outputs, rendered []renderedChart) error {
	for _, ch := range rendered {
		for _, f := range ch.files {
			if err := out.write(filepath.Join("charts", f.name), bytes.NewReader(f.data).WriteTo); err != nil {
				return err
			}
		}
	}
	return nil
}
