package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunBrief runs the tool on the mixed file and its two tallies and
// checks that brief.md carries summary.json's numbers, that the headline
// goes to stderr unless -q, that -headline chooses the tally, and that the
// Methodology sheet says which switches were in force.
func TestRunBrief(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, err := runReport(t, "-in", "testdata/mixed.csv", "-refs", "testdata/mixed_refs.csv",
		"-exclude-low-confidence", "-out", out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	for _, f := range []string{"brief.md", "brief.html"} {
		if !strings.Contains(stdout, filepath.Join(out, f)) {
			t.Errorf("stdout = %q, want %s among the written files", stdout, f)
		}
	}
	md, err := os.ReadFile(filepath.Join(out, "brief.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := readSummary(t, out)
	// The default headline: the year's first tally of every attack since
	// 1 January, the second (15 March) here.
	ref := func(path ...any) int { return int(get(t, s, append([]any{"references", 1}, path...)...).(float64)) }
	headline := fmt.Sprintf("we count %d, %d of them high-confidence.", ref("ours"), ref("ours_by_scope", "high_confidence"))
	for _, want := range []string{
		headline,
		fmt.Sprintf("our list holds %d attacks", int(get(t, s, "totals", "incidents").(float64))),
		fmt.Sprintf("Of %d rows read from testdata/mixed.csv, %d are counted and 5 left out:", int(get(t, s, "rows", "read").(float64)),
			int(get(t, s, "rows", "counted").(float64))),
		// Data Quality: line 9 foiled, line 5 of low confidence.
		"2 excluded (1 low-confidence row left out by -exclude-low-confidence, 1 foiled attack), 1 duplicate and 2 rejected,",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("brief.md lacks %q:\n%s", want, md)
		}
	}
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); !strings.Contains(lines[len(lines)-1], headline) ||
		!strings.HasPrefix(lines[len(lines)-2], "read 9 rows:") {
		t.Errorf("stderr does not end with the accounting line and the headline:\n%s", stderr)
	}

	f := openWorkbook(t, filepath.Join(out, "report.xlsx"))
	defer f.Close()
	rows, err := f.GetRows("Methodology")
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, r := range rows[1:] {
		if len(r) == 3 {
			notes[r[1]] = r[2]
		}
	}
	for topic, want := range map[string]string{
		"-in":                     "testdata/mixed.csv, read as canonical.",
		"-refs":                   "testdata/mixed_refs.csv: 2 published tallies",
		"-exclude-low-confidence": "on: low-confidence rows are excluded",
		"-filter":                 "not given: no filter",
		"-include-foiled":         "off: foiled attacks (never launched) are excluded",
		"weapon ied":              "IED, drawn in #009E73 in every chart and sheet.",
		"outcome foiled":          "Foiled: never launched (weapons found or seized): excluded unless -include-foiled.",
		"-no-incidents-sheet":     "off: every counted row is listed on the Incidents sheet",
		"-sites-by":               "site: By Site, the brief and the sites, map and heatmap charts count by site.",
		"-paper":                  "a4: the workbook prints on it, landscape, and brief.html upright.",
	} {
		if got := notes[topic]; got != want {
			t.Errorf("Methodology %s = %q, want %q", topic, got, want)
		}
	}

	// -q: no headline; -headline: the other tally; -paper letter: brief.html
	// on Letter.
	out = t.TempDir()
	_, stderr, err = runReport(t, "-in", "testdata/mixed.csv", "-refs", "testdata/mixed_refs.csv", "-q",
		"-headline", "2021-01-31", "-paper", "letter", "-out", out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	if strings.Contains(stderr, "tally") {
		t.Errorf("-q printed the headline:\n%s", stderr)
	}
	if md, err = os.ReadFile(filepath.Join(out, "brief.md")); err != nil || !strings.Contains(string(md), "**Consistent with the 1 of 31 January 2021: we count 1.**") {
		t.Errorf("-headline 2021-01-31: brief.md does not answer that tally (%v):\n%s", err, md)
	}
	if html, err := os.ReadFile(filepath.Join(out, "brief.html")); err != nil || !strings.Contains(string(html), "@page { size: letter portrait;") {
		t.Errorf("-paper letter: brief.html is not on Letter (%v)", err)
	}
	for _, tt := range []struct{ arg, want string }{
		{"2021-02-30", `-headline "2021-02-30": want a tally's as_of date such as 2021-06-06`},
		{"2021-02-01", "-headline: brief: no published tally of 2021-02-01 (the tallies are of 2021-01-31, 2021-03-15)"},
	} {
		_, _, err := runReport(t, "-in", "testdata/mixed.csv", "-refs", "testdata/mixed_refs.csv", "-headline", tt.arg, "-out", t.TempDir())
		var ue usageError
		if err == nil || err.Error() != tt.want || !errors.As(err, &ue) {
			t.Errorf("-headline %s: err = %v, want the usage error %s", tt.arg, err, tt.want)
		}
	}
}

// TestLinked checks which chart file brief.md links to: the PNG, else
// the SVG, else none.
func TestLinked(t *testing.T) {
	files := func(names ...string) renderedChart {
		var ch renderedChart
		for _, n := range names {
			ch.files = append(ch.files, chartFile{name: n})
		}
		return ch
	}
	tests := []struct {
		name string
		ch   renderedChart
		want string
	}{
		{"png and svg", files("map.svg", "map.png"), "charts/map.png"},
		{"svg and pdf", files("map.pdf", "map.svg"), "charts/map.svg"},
		{"pdf only", files("map.pdf"), ""},
		{"none", files(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := linked(tt.ch); got != tt.want {
				t.Errorf("linked = %q, want %q", got, tt.want)
			}
		})
	}
}
