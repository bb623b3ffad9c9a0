package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestShippedBrief checks that brief.md's numbers are the workbook's: the
// headline tally's reconciliation, the total, the main weapon, the month
// in focus and the row accounting against summary.json and against the
// workbook's sheets as LibreOffice reads them (one CSV a sheet). .ci/run
// runs it on the shipped data with REPORT_CI_OUT (the report's directory)
// and REPORT_CI_CSV (LibreOffice's CSVs, report-<Sheet>.csv); without
// them it is skipped.
func TestShippedBrief(t *testing.T) {
	out, csvDir := os.Getenv("REPORT_CI_OUT"), os.Getenv("REPORT_CI_CSV")
	if out == "" || csvDir == "" {
		t.Skip("REPORT_CI_OUT and REPORT_CI_CSV are not set (.ci/run sets them)")
	}
	data, err := os.ReadFile(filepath.Join(out, "brief.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	s := readSummary(t, out)
	summary := labelValues(t, filepath.Join(csvDir, "report-Summary.csv"))
	num := func(v any) string { return strconv.Itoa(int(v.(float64))) }
	match := func(re string) []string {
		t.Helper()
		m := regexp.MustCompile(re).FindStringSubmatch(md)
		if m == nil {
			t.Fatalf("brief.md has no %s:\n%s", re, md)
		}
		return m
	}
	same := func(what string, values ...string) {
		t.Helper()
		for _, v := range values[1:] {
			if v != values[0] {
				t.Errorf("%s: brief.md says %q, summary.json and the workbook %q", what, values[0], values[1:])
				return
			}
		}
		t.Logf("%s: %s everywhere", what, values[0])
	}

	// The headline: the verdict, the tally, our count and its
	// high-confidence part, against the tally's row.
	h := match(`\*\*(Consistent with|Above|Below) the (\d+) of ([^*]+)\.\*\* The tally of .*?; over the same dates we count (\d+), (\d+) of them high-confidence`)
	asOf, err := time.Parse("2 January 2006", h[3])
	if err != nil {
		t.Fatal(err)
	}
	day := asOf.Format(time.DateOnly)
	var ref map[string]any
	for _, r := range get(t, s, "references").([]any) {
		if r.(map[string]any)["as_of"] == day {
			ref = r.(map[string]any)
		}
	}
	if ref == nil {
		t.Fatalf("summary.json has no tally of %s", day)
	}
	row := tableRow(t, filepath.Join(csvDir, "report-References.csv"), "As of", day)
	verdict := map[string]string{"Consistent with": "consistent", "Above": "above", "Below": "below"}[h[1]]
	same("the tally of "+day+": published", h[2], num(ref["published"]), row["Published"])
	same("the tally of "+day+": ours", h[4], num(ref["ours"]), row["Ours"])
	same("the tally of "+day+": high confidence", h[5], num(get(t, ref, "ours_by_scope", "high_confidence")), row["Ours, high confidence"])
	same("the tally of "+day+": verdict", verdict, ref["verdict"].(string), row["Verdict"])

	same("total", match(`our list holds (\d+) attacks`)[1], num(get(t, s, "totals", "incidents")), summary["Total incidents"])

	w := match(`\n\d+\. ([A-Z][\w ]*?) were used in (\d+) of the \d+ attacks \((\d+\.\d%)\)`)
	label := map[string]string{"Rockets": "Rocket", "Drones": "Drone", "Mortars": "Mortar", "IEDs": "IED",
		"Small arms": "Small arms", "Other weapons": "Other"}[w[1]]
	wrow := tableRow(t, filepath.Join(csvDir, "report-By Weapon.csv"), "Weapon", label)
	same("main weapon "+label, w[2], wrow["Incidents"])
	same("main weapon's share", w[3], wrow["Share of incidents"])

	if words := summary["In words"]; !regexp.MustCompile(regexp.QuoteMeta(words)).MatchString(md) {
		t.Errorf("brief.md lacks the Summary's In words %q", words)
	}
	r := match(`Of (\d+) rows? read from .*?, (\d+) (?:is|are) counted; (\d+) excluded(?: \([^)]*\))?, (\d+) duplicate and (\d+) rejected`)
	for i, k := range []struct{ json, label string }{{"read", "Rows read"}, {"counted", "Rows counted"},
		{"excluded", "Rows excluded"}, {"duplicates", "Duplicate rows"}, {"rejected", "Rejected rows"}} {
		same("rows "+k.json, r[i+1], num(get(t, s, "rows", k.json)), summary[k.label])
	}
	if m := regexp.MustCompile(`excluded \((\d+) foiled attacks?`).FindStringSubmatch(md); m != nil {
		foiled := 0
		for _, p := range get(t, s, "excluded").([]any) {
			if p.(map[string]any)["column"] == "outcome" {
				foiled++
			}
		}
		same("foiled attacks excluded", m[1], strconv.Itoa(foiled))
	}
}

// readCSV reads a CSV file LibreOffice wrote.
func readCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return recs
}

// labelValues reads a label/value sheet (Summary) into a map.
func labelValues(tb testing.TB, path string) map[string]string {
	tb.Helper()
	m := map[string]string{}
	for _, rec := range readCSV(tb, path) {
		if len(rec) >= 2 {
			m[rec[0]] = rec[1]
		}
	}
	return m
}

// tableRow returns the first row of a table sheet whose column key holds
// value, as a map by header.
func tableRow(tb testing.TB, path, key, value string) map[string]string {
	tb.Helper()
	recs := readCSV(tb, path)
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		if row[key] == value {
			return row
		}
	}
	tb.Fatalf("%s: no row with %s %s", path, key, value)
	return nil
}
