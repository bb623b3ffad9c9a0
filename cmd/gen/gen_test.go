package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"report/internal/incident"
)

// gen runs gen with args and returns what it wrote to stdout.
func gen(tb testing.TB, args ...string) []byte {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(args, &stdout, &stderr); err != nil {
		tb.Fatalf("run(%q) = %v; stderr:\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

func TestSeed(t *testing.T) {
	tests := []struct {
		name     string
		a, b     []string
		wantSame bool
	}{
		{"same seed", []string{"-n", "3000", "-seed", "1"}, []string{"-n", "3000", "-seed", "1"}, true},
		{"same seed, other flags in another order", []string{"-seed", "7", "-n", "3000", "-messy", "0.1"}, []string{"-messy", "0.1", "-n", "3000", "-seed", "7"}, true},
		{"different seed", []string{"-n", "3000", "-seed", "1"}, []string{"-n", "3000", "-seed", "2"}, false},
		{"different share", []string{"-n", "3000", "-dups", "0.01"}, []string{"-n", "3000", "-dups", "0.02"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := gen(t, tt.a...), gen(t, tt.b...)
			if got := bytes.Equal(a, b); got != tt.wantSame {
				t.Errorf("outputs equal = %v, want %v", got, tt.wantSame)
			}
		})
	}
}

// TestBareQuoteResumes checks the encoding/csv behaviour the stray-quote
// rows rely on: a bare quote in an unquoted field fails its own record
// only, and reading goes on at the next line.
func TestBareQuoteResumes(t *testing.T) {
	in := "a,b\nab\"c,d\ne,\"f,\ng\"\nh,i\n"
	r := csv.NewReader(strings.NewReader(in))
	r.FieldsPerRecord = -1
	var got []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !errors.Is(err, csv.ErrBareQuote) {
				t.Fatalf("Read: %v, want ErrBareQuote", err)
			}
			got = append(got, "ErrBareQuote")
			continue
		}
		got = append(got, strings.Join(rec, "|"))
	}
	want := []string{"a|b", "ErrBareQuote", "e|f,\ng", "h|i"}
	if !slices.Equal(got, want) {
		t.Errorf("records = %q, want %q", got, want)
	}
}

// record is one CSV record read back, or the bare-quote error in its place.
type record struct {
	fields   []string
	bare     bool
	startEnd [2]int // first and last line
}

// readAll reads data with encoding/csv: the header, then every record. Any
// parse error other than a one-line ErrBareQuote fails the test.
func readAll(tb testing.TB, data []byte) (header []string, recs []record) {
	tb.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		tb.Fatalf("header: %v", err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return header, recs
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(err, csv.ErrBareQuote) && pe.StartLine == pe.Line {
			recs = append(recs, record{bare: true, startEnd: [2]int{pe.StartLine, pe.Line}})
			continue
		}
		if err != nil {
			tb.Fatalf("record %d: %v", len(recs)+1, err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, record{fields: rec, startEnd: [2]int{line, line}})
	}
}

func TestRows(t *testing.T) {
	for _, n := range []int{0, 1, 2, 100, 5000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			header, recs := readAll(t, gen(t, "-n", strconv.Itoa(n), "-messy", "0.05", "-dups", "0.05"))
			// The shipped file has a few columns more (coordinates, GTD
			// ids); gen writes the ones before them.
			if shipped := incidentsHeader(t); len(header) != 20 || !slices.Equal(header, shipped[:min(len(header), len(shipped))]) {
				t.Errorf("header = %q, want the first 20 columns of data/incidents.csv %q", header, shipped)
			}
			if got := len(recs); got != n {
				t.Errorf("records = %d, want %d", got, n)
			}
			for _, rec := range recs {
				if !rec.bare && !strings.HasPrefix(rec.fields[0], "G") {
					t.Errorf("line %d: id %q, want G and a number: a record was split", rec.startEnd[0], rec.fields[0])
				}
			}
		})
	}
}

// incidentsHeader returns the header of the shipped data.
func incidentsHeader(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open("../../data/incidents.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	h, err := csv.NewReader(f).Read()
	if err != nil {
		tb.Fatalf("data/incidents.csv: %v", err)
	}
	return h
}

// tally is what a file holds, as counted by checking fields with the
// standard library.
type tally struct {
	rows, messy, dups, identical, foiled, newlines, quotes int
	defects                                                map[string]int
}

var weaponCodes = []string{"rocket", "drone", "mortar", "ied", "small_arms", "other"}

// count classifies every record of data like report does: messy (what
// report rejects), duplicate (a valid row whose id a valid row had before),
// foiled (a valid row that is not a duplicate).
func count(tb testing.TB, data []byte) tally {
	tb.Helper()
	header, recs := readAll(tb, data)
	col := func(name string) int { return slices.Index(header, name) }
	iDate, iWeapon, iMun, iInt, iOutcome, iNotes := col("date"), col("weapon"), col("munitions"), col("intercepted"), col("outcome"), col("notes")
	counts := []int{iMun, iInt, col("killed"), col("wounded")}
	tl := tally{rows: len(recs), defects: map[string]int{}}
	first := map[string]string{} // id: the first valid record with it
	for _, rec := range recs {
		var defect string
		f := rec.fields
		num := func(i, dflt int) int {
			if f[i] == "" {
				return dflt
			}
			n, err := strconv.Atoi(f[i])
			if err != nil {
				tb.Fatalf("line %d: %s %q is not a number", rec.startEnd[0], header[i], f[i])
			}
			return n
		}
		switch {
		case rec.bare:
			defect = "stray quote"
		case len(f) != len(header):
			defect = "field count"
		case !slices.Contains(weaponCodes, f[iWeapon]):
			defect = "unknown weapon"
		case !validDate(f[iDate]):
			defect = "bad date"
			if len(f[iDate]) == 10 && f[iDate][4] == '-' && f[iDate][7] == '-' {
				defect = "not a calendar date"
			}
		case slices.ContainsFunc(counts, func(i int) bool { return num(i, 0) < 0 }):
			defect = "negative count"
		case num(iInt, 0) > num(iMun, 1):
			defect = "intercepted > munitions"
		}
		if defect != "" {
			tl.messy++
			tl.defects[defect]++
			continue
		}
		if strings.Contains(f[iNotes], "\n") {
			tl.newlines++
		}
		if strings.Contains(f[iNotes], `"`) {
			tl.quotes++
		}
		joined := strings.Join(f, "\x00")
		if earlier, ok := first[f[0]]; ok {
			tl.dups++
			if earlier == joined {
				tl.identical++
			}
			continue
		}
		first[f[0]] = joined
		if f[iOutcome] == "foiled" {
			tl.foiled++
		}
	}
	return tl
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func TestShares(t *testing.T) {
	const n = 20000
	tests := []struct {
		messy, dups float64
	}{
		{0.02, 0.01}, // the defaults
		{0, 0},
		{0.10, 0.05},
		{0.5, 0.3},
	}
	for _, tt := range tests {
		name := "messy=" + strconv.FormatFloat(tt.messy, 'g', -1, 64) + ",dups=" + strconv.FormatFloat(tt.dups, 'g', -1, 64)
		t.Run(name, func(t *testing.T) {
			data := gen(t, "-n", strconv.Itoa(n), "-messy", strconv.FormatFloat(tt.messy, 'g', -1, 64),
				"-dups", strconv.FormatFloat(tt.dups, 'g', -1, 64))
			tl := count(t, data)
			if tl.rows != n {
				t.Fatalf("rows = %d, want %d", tl.rows, n)
			}
			within(t, "messy rows", tl.messy, tt.messy*n)
			within(t, "duplicates", tl.dups, tt.dups*n)
			if tt.messy > 0 {
				for _, d := range []string{"stray quote", "field count", "unknown weapon", "bad date",
					"not a calendar date", "negative count", "intercepted > munitions"} {
					if tl.defects[d] == 0 {
						t.Errorf("no messy row with %s among %d: %v", d, tl.messy, tl.defects)
					}
				}
			}
			if tt.dups > 0 && (tl.identical == 0 || tl.identical == tl.dups) {
				t.Errorf("%d of %d duplicates identical, want some identical and some changed", tl.identical, tl.dups)
			}
			if tl.foiled == 0 || tl.newlines == 0 || tl.quotes == 0 {
				t.Errorf("foiled %d, notes with a newline %d, with a quote %d: want some of each", tl.foiled, tl.newlines, tl.quotes)
			}
		})
	}
}

// within fails unless got is within 15% of want (and 0 when want is 0).
func within(tb testing.TB, what string, got int, want float64) {
	tb.Helper()
	if math.Abs(float64(got)-want) > 0.15*want {
		tb.Errorf("%s = %d, want %.0f ± 15%%", what, got, want)
	}
}

// TestLoaderAgrees checks that report's loader files the rows as the
// standard-library count does: messy rows rejected but those with an
// unknown weapon (counted as other), duplicates as duplicates, foiled rows
// excluded.
func TestLoaderAgrees(t *testing.T) {
	data := gen(t, "-n", "20000", "-seed", "3")
	tl := count(t, data)
	ds, err := incident.Load(bytes.NewReader(data), incident.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := ds.Rows
	unknown := tl.defects["unknown weapon"]
	want := incident.Accounting{Read: tl.rows, Counted: tl.rows - tl.messy - tl.dups - tl.foiled + unknown,
		Excluded: tl.foiled, Duplicates: tl.dups, Rejected: tl.messy - unknown}
	if got != want {
		t.Errorf("loader: %+v, want %+v", got, want)
	}
}

func TestDates(t *testing.T) {
	_, recs := readAll(t, gen(t, "-n", "5000", "-from", "1999", "-years", "3", "-messy", "0"))
	years := map[string]int{}
	for _, rec := range recs {
		years[rec.fields[1][:4]]++
	}
	if len(years) != 3 || years["1999"] == 0 || years["2000"] == 0 || years["2001"] == 0 {
		t.Errorf("years = %v, want 1999, 2000 and 2001", years)
	}
}

func TestOutputFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "big.csv")
	gen(t, "-n", "500", "-o", name)
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if want := gen(t, "-n", "500"); !bytes.Equal(got, want) {
		t.Errorf("-o %s differs from standard output", name)
	}

	missing := filepath.Join(t.TempDir(), "no", "big.csv")
	err = run([]string{"-o", missing}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), missing) || exitCode(err) != 1 {
		t.Errorf("run(-o %s) = %v (exit %d), want an error naming the file, exit 1", missing, err, exitCode(err))
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	err := run([]string{"-n", "100000"}, errWriter{}, io.Discard)
	if got, want := err.Error(), "write standard output: disk full"; got != want {
		t.Errorf("run = %q, want %q", got, want)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args     []string
		wantErr  string // "" for none
		wantCode int
	}{
		{[]string{"-h"}, "flag: help requested", 0},
		{[]string{"-n", "-1"}, "-n -1: want 0 rows or more (run gen -h for help)", 2},
		{[]string{"-n", "x"}, `invalid value "x" for flag -n: parse error`, 2},
		{[]string{"-years", "0"}, "-years 0: want 1 or more (run gen -h for help)", 2},
		{[]string{"-from", "9999", "-years", "2"}, "-from 9999 -years 2: the years must be within 1 to 9999 (run gen -h for help)", 2},
		{[]string{"-messy", "1.5"}, "-messy 1.5: want a share from 0 to 1 (run gen -h for help)", 2},
		{[]string{"-dups", "NaN"}, "-dups NaN: want a share from 0 to 1 (run gen -h for help)", 2},
		{[]string{"-messy", "0.6", "-dups", "0.5"}, "-messy 0.6 -dups 0.5: the shares add up to more than 1 (run gen -h for help)", 2},
		{[]string{"extra"}, `unexpected argument "extra": gen takes only flags (run gen -h for help)`, 2},
		{[]string{"-bogus"}, "flag provided but not defined: -bogus", 2},
		{[]string{"-n", "0", "-messy", "1", "-dups", "0"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			err := run(tt.args, io.Discard, &stderr)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Errorf("error = %q, want %q", gotErr, tt.wantErr)
			}
			if got := exitCode(err); got != tt.wantCode {
				t.Errorf("exit code = %d, want %d", got, tt.wantCode)
			}
			if errors.Is(err, flag.ErrHelp) && !strings.Contains(stderr.String(), "Example:\n  go run ./cmd/gen -n 1000000 -seed 1 > big.csv") {
				t.Errorf("-h: usage lacks the example:\n%s", stderr.String())
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	c := defaults
	c.n = 10000
	var size int64
	for b.Loop() {
		cw := &countWriter{}
		if err := generate(cw, c); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.SetBytes(size)
	b.ReportMetric(float64(c.n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
