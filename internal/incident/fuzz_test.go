package incident

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// FuzzLoad checks that any input either fails as a whole or accounts for
// every row: no panic, counts that add up, a problem for every row not
// counted, and problem lines inside the file.
func FuzzLoad(f *testing.F) {
	// The first lines of the shipped data: the whole file (40 KB) makes
	// the mutator crawl.
	if data, err := os.ReadFile("../../data/incidents.csv"); err == nil {
		f.Add(firstLines(data, 6))
	}
	for _, s := range []string{
		"date,site,weapon\n2021-06-06,BDSC,rocket\n",
		"id,date,site,weapon,munitions,intercepted\nA,2021-01-01,x,drone,2,3\nA,2021-01-01,x,drone,,\n",
		"date,site,weapon,latitude,longitude\n2021-01-01,x,ied,1e400,NaN\n",
		"date,site,weapon\n\"2021-01-01\n\",x\",rocket\n",
		"\uFEFFdate,,site,weapon,\n2021-01-01,,x,ied,\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Load(bytes.NewReader(data), Options{})
		if err != nil {
			var me *MissingColumnsError
			var pe *PositionError
			var oe *DateOrderError
			var od *DateOrderDecided
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNoRows) && !errors.Is(err, ErrDelimiter) &&
				!errors.As(err, &me) && !errors.As(err, &pe) && !errors.As(err, &oe) && !errors.As(err, &od) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		r := ds.Rows
		if r.Read == 0 || r.Read != r.Counted+r.Excluded+r.Duplicates+r.Rejected {
			t.Fatalf("accounting does not add up: %+v", r)
		}
		if len(ds.Incidents) != r.Counted {
			t.Fatalf("%d incidents, %d counted", len(ds.Incidents), r.Counted)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		rowsWithProblems := map[int]bool{}
		for _, p := range ds.Problems {
			if p.Line < 2 || p.Line > lines {
				t.Fatalf("problem on line %d of a %d-line file: %v", p.Line, lines, p)
			}
			if p.Status == Counted || p.Reason == "" {
				t.Fatalf("malformed problem %+v", p)
			}
			rowsWithProblems[p.Line] = true
		}
		if got, want := len(rowsWithProblems), r.Excluded+r.Duplicates+r.Rejected; got != want {
			t.Fatalf("%d rows with problems, want %d", got, want)
		}
		for _, inc := range ds.Incidents {
			if inc.Intercepted.N > inc.Munitions.N || inc.Munitions.N < 0 || int(inc.Weapon) >= NumWeapons {
				t.Fatalf("invalid incident counted: %+v", inc)
			}
			if len(inc.Extra) != len(ds.ExtraColumns) {
				t.Fatalf("%d extra values for %d extra columns", len(inc.Extra), len(ds.ExtraColumns))
			}
		}
	})
}

// FuzzLoadReferences checks that LoadReferences never panics and that what
// it returns is consistent.
func FuzzLoadReferences(f *testing.F) {
	if data, err := os.ReadFile("../../data/references.csv"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("as_of,since,published\n2021-06-06,,39\n"))
	f.Add([]byte("as_of,published,filter,bound,through\n2021-06-20,44,\"weapon=ied,rocket; country!=syria\",at_least,2021-06-19\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		refs, err := LoadReferences(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, r := range refs {
			if r.Since.After(r.AsOf) || r.Published < 0 || r.Through.Before(r.Since) || r.Through.After(r.AsOf) {
				t.Fatalf("inconsistent reference %+v", r)
			}
			if again, err := ParseScope(r.Filter.String()); err != nil || again != r.Filter {
				t.Fatalf("filter %q does not round-trip: %v", r.Filter, err)
			}
		}
	})
}

// firstLines returns the first n lines of data.
func firstLines(data []byte, n int) []byte {
	end := 0
	for ; n > 0 && end < len(data); n-- {
		i := bytes.IndexByte(data[end:], '\n')
		if i < 0 {
			return data
		}
		end += i + 1
	}
	return data[:end]
}
