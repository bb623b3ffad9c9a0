package incident

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadReferences(t *testing.T) {
	input := "\uFEFFAs_Of,since,published,wording,scope,Outlet,source_url\n" +
		"2021-06-06,,39,\"\"\"at least 39 attacks\"\"\",\"embassy, bases\", AFP ,https://a.example/1;https://b.example/2\n" +
		"2021-04-04,2021-01-20,14,14th attack,US interests,,\n"
	refs, err := LoadReferences(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	want := []Reference{
		{Line: 2, AsOf: date("2021-06-06"), Since: date("2021-01-01"), Published: 39,
			Wording: `"at least 39 attacks"`, Scope: "embassy, bases", Outlet: "AFP",
			SourceURLs: []string{"https://a.example/1", "https://b.example/2"}, Through: date("2021-06-06")},
		{Line: 3, AsOf: date("2021-04-04"), Since: date("2021-01-20"), Published: 14,
			Wording: "14th attack", Scope: "US interests", Through: date("2021-04-04")},
	}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("got  %+v\nwant %+v", refs, want)
	}
}

func TestLoadReferencesErrors(t *testing.T) {
	const header = "as_of,since,published\n"
	tests := []struct{ name, input, want string }{
		{"empty", "", "file is empty: want a header row, then one row per published tally"},
		{"column twice", "as_of,published,Published \n", `1:17: header: column "Published" appears twice (columns 2 and 3)`},
		{"missing column", "as_of,count\n", `missing required column published (columns found: "as_of", "count")`},
		{"bad date", header + "2021-06-31,,39\n", `2:1: as_of: "2021-06-31" is not a calendar date`},
		{"bad since", header + "2021-06-06,June,39\n", `2:12: since: cannot parse "June" as a date: want YYYY-MM-DD`},
		{"since after as_of", header + "2021-06-06,2021-07-01,39\n", "2:12: since: 2021-07-01 is after as_of 2021-06-06"},
		{"bad published", header + "2021-06-06,,about 40\n", `2:13: published: cannot parse "about 40" as a number`},
		{"empty published", header + "2021-06-06,,\n", "2:13: published: required value is empty"},
		{"field count", header + "2021-06-06,39\n", "2:12: row: row has 2 fields but the header has 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadReferences(strings.NewReader(tt.input))
			if err == nil {
				t.Fatal("LoadReferences succeeded, want an error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLoadReferencesScope(t *testing.T) {
	input := "as_of,since,published,filter,bound,through\n" +
		"2021-06-20,,44,,,2021-06-19\n" +
		"2021-04-23,2021-01-01,20,\"weapon=ied, rocket\",more_than,\n" +
		"2021-02-25,2020-12-24,28, Target_Type = Convoy ,Exact,2020-12-24\n" +
		"2021-06-22,,45,confidence=high; outcome!=foiled,about,2021-06-22\n"
	refs, err := LoadReferences(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		filter  string
		bound   Bound
		through string
	}{
		{"", Exact, "2021-06-19"},
		{"weapon=rocket,ied", MoreThan, "2021-04-23"},
		{"target_type=convoy", Exact, "2020-12-24"},
		{"confidence=high; outcome!=foiled", About, "2021-06-22"},
	}
	if len(refs) != len(want) {
		t.Fatalf("%d references, want %d", len(refs), len(want))
	}
	for i, w := range want {
		r := refs[i]
		if r.Filter.String() != w.filter || r.Bound != w.bound || !r.Through.Equal(date(w.through)) {
			t.Errorf("reference %d: filter %q, bound %v, through %s; want %q, %v, %s",
				i, r.Filter, r.Bound, r.Through.Format(time.DateOnly), w.filter, w.bound, w.through)
		}
	}
}

func TestLoadReferencesScopeErrors(t *testing.T) {
	const header = "as_of,since,published,filter,bound,through\n"
	tests := []struct {
		name, input, want string
		scopePos          int // the *ScopeError's Pos, 0 when there is none
	}{
		{"unknown field", header + "2021-06-06,,39,targets=convoy,,\n", `2:16: filter:1: unknown field "targets": want one of confidence, target_type, weapon, outcome, country, province`, 1},
		{"field twice", header + "2021-06-06,,39,weapon=rocket;confidence=high;weapon=laser,,\n", "2:16: filter:31: field weapon appears twice (at 1 and 31): give one list per field", 31},
		// The position counts from the cell's first character, spaces
		// included; the cell's column is where its field starts, at the
		// opening quote of a quoted field.
		{"quoted", header + "2021-06-06,,39,\" weapon=ied,laser\",,\n", `2:16: filter:13: weapon: unknown weapon "laser": want one of rocket, drone, mortar, ied, small_arms, other`, 13},
		{"stray ;", header + "2021-06-06,,39,target_type=convoy;,,\n", `2:16: filter:19: stray ";": want field=values or field!=values on each side`, 19},
		{"header as written", "as_of,published,Filter \n2021-06-06,39,confidence\n", "2:15: Filter:11: missing operator after confidence: want = or !=", 11},
		{"bad bound", header + "2021-06-06,,39,,some,\n", `2:17: bound: unknown bound "some": want one of exact, at_least, more_than, about, at_most`, 0},
		{"bad through", header + "2021-06-06,,39,,,June 5\n", `2:18: through: cannot parse "June 5" as a date: want YYYY-MM-DD`, 0},
		{"through after as_of", header + "2021-06-20,,44,,,2021-06-21\n", "2:18: through: 2021-06-21 is after as_of 2021-06-20", 0},
		{"through before since", header + "2021-03-18,2020-12-31,32,,,2020-12-30\n", "2:28: through: 2020-12-30 is before since 2020-12-31", 0},
		{"through before empty since", header + "2021-03-18,,32,,,2020-12-31\n", "2:18: through: 2020-12-31 is before 2021-01-01, where the tally starts (since is empty: 1 January of the as_of year)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadReferences(strings.NewReader(tt.input))
			if err == nil {
				t.Fatal("LoadReferences succeeded, want an error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q\nwant    %q", got, tt.want)
			}
			var pe *PositionError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T, want *PositionError", err)
			}
			var se *ScopeError
			if errors.As(err, &se) != (tt.scopePos != 0) {
				t.Fatalf("errors.As(*ScopeError) = %v, want %v", se != nil, tt.scopePos != 0)
			}
			if se != nil && se.Pos != tt.scopePos {
				t.Errorf("ScopeError.Pos = %d, want %d", se.Pos, tt.scopePos)
			}
		})
	}
}

// TestLoadShippedReferences checks that data/references.csv loads and that
// each tally has the scope the README describes.
func TestLoadShippedReferences(t *testing.T) {
	f, err := os.Open("../../data/references.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	refs, err := LoadReferences(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		asOf, since string
		published   int
		filter      string
		bound       Bound
		through     string
	}{
		{"2021-02-25", "2020-12-24", 28, "target_type=convoy", Exact, "2021-02-25"},
		{"2021-03-18", "2020-12-31", 32, "target_type=convoy", Exact, "2021-03-18"},
		{"2021-04-04", "2021-01-20", 14, "", Exact, "2021-04-04"},
		{"2021-04-23", "2021-01-01", 20, "weapon=rocket,ied", MoreThan, "2021-04-23"},
		{"2021-06-06", "2021-01-01", 39, "", AtLeast, "2021-06-06"},
		{"2021-06-20", "2021-01-01", 44, "", Exact, "2021-06-19"},
		{"2021-06-22", "2021-01-01", 45, "", About, "2021-06-22"},
		{"2021-06-26", "2021-01-01", 44, "", Exact, "2021-06-26"},
		{"2021-07-05", "2021-01-01", 47, "", Exact, "2021-07-05"},
		{"2021-07-06", "2021-01-01", 50, "", About, "2021-07-06"},
		{"2021-07-24", "2021-01-01", 50, "", About, "2021-07-24"},
	}
	if len(refs) != len(want) {
		t.Fatalf("%d references, want %d", len(refs), len(want))
	}
	for i, w := range want {
		r := refs[i]
		got := []any{r.AsOf.Format(time.DateOnly), r.Since.Format(time.DateOnly), r.Published, r.Filter.String(), r.Bound, r.Through.Format(time.DateOnly)}
		exp := []any{w.asOf, w.since, w.published, w.filter, w.bound, w.through}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("line %d: got %v, want %v", r.Line, got, exp)
		}
	}
}

func TestBound(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Bound
	}{
		{"exact", Exact}, {"at_least", AtLeast}, {"more_than", MoreThan}, {"about", About}, {"at_most", AtMost},
		{" At least ", AtLeast}, {"more-than", MoreThan}, {"ABOUT", About},
	} {
		b, err := ParseBound(tt.in)
		if err != nil || b != tt.want {
			t.Errorf("ParseBound(%q) = %v, %v, want %v", tt.in, b, err, tt.want)
		}
		if got, err := ParseBound(b.String()); got != b || err != nil {
			t.Errorf("ParseBound(%q) = %v, %v", b.String(), got, err)
		}
	}
	for _, in := range []string{"", "some", "at_least_", "~"} {
		if _, err := ParseBound(in); err == nil {
			t.Errorf("ParseBound(%q) succeeded", in)
		}
	}
	_, err := ParseBound("roughly")
	if got, want := err.Error(), `unknown bound "roughly": want one of exact, at_least, more_than, about, at_most`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if got, want := Bound(9).String(), "bound(9)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if Bound(0) != Exact {
		t.Error("the zero Bound is not Exact")
	}
	for b, want := range map[Bound]string{Exact: "39", AtLeast: "at least 39", MoreThan: "more than 39", About: "about 39",
		AtMost: "at most 39", Bound(9): "bound(9) 39"} {
		if got := b.Phrase(39); got != want {
			t.Errorf("%v.Phrase(39) = %q, want %q", b, got, want)
		}
	}
}
