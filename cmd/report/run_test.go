package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"

	"report/internal/charts"
)

// runReport runs the tool with args and returns its stdout, stderr and
// error.
func runReport(tb testing.TB, args ...string) (stdout, stderr string, err error) {
	tb.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// readSummary decodes out/summary.json into a generic value.
func readSummary(tb testing.TB, dir string) map[string]any {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		tb.Fatalf("summary.json: %v", err)
	}
	return v
}

// get walks a decoded JSON value by object keys and array indexes.
func get(tb testing.TB, v any, path ...any) any {
	tb.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				tb.Fatalf("%v: not an object at %q", path, k)
			}
			if v, ok = m[k]; !ok {
				tb.Fatalf("%v: no key %q", path, k)
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				tb.Fatalf("%v: no index %d", path, k)
			}
			v = a[k]
		}
	}
	return v
}

func TestRunJune6(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, err := runReport(t, "-in", "testdata/june6.csv", "-out", out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	if got, want := stderr, "read 2 rows: 2 counted, 0 excluded, 0 duplicates, 0 rejected (see Data Quality)\n"+
		"No published tally to compare with. On 6 June 2021 our list holds 2 attacks; no published tally was given to compare it with.\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	if !strings.Contains(stdout, filepath.Join(out, "report.xlsx")) {
		t.Errorf("stdout = %q, want the written files", stdout)
	}
	s := readSummary(t, out)
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"rows", "read"}, 2.0},
		{[]any{"rows", "counted"}, 2.0},
		{[]any{"totals", "incidents"}, 2.0},
		{[]any{"totals", "munitions"}, 3.0},
		{[]any{"totals", "intercepted"}, 2.0},
		{[]any{"by_month", 0, "month"}, "2021-06"},
		{[]any{"by_month", 0, "incidents"}, 2.0},
		{[]any{"by_month", 0, "munitions"}, 3.0},
		{[]any{"by_month", 0, "intercepted"}, 2.0},
		{[]any{"by_month", 0, "by_weapon", "rocket"}, 1.0},
		{[]any{"by_month", 0, "by_weapon", "drone"}, 1.0},
		{[]any{"by_weapon", 0, "weapon"}, "rocket"},
		{[]any{"by_weapon", 0, "incidents"}, 1.0},
		{[]any{"by_weapon", 1, "weapon"}, "drone"},
		{[]any{"by_weapon", 1, "incidents"}, 1.0},
		{[]any{"by_weapon", 1, "munitions"}, 2.0},
		{[]any{"by_weapon", 1, "intercepted"}, 2.0},
		{[]any{"year_to_date", "year"}, 2021.0},
		{[]any{"year_to_date", "through"}, "2021-06-06"},
		{[]any{"year_to_date", "incidents"}, 2.0},
	} {
		if got := get(t, s, c.path...); got != c.want {
			t.Errorf("summary.json %v = %v, want %v", c.path, got, c.want)
		}
	}
	if got := len(get(t, s, "by_month").([]any)); got != 1 {
		t.Errorf("by_month has %d months, want 1", got)
	}
	for _, name := range []string{"monthly", "cumulative", "sites", "weapons", "map", "heatmap", "hours"} {
		assertPNG(t, filepath.Join(out, "charts", name+".png"))
	}
	assertNoTempFiles(t, out)

	// The same figures in the workbook, as Excel shows them.
	wb := openWorkbook(t, filepath.Join(out, "report.xlsx"))
	assertCells(t, wb, []cell{
		{"Summary", "A5", "Total incidents"}, {"Summary", "B5", "2"},
		{"Summary", "A10", "Projected for 2021"},
		{"Summary", "A12", "Month in focus: June 2021 (partial, through 6 June)"}, {"Summary", "B12", "2"},
		{"Summary", "B16", "June 2021 (to 6 June): 2 incidents; the data has no month before it to compare with"},
		{"Summary", "A19", "Munitions"}, {"Summary", "B19", "3"},
		{"Summary", "A20", "Intercepted"}, {"Summary", "B20", "2"},
		{"Summary", "A24", "Rocket incidents"}, {"Summary", "B24", "1"},
		{"Summary", "A25", "Drone incidents"}, {"Summary", "B25", "1"},
		{"Summary", "B31", "read 2 rows: 2 counted, 0 excluded, 0 duplicates, 0 rejected (see Data Quality)"},
		// By Month: Month, Incidents, 95% low, 95% high, Munitions, Intercepted, Killed, Wounded, Rocket, Drone, ...
		{"By Month", "A2", "Jun 2021"}, {"By Month", "B2", "2"}, {"By Month", "C2", "0.2"}, {"By Month", "D2", "7.2"},
		{"By Month", "E2", "3"}, {"By Month", "F2", "2"},
		{"By Month", "I1", "Rocket"}, {"By Month", "I2", "1"}, {"By Month", "J1", "Drone"}, {"By Month", "J2", "1"},
		{"By Month", "A3", "Total"}, {"By Month", "B3", "2"},
		// By Weapon: Weapon, Incidents, Munitions, Intercepted
		{"By Weapon", "A2", "Rocket"}, {"By Weapon", "B2", "1"}, {"By Weapon", "C2", "1"}, {"By Weapon", "D2", "0"},
		{"By Weapon", "A3", "Drone"}, {"By Weapon", "B3", "1"}, {"By Weapon", "C3", "2"}, {"By Weapon", "D3", "2"},
		{"By Weapon", "A8", "Total"}, {"By Weapon", "B8", "2"}, {"By Weapon", "C8", "3"}, {"By Weapon", "D8", "2"},
		{"Month x Weapon", "B2", "1"}, {"Month x Weapon", "C2", "1"}, {"Month x Weapon", "H2", "2"},
		// Incidents: Line, then the file's columns; intercepted left empty on line 2.
		{"Incidents", "A2", "2"}, {"Incidents", "B2", "A16"}, {"Incidents", "C2", "2021-06-06"}, {"Incidents", "F2", "00:15"},
		{"Incidents", "M2", "1"}, {"Incidents", "N2", ""}, {"Incidents", "I2", "Diplomatic"}, {"Incidents", "J2", "diplomatic"},
		{"Incidents", "A3", "3"}, {"Incidents", "K3", "Drone"}, {"Incidents", "L3", "drone"}, {"Incidents", "M3", "2"}, {"Incidents", "N3", "2"},
	})
	if got := sheetRows(t, wb, "Incidents"); got != 3 {
		t.Errorf("Incidents sheet has %d rows, want a header and 2 incidents", got)
	}
	if got := sheetRows(t, wb, "Data Quality"); got != 2 {
		t.Errorf("Data Quality sheet has %d rows, want a header and a note that all rows were counted", got)
	}
	// A real date cell: a serial number (44353 is 2021-06-06) shown as a date.
	if raw, err := wb.GetCellValue("Incidents", "C2", excelize.Options{RawCellValue: true}); err != nil || raw != "44353" {
		t.Errorf("Incidents!C2 raw value = %q, %v; want the date serial 44353", raw, err)
	}
}

// cell is a cell's expected value as Excel formats it.
type cell struct{ sheet, ref, want string }

func openWorkbook(tb testing.TB, path string) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func assertCells(tb testing.TB, f *excelize.File, cells []cell) {
	tb.Helper()
	for _, c := range cells {
		got, err := f.GetCellValue(c.sheet, c.ref)
		if err != nil {
			tb.Errorf("%s!%s: %v", c.sheet, c.ref, err)
			continue
		}
		if got != c.want {
			tb.Errorf("%s!%s = %q, want %q", c.sheet, c.ref, got, c.want)
		}
	}
}

// sheetRows returns the number of rows of sheet that have a value.
func sheetRows(tb testing.TB, f *excelize.File, sheet string) int {
	tb.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatalf("%s: %v", sheet, err)
	}
	return len(rows)
}

func TestRunMixed(t *testing.T) {
	out := t.TempDir()
	_, stderr, err := runReport(t, "-in", "testdata/mixed.csv", "-refs", "testdata/mixed_refs.csv", "-out", out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	wantStderr := `testdata/mixed.csv:7:36: munitions: -1 is negative: want a count of 0 or more
testdata/mixed.csv:8:1: id: duplicate of line 3, which has the same id but differs in date, weapon, munitions, killed, wounded, outcome, confidence, analyst
testdata/mixed.csv:10:4: date: "2021-04-31" is not a calendar date
read 9 rows: 5 counted, 1 excluded, 1 duplicate, 2 rejected (see Data Quality)
Above the 4 of 15 March 2021: we count 5. The tally of 15 March 2021 by example.org counted 4 attacks from 1 January to 15 March 2021 ("four attacks" this year; covering US interests); over the same dates we count 5, 4 of them high-confidence. Only a count of exactly 4 meets it; of our counts, high confidence (4) meets it, all (5), without convoys (5) and convoys only (0) do not. We count 1 more than the tally.
`
	if stderr != wantStderr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantStderr)
	}
	s := readSummary(t, out)
	wantJSON := map[string]any{
		"input":          "testdata/mixed.csv",
		"format":         "canonical",
		"unmapped_terms": []any{},
		"unknown_sites":  []any{},
		// M4 (15 March, drone) and M6 (rejected) make no pair with M1.
		"probable_duplicates": []any{},
		"rows":                map[string]any{"read": 9.0, "counted": 5.0, "excluded": 1.0, "duplicates": 1.0, "rejected": 2.0},
		"rejected": []any{
			map[string]any{"line": 7.0, "column": "munitions", "value": "-1", "reason": "-1 is negative: want a count of 0 or more"},
			map[string]any{"line": 10.0, "column": "date", "value": "2021-04-31", "reason": `"2021-04-31" is not a calendar date`},
		},
		"duplicates": []any{map[string]any{"line": 8.0, "column": "id", "value": "M2", "reason": "duplicate of line 3, which has the same id but differs in date, weapon, munitions, killed, wounded, outcome, confidence, analyst",
			"differs": []any{"date", "weapon", "munitions", "killed", "wounded", "outcome", "confidence", "analyst"}}},
		"excluded": []any{map[string]any{"line": 9.0, "column": "outcome", "value": "foiled", "reason": "foiled: never launched, so not counted as an attack"}},
		"period":   map[string]any{"first": "2021-01-10", "last": "2021-03-15"},
		"totals":   map[string]any{"incidents": 5.0, "munitions": 30.0, "intercepted": 1.0, "killed": 1.0, "wounded": 10.0, "approximate": 0.0, "by_weapon": weapons(3, 1, 0, 1, 0, 0)},
		// Garwood intervals of 2, 0 and 3.
		"by_month": []any{
			withCI(month("2021-01", 2, 17, 0, 1, 10, weapons(2, 0, 0, 0, 0, 0)), 0.242209, 7.224688),
			withCI(month("2021-02", 0, 0, 0, 0, 0, weapons(0, 0, 0, 0, 0, 0)), 0, 3.688879),
			partial(withCI(month("2021-03", 3, 13, 1, 0, 0, weapons(1, 1, 0, 1, 0, 0)), 0.618672, 8.767273), "2021-03-15"),
		},
		"by_site": []any{
			site("Balad Air Base", 2, weapons(1, 1, 0, 0, 0, 0), "2021-01-10", "2021-03-15"),
			site("Ain al-Asad Air Base", 1, weapons(1, 0, 0, 0, 0, 0), "2021-03-03", "2021-03-03"),
			site("Erbil Air Base", 1, weapons(1, 0, 0, 0, 0, 0), "2021-01-22", "2021-01-22"),
			site("Supply route, Babil", 1, weapons(0, 0, 0, 1, 0, 0), "2021-03-15", "2021-03-15"),
		},
		// Wilson intervals: 0 of n is 0 to z²/(n+z²), z² = 3.841459; 1 of 2
		// is 0.5 ± 1.959964·√(0.5+0.960365)/5.841459. No munitions: null.
		"by_weapon": []any{
			intercept(weapon("rocket", 3, 27, 0, 1, 10), 0, 0, 3.841459/30.841459),
			intercept(weapon("drone", 1, 2, 1, 0, 0), 0.5, 0.094531, 0.905469),
			intercept(weapon("mortar", 0, 0, 0, 0, 0), nil, nil, nil),
			intercept(weapon("ied", 1, 1, 0, 0, 0), 0, 0, 3.841459/4.841459),
			intercept(weapon("small_arms", 0, 0, 0, 0, 0), nil, nil, nil),
			intercept(weapon("other", 0, 0, 0, 0, 0), nil, nil, nil),
		},
		// 5 incidents in the 74 days to 15 March: 5·365/74, and 5 plus the
		// Garwood interval of 5, 1.623486 to 11.668332, times 291/74.
		"year_to_date": map[string]any{"year": 2021.0, "through": "2021-03-15", "incidents": 5.0,
			"projection": map[string]any{"year_end": 5 * 365 / 74.0, "low": 5 + 1.623486*291/74, "high": 5 + 11.668332*291/74}},
		"by_hour":     make([]any, 24), // filled with 0.0 below
		"times_known": 0.0,
		// Sunday 10 and Friday 22 January, Wednesday 3 and Monday 15 March (2).
		"by_weekday": []any{2.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0},
		// Months 2, 0, 3: the fit m/r, m, m·r solves m(1/r+1+r) = 5 and
		// m(r-1/r) = 1: r = 1.356107, m = 1.616286. The Fisher information
		// Σμ, Σμx, Σμx² is 5, 1, 3.383715, so var b = 5/(5·3.383715-1) and
		// the interval is r·exp(±1.959964·0.560450), less 1.
		"trend": map[string]any{"months": 3.0, "monthly_change": 0.356107, "low": -0.547892, "high": 3.067669, "method": "poisson regression"},
		"references": []any{
			map[string]any{"as_of": "2021-01-31", "since": "2021-01-15", "through": "2021-01-31", "published": 1.0,
				"bound": "exact", "filter": "", "ours": 1.0, "ours_low": 1.0, "ours_high": 1.0, "difference": 0.0, "verdict": "consistent",
				// M2 (22 January, high confidence, no convoy).
				"ours_by_scope": map[string]any{"all": 1.0, "high_confidence": 1.0, "no_convoys": 1.0, "convoys_only": 0.0},
				"words":         "1 since 15 January 2021 through 31 January 2021: we count 1 (all): consistent. Our scopes that meet it: all 1, high confidence 1, without convoys 1; not convoys only, 0. Nearest: all, exactly.",
				"outlet":        "", "wording": `"one attack" since mid-January`, "scope": "US interests", "source_url": []any{"https://example.org/a"}},
			map[string]any{"as_of": "2021-03-15", "since": "2021-01-01", "through": "2021-03-15", "published": 4.0,
				"bound": "exact", "filter": "", "ours": 5.0, "ours_low": 5.0, "ours_high": 5.0, "difference": 1.0, "verdict": "above",
				// M4 is low confidence; the file has no target types, so no convoys.
				"ours_by_scope": map[string]any{"all": 5.0, "high_confidence": 4.0, "no_convoys": 5.0, "convoys_only": 0.0},
				"words":         "4 through 15 March 2021: we count 5 (all): above. Our scopes that meet it: high confidence 4; not all, 5; not without convoys, 5; not convoys only, 0. Nearest: high confidence, exactly.",
				"outlet":        "", "wording": `"four attacks" this year`, "scope": "US interests", "source_url": []any{"https://example.org/b", "https://example.org/c"}},
		},
		"changes": nil, // no -previous (see changes_test.go)
		// March, to the 15th, against January and February. The p-value is
		// scipy 1.10.1's binomtest(3, 5, 15/74).pvalue: 3 incidents in 15
		// days against 2 in 59.
		"month": func() map[string]any {
			m := month("2021-03", 3, 13, 1, 0, 0, weapons(1, 1, 0, 1, 0, 0))
			delete(m, "month")
			delete(m, "partial")
			delete(m, "through")
			prev := month("", 0, 0, 0, 0, 0, weapons(0, 0, 0, 0, 0, 0))
			for _, k := range []string{"month", "partial", "through"} {
				delete(prev, k)
			}
			m["month"], m["partial"], m["through"] = "2021-03", true, "2021-03-15"
			m["previous"], m["mean_prior_3"], m["prior_months"], m["same_month_last_year"] = prev, 1.0, 2.0, nil
			m["rate_ratio"], m["p"] = 5.9, 0.060017
			m["words"] = "March 2021 (to 15 March): 3 incidents in 15 days, a pace above the 1.0 a month of January to February 2021 (rate ratio 5.90, p = 0.06): a gap chance alone could well make"
			return m
		}(),
	}
	for i := range 24 {
		wantJSON["by_hour"].([]any)[i] = 0.0
	}
	for k, want := range wantJSON {
		if got := s[k]; !jsonNear(got, want) {
			t.Errorf("summary.json %q:\n got %v\nwant %v", k, got, want)
		}
	}
	for k := range s {
		if _, ok := wantJSON[k]; !ok {
			t.Errorf("summary.json has unchecked key %q", k)
		}
	}

	wb := openWorkbook(t, filepath.Join(out, "report.xlsx"))
	assertCells(t, wb, []cell{
		{"Summary", "B5", "5"},
		// The projection and trend of year_to_date and trend, rounded.
		{"Summary", "A10", "Projected for 2021"}, {"Summary", "B10", "25 (95% 11 to 51), the rate so far carried to 31 December"},
		{"Summary", "A12", "Month in focus: March 2021 (partial, through 15 March)"}, {"Summary", "B12", "3"},
		{"Summary", "A13", "Month before: February 2021"}, {"Summary", "B13", "0"},
		{"Summary", "A14", "Mean of the 2 months before, from January 2021"}, {"Summary", "B14", "1.0"},
		{"Summary", "A17", "Tally of 15 March 2021"},
		{"Summary", "A18", "Trend over the last 3 months"}, {"Summary", "B18", "+36% a month (95% −55% to +307%), Poisson regression"},
		{"Summary", "B32", "read 9 rows: 5 counted, 1 excluded, 1 duplicate, 2 rejected (see Data Quality)"},
		{"By Month", "A3", "Feb 2021"}, {"By Month", "B3", "0"},
		{"By Month", "A5", "Total"}, {"By Month", "B5", "5"}, {"By Month", "E5", "30"}, {"By Month", "H5", "10"},
		{"By Month", "C2", "0.2"}, {"By Month", "D2", "7.2"}, {"By Month", "C3", "0.0"}, {"By Month", "D3", "3.7"},
		{"By Weapon", "H3", "50.0%"}, {"By Weapon", "I3", "9.5%"}, {"By Weapon", "J3", "90.5%"}, {"By Weapon", "H4", ""},
		{"Time", "C2", "Monday"}, {"Time", "D2", "2"}, {"Time", "B26", "0"}, {"Time", "D26", "5"},
		{"By Site", "A2", "Balad Air Base"}, {"By Site", "B2", "2"}, {"By Site", "I2", "2021-01-10"}, {"By Site", "J2", "2021-03-15"},
		{"References", "D3", "4"}, {"References", "E3", "exact"}, {"References", "F3", "(all)"}, {"References", "G3", "5"},
		{"References", "J3", "+1"}, {"References", "K3", "above"}, {"References", "M3", "4"},
		// Incidents: the file's line, "Rockets" as its canonical weapon, the
		// default munitions of M5 shown, the extra column kept.
		{"Incidents", "A3", "3"}, {"Incidents", "L3", "rocket"}, {"Incidents", "M6", "1"}, {"Incidents", "N6", ""},
		{"Incidents", "Y1", "date_precision"}, {"Incidents", "Y6", "day"},
		{"Incidents", "Z1", "month"}, {"Incidents", "Z6", "2021-03"},
		{"Incidents", "AA1", "analyst"}, {"Incidents", "AA6", "cd"},
		// Data Quality: every row not counted, in file order, with its raw values.
		{"Data Quality", "A2", "rejected"}, {"Data Quality", "B2", "7"}, {"Data Quality", "C2", "munitions"}, {"Data Quality", "D2", "-1"},
		{"Data Quality", "A3", "duplicate"}, {"Data Quality", "B3", "8"}, {"Data Quality", "E3", "duplicate of line 3, which has the same id but differs in date, weapon, munitions, killed, wounded, outcome, confidence, analyst"},
		{"Data Quality", "A4", "excluded"}, {"Data Quality", "B4", "9"},
		{"Data Quality", "A5", "rejected"}, {"Data Quality", "B5", "10"}, {"Data Quality", "D5", "2021-04-31"}, {"Data Quality", "G5", "2021-04-31"},
	})
	if got := sheetRows(t, wb, "Incidents"); got != 6 {
		t.Errorf("Incidents sheet has %d rows, want a header and 5 incidents", got)
	}
	if got := sheetRows(t, wb, "Data Quality"); got != 5 {
		t.Errorf("Data Quality sheet has %d rows, want a header and 4 problems", got)
	}
}

func weapons(rocket, drone, mortar, ied, smallArms, other float64) map[string]any {
	return map[string]any{"rocket": rocket, "drone": drone, "mortar": mortar, "ied": ied, "small_arms": smallArms, "other": other}
}

func month(m string, incidents, munitions, intercepted, killed, wounded float64, byWeapon map[string]any) map[string]any {
	return map[string]any{"month": m, "incidents": incidents, "munitions": munitions, "intercepted": intercepted,
		"killed": killed, "wounded": wounded, "approximate": 0.0, "by_weapon": byWeapon, "partial": false, "through": nil}
}

func partial(m map[string]any, through string) map[string]any {
	m["partial"], m["through"] = true, through
	return m
}

func withCI(m map[string]any, lo, hi float64) map[string]any {
	m["ci_low"], m["ci_high"] = lo, hi
	return m
}

// intercept sets the intercept rate and interval of a weapon: float64s,
// or nil for null.
func intercept(w map[string]any, rate, lo, hi any) map[string]any {
	w["intercept_rate"], w["intercept_low"], w["intercept_high"] = rate, lo, hi
	return w
}

// jsonNear reports whether got, decoded JSON, equals want, with numbers
// equal to within 1e-6 of the larger of 1 and |want|: the figures of the
// inference are given to six or seven digits.
func jsonNear(got, want any) bool {
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		return ok && math.Abs(g-w) <= 1e-6*max(1, math.Abs(w))
	case int:
		return jsonNear(got, float64(w))
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !jsonNear(g[i], w[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k := range w {
			if gv, ok := g[k]; !ok || !jsonNear(gv, w[k]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(got, want)
}

func site(name string, incidents float64, byWeapon map[string]any, first, last string) map[string]any {
	return map[string]any{"site": name, "incidents": incidents, "by_weapon": byWeapon, "first": first, "last": last}
}

func weapon(w string, incidents, munitions, intercepted, killed, wounded float64) map[string]any {
	return map[string]any{"weapon": w, "incidents": incidents, "munitions": munitions, "intercepted": intercepted,
		"killed": killed, "wounded": wounded}
}

func assertPNG(tb testing.TB, path string) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		tb.Errorf("%s is not a PNG", path)
	}
}

// assertNoTempFiles fails if a temporary output file was left in dir.
func assertNoTempFiles(tb testing.TB, dir string) {
	tb.Helper()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			tb.Errorf("temporary file left behind: %s", path)
		}
		return nil
	})
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string // the error message; "" for -h
	}{
		{"missing file", []string{"-in", "testdata/nope.csv"}, 1,
			"testdata/nope.csv: file not found (choose another with -in FILE)"},
		{"missing column", []string{"-in", "testdata/nocolumn.csv"}, 1,
			`testdata/nocolumn.csv: missing required column weapon (columns found: "date", "site", "weapons")`},
		{"missing references given", []string{"-in", "testdata/june6.csv", "-refs", "testdata/nope.csv"}, 1,
			"testdata/nope.csv: file not found (choose another with -refs FILE)"},
		{"bad references", []string{"-in", "testdata/june6.csv", "-refs", "testdata/mixed.csv"}, 1,
			`testdata/mixed.csv: missing required columns as_of, published (columns found: "id", "date", "site", "weapon", "munitions", "intercepted", "killed", "wounded", "outcome", "confidence", "analyst")`},
		{"year without incidents", []string{"-in", "testdata/june6.csv", "-year", "2020"}, 1,
			"-year 2020: no counted incidents in 2020 (counted incidents run from 2021-06-06 to 2021-06-06)"},
		{"as of before the data", []string{"-in", "testdata/june6.csv", "-as-of", "2021-06-05"}, 1,
			"-as-of 2021-06-05: the latest counted incident is dated 2021-06-06, after it (give a later -as-of, or none)"},
		{"unknown flag", []string{"-input", "x.csv"}, 2, "flag provided but not defined: -input"},
		{"bad year", []string{"-year", "21"}, 2, `-year "21": want a four-digit year such as 2021`},
		{"bad paper", []string{"-paper", "a3"}, 2, `-paper "a3": want a4 or letter`},
		{"stray argument", []string{"data.csv"}, 2, `unexpected argument "data.csv" (run report -h for help)`},
		{"bad format", []string{"-formats", "png,jpg"}, 2, `-formats: unknown format "jpg": want png, svg or pdf`},
		{"no format", []string{"-formats", ""}, 2, `-formats: "": want a comma-separated list of png, svg and pdf, such as png,svg`},
		{"help", []string{"-h"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			// An earlier report that a failed run must leave as it was.
			old := filepath.Join(out, "report.xlsx")
			if err := os.WriteFile(old, []byte("earlier report"), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, err := runReport(t, append(tt.args, "-out", out)...)
			if got := exitCode(err); got != tt.code {
				t.Errorf("exit code = %d, want %d (err %v)", got, tt.code, err)
			}
			if tt.want != "" && (err == nil || err.Error() != tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if tt.want == "" && !strings.Contains(stderr, "Example:") {
				t.Errorf("-h printed %q, want the usage with an example", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if data, _ := os.ReadFile(old); string(data) != "earlier report" {
				t.Errorf("the earlier report was changed")
			}
			if entries, _ := os.ReadDir(out); len(entries) != 1 {
				t.Errorf("out has %d entries, want only the earlier report", len(entries))
			}
		})
	}
}

func TestRunOutIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "out")
	if err := os.WriteFile(file, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runReport(t, "-in", "testdata/june6.csv", "-out", file)
	if got := exitCode(err); got != 1 {
		t.Errorf("exit code = %d, want 1 (err %v)", got, err)
	}
	if want := "cannot create output directory " + filepath.Join(file, "charts") + ": not a directory"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
}

// TestRunReproducible runs the report twice on the same input and gets
// the same bytes in every file.
func TestRunReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if _, stderr, err := runReport(t, "-in", "testdata/mixed.csv", "-refs", "testdata/mixed_refs.csv", "-out", out,
			"-formats", "png,svg,pdf"); err != nil {
			t.Fatalf("run: %v\n%s", err, stderr)
		}
		time.Sleep(1100 * time.Millisecond) // a clock in the output would show
	}
	n := 0
	err := filepath.WalkDir(a, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Each chart as PNG, SVG and PDF, report.xlsx, summary.json, incidents.snapshot.csv, brief.md, brief.html.
	if n != len(charts.All())*3+5 {
		t.Errorf("compared %d files, want %d", n, len(charts.All())*3+5)
	}
}

// TestRunTracker reads an incident tracker kept in Excel: dates as date
// cells and as text, weapons in an analyst's words, a bad row placed by
// its cell, on a sheet chosen with -sheet.
func TestRunTracker(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tracker.xlsx")
	f := excelize.NewFile()
	if _, err := f.NewSheet("Tracker"); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"ID", "Date", "Site", "Weapon", "Munitions"},
		{"T1", time.Date(2021, 6, 6, 0, 0, 0, 0, time.UTC), "BDSC", "Katyusha", 1},
		{"T2", "6 June 2021", "Ain al-Asad Air Base", "UAV", 2},
		{"T3", "sometime", "Balad Air Base", "rocket", 1},
		{"T4", "2021-06-09", "Balad Air Base", "sling", 1},
	}
	for i, r := range rows {
		if err := f.SetSheetRow("Tracker", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, stderr, err := runReport(t, "-in", path, "-sheet", "tracker", "-out", out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	wantErr := path + `: Tracker!B4: Date: cannot parse "sometime" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021
read 4 rows: 3 counted, 0 excluded, 0 duplicates, 1 rejected (see Data Quality)
No published tally to compare with. From 6 June to 9 June 2021 our list holds 3 attacks; no published tally was given to compare it with.
`
	if stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantErr)
	}
	s := readSummary(t, out)
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"format"}, "canonical"},
		{[]any{"totals", "incidents"}, 3.0},
		{[]any{"totals", "by_weapon", "rocket"}, 1.0},
		{[]any{"totals", "by_weapon", "drone"}, 1.0},
		{[]any{"totals", "by_weapon", "other"}, 1.0},
		{[]any{"by_month", 0, "month"}, "2021-06"},
		{[]any{"unmapped_terms", 0, "term"}, "sling"},
		{[]any{"unmapped_terms", 0, "first_line"}, 5.0},
		{[]any{"rejected", 0, "line"}, 4.0},
	} {
		if got := get(t, s, c.path...); got != c.want {
			t.Errorf("summary.json %v = %v, want %v", c.path, got, c.want)
		}
	}
	wb := openWorkbook(t, filepath.Join(out, "report.xlsx"))
	assertCells(t, wb, []cell{
		{"Data Quality", "A3", "unmapped"}, {"Data Quality", "D3", "sling"},
		{"Data Quality", "E3", "no weapon term matches it: 1 row counted as other (add it to a -weapons file to map it)"},
	})
	_, _, err = runReport(t, "-in", path, "-sheet", "Sheet9", "-out", out)
	if want := path + `: no sheet "Sheet9": the sheets are "Sheet1", "Tracker"`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

// TestRunSources reads an ACLED export (CSV), a GTD export as the CSV
// copies come (Latin-1) and as the official release comes (.xlsx), and
// checks the format found and how every row was filed. The rows' mapping
// is tested row by row in internal/incident; here, that the tool takes
// the files as a user hands them over.
func TestRunSources(t *testing.T) {
	dir := t.TempDir()
	gtdXLSX := filepath.Join(dir, "gtd.xlsx")
	data, err := os.ReadFile("testdata/gtd_latin1.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(transform.NewReader(bytes.NewReader(data), charmap.ISO8859_1.NewDecoder())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for i, rec := range recs {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
		}
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(gtdXLSX); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in, format string
		rows       map[string]any
	}{
		{"testdata/acled.csv", "acled", map[string]any{"read": 16.0, "counted": 12.0, "excluded": 4.0, "duplicates": 0.0, "rejected": 0.0}},
		{"testdata/gtd_latin1.csv", "gtd", map[string]any{"read": 11.0, "counted": 7.0, "excluded": 2.0, "duplicates": 0.0, "rejected": 2.0}},
		{gtdXLSX, "gtd", map[string]any{"read": 11.0, "counted": 7.0, "excluded": 2.0, "duplicates": 0.0, "rejected": 2.0}},
	} {
		t.Run(filepath.Base(tc.in), func(t *testing.T) {
			out := t.TempDir()
			if _, stderr, err := runReport(t, "-in", tc.in, "-out", out); err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			s := readSummary(t, out)
			if got := get(t, s, "format"); got != tc.format {
				t.Errorf("format = %v, want %s", got, tc.format)
			}
			if got := get(t, s, "rows"); !reflect.DeepEqual(got, tc.rows) {
				t.Errorf("rows = %v, want %v", got, tc.rows)
			}
		})
	}
	// Forcing a format on a file of another names what is missing.
	_, _, err = runReport(t, "-in", "testdata/acled.csv", "-format", "gtd", "-out", t.TempDir())
	if err == nil || !strings.HasPrefix(err.Error(), "testdata/acled.csv: looks like a GTD export missing eventid, iyear, imonth, iday (columns found: ") {
		t.Errorf("err = %v", err)
	}
}

// TestRunMessy runs a file as an analyst's Excel saves it: Windows-1252,
// semicolons, CRLF, slashed dates whose order the file decides only on its
// third line (so it is read again), weapons in words, a site the gazetteer
// does not know, an identical duplicate and a probable one.
func TestRunMessy(t *testing.T) {
	out := t.TempDir()
	_, stderr, err := runReport(t, "-in", "testdata/messy.csv", "-sites", "../../data/sites.csv", "-out", out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	want := `testdata/messy.csv: slashed dates are day first, as "15/04/2021" on line 3 shows: to be read again with -date-order dmy, which is done now (give the flag to read it once)
testdata/messy.csv:6:1: ID: duplicate of line 3, which has the same id and the same values
read 5 rows: 4 counted, 0 excluded, 1 duplicate, 0 rejected (see Data Quality)
No published tally to compare with. From 3 April to 17 April 2021 our list holds 4 attacks; no published tally was given to compare it with.
`
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	s := readSummary(t, out)
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"by_month", 0, "month"}, "2021-04"},
		{[]any{"by_month", 0, "incidents"}, 4.0},
		{[]any{"by_weapon", 0, "incidents"}, 1.0}, // Katyusha
		{[]any{"by_weapon", 1, "incidents"}, 2.0}, // UAV, quadcopter
		{[]any{"by_site", 0, "site"}, "Baghdad International Airport"},
		{[]any{"unmapped_terms", 0, "term"}, "laser"},
		{[]any{"unknown_sites", 0, "term"}, "Forward Base X"},
		{[]any{"probable_duplicates", 0, "line"}, 4.0},
		{[]any{"probable_duplicates", 0, "of_line"}, 3.0},
		{[]any{"duplicates", 0, "reason"}, "duplicate of line 3, which has the same id and the same values"},
	} {
		if got := get(t, s, c.path...); got != c.want {
			t.Errorf("summary.json %v = %v, want %v", c.path, got, c.want)
		}
	}
	wb := openWorkbook(t, filepath.Join(out, "report.xlsx"))
	assertCells(t, wb, []cell{
		{"Incidents", "D2", "Ain al-Asad Air Base"}, {"Incidents", "H2", "Anbar"}, {"Incidents", "V2", "café"},
		{"Incidents", "C2", "2021-04-03"},
	})
}

// TestRunSwitches counts testdata/mixed.csv (5 counted: M1, M2, M3 rockets,
// M4 a low-confidence drone, M5 an IED; M7 foiled) under each counting
// switch, and checks that every row left out says which switch did it.
func TestRunSwitches(t *testing.T) {
	for _, tc := range []struct {
		args              []string
		counted, excluded float64
		reason            string // of the first excluded row after M7's
	}{
		{[]string{"-exclude-low-confidence"}, 4, 2, "low confidence: left out by -exclude-low-confidence"},
		{[]string{"-include-foiled"}, 6, 0, ""},
		{[]string{"-filter", "weapon=rocket"}, 3, 3, `outside -filter "weapon=rocket"`},
		{[]string{"-filter", "confidence!=low", "-include-foiled"}, 5, 1, `outside -filter "confidence!=low"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"-in", "testdata/mixed.csv", "-refs", "testdata/mixed_refs.csv", "-out", out}, tc.args...)
			if _, stderr, err := runReport(t, args...); err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			s := readSummary(t, out)
			rows := get(t, s, "rows").(map[string]any)
			if rows["counted"] != tc.counted || rows["excluded"] != tc.excluded || rows["read"] != 9.0 {
				t.Errorf("rows = %v, want %v counted and %v excluded of 9", rows, tc.counted, tc.excluded)
			}
			excluded := get(t, s, "excluded").([]any)
			found := tc.reason == ""
			for _, e := range excluded {
				found = found || e.(map[string]any)["reason"] == tc.reason
			}
			if !found {
				t.Errorf("no excluded row says %q: %v", tc.reason, excluded)
			}
		})
	}
	_, _, err := runReport(t, "-in", "testdata/mixed.csv", "-filter", "targets=convoy", "-out", t.TempDir())
	if got := exitCode(err); got != 2 || err.Error() != `-filter "targets=convoy": filter:1: unknown field "targets": want one of confidence, target_type, weapon, outcome, country, province` {
		t.Errorf("bad -filter: exit %d, %v", got, err)
	}
}

// TestRunMonth sets the month in focus and the day the data runs through,
// and writes into out/YYYY-MM when -out is not given.
func TestRunMonth(t *testing.T) {
	in, err := filepath.Abs("testdata/mixed.csv")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if _, stderr, err := runReport(t, "-in", in, "-month", "2021-01", "-as-of", "2021-03-31", "-q"); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	s := readSummary(t, filepath.Join("out", "2021-01"))
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"month", "month"}, "2021-01"},
		{[]any{"month", "incidents"}, 2.0},
		{[]any{"month", "partial"}, false},
		{[]any{"month", "through"}, "2021-01-31"},
		{[]any{"month", "prior_months"}, 0.0},
		// March now runs through its end: whole.
		{[]any{"by_month", 2, "partial"}, false},
	} {
		if got := get(t, s, c.path...); got != c.want {
			t.Errorf("summary.json %v = %v, want %v", c.path, got, c.want)
		}
	}
	_, _, err = runReport(t, "-in", in, "-month", "2020-01", "-out", t.TempDir())
	if want := "-month 2020-01: no data for January 2020: the data covers January 2021 to 15 March 2021"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	_, _, err = runReport(t, "-in", in, "-month", "June", "-out", t.TempDir())
	if got := exitCode(err); got != 2 {
		t.Errorf("-month June: exit %d (%v), want 2", got, err)
	}
}

// TestRunPrintFlags checks that -paper and -marking reach every sheet's
// page setup, and -as-of the footer's data-through date.
func TestRunPrintFlags(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		size   int
		header string
		footer string
	}{
		{"defaults", nil, 9, "", "&LIncident report: june6.csv&CData through 6 June 2021&R&A, page &P of &N"},
		{"letter, marked, as of", []string{"-paper", "letter", "-marking", "UNCLASSIFIED", "-as-of", "2021-06-30"}, 1,
			"&C&BUNCLASSIFIED", "&LIncident report: june6.csv&CData through 30 June 2021&R&A, page &P of &N"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			if _, stderr, err := runReport(t, append([]string{"-in", "testdata/june6.csv", "-out", out}, tc.args...)...); err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			wb := openWorkbook(t, filepath.Join(out, "report.xlsx"))
			for _, sheet := range wb.GetSheetList() {
				pl, err := wb.GetPageLayout(sheet)
				if err != nil || pl.Size == nil || *pl.Size != tc.size {
					t.Errorf("%s: page layout %+v, %v; want paper size %d", sheet, pl, err, tc.size)
				}
				hf, err := wb.GetHeaderFooter(sheet)
				if err != nil || hf == nil || hf.OddHeader != tc.header || hf.OddFooter != tc.footer {
					t.Errorf("%s: header and footer %+v, %v; want %q, %q", sheet, hf, err, tc.header, tc.footer)
				}
			}
			p, err := wb.GetDocProps()
			if err != nil || p.Version != "devel" || p.Title != "Incident report" {
				t.Errorf("properties %+v, %v; want version devel (a test binary has no module version), title Incident report", p, err)
			}
		})
	}
}

// TestRunFormats writes the charts in the formats -formats asks for, lists
// them on the "wrote" line chart by chart, and embeds PNGs in the Charts
// sheet whatever the formats.
func TestRunFormats(t *testing.T) {
	for _, tc := range []struct {
		formats string
		want    []string // the files under charts/ of the first chart
	}{
		{"", []string{"monthly.png", "monthly.svg"}}, // the default
		{"pdf", []string{"monthly.pdf"}},
		{"svg,pdf,png", []string{"monthly.png", "monthly.svg", "monthly.pdf"}},
	} {
		t.Run(tc.formats, func(t *testing.T) {
			out := t.TempDir()
			args := []string{"-in", "testdata/june6.csv", "-out", out}
			if tc.formats != "" {
				args = append(args, "-formats", tc.formats)
			}
			stdout, stderr, err := runReport(t, args...)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			entries, err := os.ReadDir(filepath.Join(out, "charts"))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(entries), len(tc.want)*len(charts.All()); got != want {
				t.Errorf("charts/ has %d files, want %d", got, want)
			}
			var wrote []string
			for _, name := range tc.want {
				wrote = append(wrote, filepath.Join(out, "charts", name))
			}
			if want := "wrote " + strings.Join(wrote, ", ") + ", " + filepath.Join(out, "charts", "cumulative."); !strings.HasPrefix(stdout, want) {
				t.Errorf("stdout = %q, want it to start %q", stdout, want)
			}
			wb := openWorkbook(t, filepath.Join(out, "report.xlsx"))
			cells, err := wb.GetPictureCells("Charts")
			if err != nil {
				t.Fatal(err)
			}
			if len(cells) != len(charts.All()) {
				t.Fatalf("the Charts sheet has pictures in %q, want one for each of %d charts", cells, len(charts.All()))
			}
			for _, c := range cells {
				pics, err := wb.GetPictures("Charts", c)
				if err != nil || len(pics) != 1 || pics[0].Extension != ".png" {
					t.Errorf("Charts!%s: %d pictures (%v), want a PNG", c, len(pics), err)
				}
			}
		})
	}
}
