package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"report/internal/incident"
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
	h := match(`\*\*(Consistent with|Above|Below) (?:the|[^*]+?'s) “?(?:[a-z ]+ )?(\d+)”? of (\d+ [A-Z][a-z]+ \d{4}): we count (\d+)\.\*\* The tally of .*?; over the same dates we count (\d+), (\d+) of them high-confidence`)
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
	same("the tally of "+day+": ours", h[4], h[5], num(ref["ours"]), row["Ours"])
	same("the tally of "+day+": high confidence", h[6], num(get(t, ref, "ours_by_scope", "high_confidence")), row["Ours, high confidence"])
	same("the tally of "+day+": verdict", verdict, ref["verdict"].(string), row["Verdict"])

	same("total", match(`our list holds (\d+) attacks`)[1], num(get(t, s, "totals", "incidents")), summary["Total incidents"])

	w := match(`\n\d+\. ([A-Z][\w ]*?) were used in (\d+) of the \d+ attacks \((\d+\.\d%)\)`)
	label := ""
	for _, wp := range incident.Weapons() {
		if strings.EqualFold(wp.Plural(), w[1]) { // "Rockets" starts a sentence
			label = wp.Label()
		}
	}
	wrow := tableRow(t, filepath.Join(csvDir, "report-By Weapon.csv"), "Weapon", label)
	same("main weapon "+label, w[2], wrow["Incidents"])
	same("main weapon's share", w[3], wrow["Share of incidents"])

	if words := summary["In words"]; !regexp.MustCompile(regexp.QuoteMeta(words)).MatchString(md) {
		t.Errorf("brief.md lacks the Summary's In words %q", words)
	}
	f := match(`The month in focus, ([A-Z][a-z]+ \d{4}).*?; allowing for chance, its true level lies between (\d+\.\d) and (\d+\.\d) \(95% interval\)`)
	focus, err := time.Parse("January 2006", f[1])
	if err != nil {
		t.Fatal(err)
	}
	mrow := tableRow(t, filepath.Join(csvDir, "report-By Month.csv"), "Month", focus.Format("Jan 2006"))
	same("the month in focus's 95% low", f[2], mrow["95% low"])
	same("the month in focus's 95% high", f[3], mrow["95% high"])

	// The most-attacked site, the next two and how many sites: By Site's
	// first rows and its total row's label.
	st := match(`The most-attacked site is (.+?), with (\d+) attacks .*?; next come (.+?) \((\d+)\) and (.+?) \((\d+)\), of (\d+) sites in all\.`)
	sites := readCSV(t, filepath.Join(csvDir, "report-By Site.csv"))
	for i := range 3 {
		same("site "+strconv.Itoa(i+1), st[2*i+1]+" "+st[2*i+2], sites[i+1][0]+" "+sites[i+1][1])
	}
	same("sites", "Total ("+st[7]+" sites)", sites[len(sites)-1][0])

	c := match(`Reported casualties: (\d+) killed and (\d+) wounded; the attacks used (\d+) munitions, (\d+) of them intercepted`)
	for i, k := range []string{"Killed", "Wounded", "Munitions", "Intercepted"} {
		same(k, c[i+1], num(get(t, s, "totals", strings.ToLower(k))), summary[k])
	}

	// The busiest hour against the Time sheet: its count, the largest,
	// and how many incidents have a time.
	hr := match(`A local time is known for (\d+) of the \d+ attacks; the busiest hour is (\d\d):00 to \d\d:59, with (\d+)\.`)
	hrow := tableRow(t, filepath.Join(csvDir, "report-Time.csv"), "Hour (local)", "Total")
	same("incidents with a time", hr[1], num(get(t, s, "times_known")), hrow["Incidents with a time"])
	same("the busiest hour's incidents", hr[3], tableRow(t, filepath.Join(csvDir, "report-Time.csv"), "Hour (local)", hr[2])["Incidents with a time"])
	for _, rec := range readCSV(t, filepath.Join(csvDir, "report-Time.csv"))[1:25] {
		if n, _ := strconv.Atoi(rec[1]); rec[0] != hr[2] && n >= mustAtoi(t, hr[3]) {
			t.Errorf("hour %s has %d incidents, as many as the busiest hour %s or more", rec[0], n, hr[2])
		}
	}

	// How many tallies are consistent, below and above: the References
	// sheet's verdicts.
	verdicts := map[string]int{}
	refRows := readCSV(t, filepath.Join(csvDir, "report-References.csv"))
	vcol := slices.Index(refRows[0], "Verdict")
	for _, rec := range refRows[1:] {
		verdicts[rec[vcol]]++
	}
	tl := match(`Of (\d+) published tallies, [^:]*`)
	same("tallies", tl[1], strconv.Itoa(len(refRows)-1))
	// "9 are below our count" are the tallies whose verdict is above.
	for _, v := range [][2]string{{"consistent with", "consistent"}, {"below", "above"}, {"above", "below"}} {
		n := "0"
		if m := regexp.MustCompile(`(\d+) (?:is|are) ` + v[0] + ` our count`).FindStringSubmatch(tl[0]); m != nil {
			n = m[1]
		}
		same("tallies "+v[1], n, strconv.Itoa(verdicts[v[1]]))
	}
	r := match(`Of (\d+) rows? read from .*?, (\d+) (?:is|are) counted and (\d+) left out: (\d+) excluded(?: \([^)]*\))?, (\d+) duplicates? and (\d+) rejected`)
	rows := map[string]int{}
	for i, k := range []struct{ json, label string }{{"read", "Rows read"}, {"counted", "Rows counted"},
		{"excluded", "Rows excluded"}, {"duplicates", "Duplicate rows"}, {"rejected", "Rejected rows"}} {
		col := i + 1
		if i >= 2 {
			col++ // past the rows left out
		}
		same("rows "+k.json, r[col], num(get(t, s, "rows", k.json)), summary[k.label])
		rows[k.json], _ = strconv.Atoi(r[col])
	}
	same("rows left out", r[3], strconv.Itoa(rows["read"]-rows["counted"]), strconv.Itoa(rows["excluded"]+rows["duplicates"]+rows["rejected"]))
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

func mustAtoi(tb testing.TB, s string) int {
	tb.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		tb.Fatal(err)
	}
	return n
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
