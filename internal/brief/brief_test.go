package brief

import (
	"bytes"
	"encoding/base64"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"report/internal/incident"
	"report/internal/stats"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// attack is a counted incident: date, site, weapon, confidence, target
// type and local time ("" for none).
func attack(date, site string, w incident.Weapon, c incident.Confidence, tt incident.TargetType, hhmm string) incident.Incident {
	return incident.Incident{Date: day(date), Site: site, Weapon: w, Confidence: c, TargetType: tt, Time: hhmm,
		Munitions: incident.Count{N: 1}, Outcome: incident.Executed}
}

// fixture is eight attacks over January to March 2021, five of them
// high-confidence, three on convoys, and two published tallies: "at least
// 5" since 1 January as of 10 February (we count 6 to then), and exactly
// 2 convoy attacks as of 31 January (we count 2).
func fixture() ([]incident.Incident, []incident.Reference) {
	incs := []incident.Incident{
		attack("2021-01-05", "Ain al-Asad", incident.Rocket, incident.High, incident.MilitaryBase, "21:10"),
		attack("2021-01-12", "Supply route, Babil", incident.IED, incident.High, incident.Convoy, ""),
		attack("2021-01-20", "Supply route, Babil", incident.IED, incident.Low, incident.Convoy, ""),
		attack("2021-02-02", "Ain al-Asad", incident.Rocket, incident.High, incident.MilitaryBase, "21:40"),
		attack("2021-02-08", "Erbil airport", incident.Drone, incident.Low, incident.Airport, "02:00"),
		attack("2021-02-10", "Ain al-Asad", incident.Rocket, incident.High, incident.MilitaryBase, ""),
		attack("2021-03-03", "Supply route, Dhi Qar", incident.IED, incident.Low, incident.Convoy, ""),
		attack("2021-03-15", "Ain al-Asad", incident.Drone, incident.High, incident.MilitaryBase, "21:05"),
	}
	incs[0].Killed, incs[0].Wounded, incs[0].Munitions = incident.Count{N: 1, Known: true}, incident.Count{N: 3, Known: true}, incident.Count{N: 4, Known: true}
	incs[7].Intercepted = incident.Count{N: 1, Known: true}
	convoy, err := incident.ParseScope("target_type=convoy")
	if err != nil {
		panic(err)
	}
	refs := []incident.Reference{
		{AsOf: day("2021-01-31"), Since: day("2021-01-01"), Published: 2, Wording: "2nd convoy hit", Filter: convoy},
		{AsOf: day("2021-02-10"), Since: day("2021-01-01"), Published: 5, Bound: incident.AtLeast,
			Wording: `"at least 5 attacks" this year`, Scope: "US interests",
			SourceURLs: []string{"https://www.example.org/news/1", "https://other.example/2"}},
	}
	return incs, refs
}

func accounting(incs []incident.Incident, excluded int) incident.Accounting {
	n := len(incs)
	return incident.Accounting{Read: n + excluded, Counted: n, Excluded: excluded}
}

// compose makes the brief of incs and refs with opts, the rows read
// being incs and one foiled attack.
func compose(tb testing.TB, incs []incident.Incident, refs []incident.Reference, opts stats.Options, headline time.Time) *Brief {
	tb.Helper()
	return composeRows(tb, incs, refs, opts, headline, accounting(incs, 1))
}

// composeRows is compose with the rows read as given.
func composeRows(tb testing.TB, incs []incident.Incident, refs []incident.Reference, opts stats.Options, headline time.Time,
	rows incident.Accounting) *Brief {
	tb.Helper()
	s, err := stats.Summarize(incs, refs, opts)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := New(&Input{Input: "incidents.csv", Rows: rows, Summary: s, Headline: headline, Through: opts.AsOf,
		Excluded: map[string]int{"outcome": 1},
		Charts:   []Chart{{Title: "Incidents per month", File: "charts/monthly.png", PNG: pngImage(tb)}}})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func markdown(tb testing.TB, b *Brief) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := b.WriteMarkdown(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

func pngImage(tb testing.TB) []byte { return pngSized(tb, 4, 3) }

// pngSized is a w x h PNG image.
func pngSized(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{0xD5, 0x5E, 0, 0xFF})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden compares brief.md with testdata/NAME.md; -update rewrites
// them.
func TestGolden(t *testing.T) {
	incs, refs := fixture()
	noTimes := append([]incident.Incident(nil), incs...)
	for i := range noTimes {
		noTimes[i].Time = ""
	}
	tests := []struct {
		name string
		incs []incident.Incident
		refs []incident.Reference
	}{
		{"fixture", incs, refs},
		{"no_incidents", nil, nil},
		{"no_incidents_with_tallies", nil, refs},
		{"no_tallies", incs, nil},
		{"no_times", noTimes, refs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := markdown(t, compose(t, tt.incs, tt.refs, stats.Options{}, time.Time{}))
			path := filepath.Join("testdata", tt.name+".md")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("brief.md differs from %s (go test -update rewrites it):\n%s", path, got)
			}
		})
	}
}

// TestSentencesFollowData changes the data and checks that the headline,
// the verdict and the sentences follow, with the numbers worked out by
// hand from the fixture.
func TestSentencesFollowData(t *testing.T) {
	base, refs := fixture()
	edit := func(f func([]incident.Incident) []incident.Incident) []incident.Incident {
		return f(append([]incident.Incident(nil), base...))
	}
	tests := []struct {
		name     string
		incs     []incident.Incident
		refs     []incident.Reference // nil for the fixture's
		rows     *incident.Accounting // nil for the fixture's and one foiled attack
		opts     stats.Options
		headline time.Time
		verdict  string
		want     []string // substrings of brief.md
	}{
		{
			name: "fixture", incs: base, verdict: "Consistent with the “at least 5” of 10 February 2021: we count 6",
			want: []string{
				// 1 January to 10 February: 6 attacks, 4 of them high.
				`The tally of 10 February 2021 by example.org counted at least 5 attacks from 1 January to 10 February 2021 ("at least 5 attacks" this year; covering US interests); over the same dates we count 6, 4 of them high-confidence.`,
				"of our counts, all (6) meets it, high confidence (4), without convoys (4) and convoys only (2) do not",
				"We count 1 more than the tally.",
				"From 5 January to 15 March 2021 our list holds 8 attacks; the data runs through 15 March 2021.",
				// March 2021 is partial (to 15 March): 2 attacks.
				"The month in focus, March 2021 (to 15 March): 2 incidents in 15 days",
				"The most-attacked site is Ain al-Asad, with 4 attacks from 5 January to 15 March 2021; next come Supply route, Babil (2) and Erbil airport (1), of 4 sites in all.",
				"Rockets were used in 3 of the 8 attacks (37.5%), IEDs in 3 (37.5%) and drones in 2 (25.0%).",
				"Reported casualties: 1 killed and 3 wounded; the attacks used 11 munitions, 1 of them intercepted",
				"A local time is known for 4 of the 8 attacks; the busiest hour is 21:00 to 21:59, with 3.",
				"Of 2 published tallies, each set against our count of the same dates and kind of attack, 2 are consistent with our count",
				"Of 9 rows read from incidents.csv, 8 are counted and 1 left out: 1 excluded (1 foiled attack), 0 duplicates and 0 rejected,",
				"allowing for chance, its true level lies between 0.2 and 7.2 (95% interval).",
			},
		},
		{
			name: "three more attacks before the tally",
			incs: edit(func(incs []incident.Incident) []incident.Incident {
				return append(incs,
					attack("2021-02-01", "Ain al-Asad", incident.Rocket, incident.High, incident.MilitaryBase, ""),
					attack("2021-02-03", "Balad", incident.Mortar, incident.High, incident.MilitaryBase, ""),
					attack("2021-02-04", "Balad", incident.Mortar, incident.High, incident.MilitaryBase, ""))
			}),
			verdict: "Consistent with the “at least 5” of 10 February 2021: we count 9",
			want: []string{
				"over the same dates we count 9, 7 of them high-confidence.",
				"We count 4 more than the tally.",
				"our list holds 11 attacks",
				"The most-attacked site is Ain al-Asad, with 5 attacks",
				"Rockets were used in 4 of the 11 attacks (36.4%)",
				"of 5 sites in all",
			},
		},
		{
			name: "no high-confidence attacks",
			incs: edit(func(incs []incident.Incident) []incident.Incident {
				var low []incident.Incident
				for _, inc := range incs {
					if inc.Confidence == incident.Low {
						low = append(low, inc)
					}
				}
				return low
			}),
			// Left: 20 January, 8 February (to the tally: 2), 3 March.
			verdict: "Below the “at least 5” of 10 February 2021: we count 2",
			want: []string{
				"over the same dates we count 2, 0 of them high-confidence.",
				"and none of our counts does: all (2), high confidence (0), without convoys (1) and convoys only (1)",
				"We count 3 fewer than the tally.",
				"From 20 January to 3 March 2021 our list holds 3 attacks",
				"IEDs were used in 2 of the 3 attacks (66.7%), drones in 1 (33.3%).",
				"A local time is known for 1 of the 3 attacks; the busiest hour is 02:00 to 02:59, with 1.",
				// The convoy tally: 1 convoy attack to 31 January, 2 published.
				"Of 2 published tallies, each set against our count of the same dates and kind of attack, 2 are above our count (we count fewer)",
			},
		},
		{
			name: "the month moved to February",
			incs: base, opts: stats.Options{Month: day("2021-02-01")},
			verdict: "Consistent with the “at least 5” of 10 February 2021: we count 6",
			want: []string{
				"The month in focus, February 2021: 3 incidents, above the 3.0 a month of January 2021",
				"the data runs through 15 March 2021.",
			},
		},
		{
			// The workbook's footers say the -as-of day, whichever month
			// is in focus; so does the brief.
			name: "the month moved to February, the data through a later day",
			incs: base, opts: stats.Options{Month: day("2021-02-01"), AsOf: day("2021-03-20")},
			verdict: "Consistent with the “at least 5” of 10 February 2021: we count 6",
			want:    []string{"the data runs through 20 March 2021."},
		},
		{
			name: "the headline on the convoy tally",
			incs: base, headline: day("2021-01-31"),
			verdict: "Consistent with the 2 of 31 January 2021: we count 2",
			want: []string{
				"The tally of 31 January 2021 counted 2 attacks from 1 January to 31 January 2021 (2nd convoy hit); over the same dates we count 2 of the attacks it counts (target\\_type=convoy).",
				"Only a count of exactly 2 meets it; of our counts, high confidence (2) and convoys only (2) meet it, all (3) and without convoys (1) do not.",
			},
		},
		{
			name: "duplicates and rejected rows, the data through a later day",
			incs: base, opts: stats.Options{AsOf: day("2021-03-20")},
			rows:    &incident.Accounting{Read: 14, Counted: 8, Excluded: 1, Duplicates: 2, Rejected: 3},
			verdict: "Consistent with the “at least 5” of 10 February 2021: we count 6",
			want: []string{
				"From 5 January to 15 March 2021 our list holds 8 attacks; the data runs through 20 March 2021.",
				"Of 14 rows read from incidents.csv, 8 are counted and 6 left out: 1 excluded (1 foiled attack), 2 duplicates and 3 rejected,",
			},
		},
		{
			name: "an attack dated to its month straddles the tally",
			incs: edit(func(incs []incident.Incident) []incident.Incident {
				inc := attack("2021-02-01", "Balad", incident.Mortar, incident.High, incident.MilitaryBase, "")
				inc.Precision = incident.Month // 1 to 28 February: before or after 10 February
				return append(incs, inc)
			}),
			verdict: "Consistent with the “at least 5” of 10 February 2021: we count 6 to 7",
			want: []string{
				// By scope, as Ours and Difference, it counts on 1 February.
				"over the same dates we count 6 to 7, 5 of them high-confidence.",
				"We count 2 more than the tally.",
				"| 2021-02-10 | 2021-01-01 to 2021-02-10 | at least 5 | 6 to 7 | all | **consistent** |",
			},
		},
		{
			name: "two sites and two hours tied",
			incs: edit(func(incs []incident.Incident) []incident.Incident {
				return append(incs,
					attack("2021-03-20", "Supply route, Babil", incident.IED, incident.High, incident.Convoy, "02:30"),
					attack("2021-03-21", "Supply route, Babil", incident.IED, incident.High, incident.Convoy, "02:45"))
			}),
			verdict: "Consistent with the “at least 5” of 10 February 2021: we count 6",
			want: []string{
				// Ain al-Asad and Supply route, Babil: 4 each.
				"The most-attacked sites are Ain al-Asad and Supply route, Babil, with 4 attacks each; next comes Erbil airport (1), of 4 sites in all.",
				// 21:10, 21:40, 21:05 and 02:00, 02:30, 02:45.
				"A local time is known for 6 of the 10 attacks; the busiest hours are 02:00 to 02:59 and 21:00 to 21:59, with 3 each.",
			},
		},
		{
			name: "four sites tied",
			incs: []incident.Incident{
				attack("2021-01-05", "D", incident.Rocket, incident.High, incident.MilitaryBase, ""),
				attack("2021-01-06", "C", incident.Rocket, incident.High, incident.MilitaryBase, ""),
				attack("2021-01-07", "B", incident.Rocket, incident.High, incident.MilitaryBase, ""),
				attack("2021-01-08", "A", incident.Rocket, incident.High, incident.MilitaryBase, ""),
				attack("2021-01-09", "E", incident.Rocket, incident.High, incident.MilitaryBase, ""),
				attack("2021-01-10", "A", incident.Rocket, incident.High, incident.MilitaryBase, ""),
				attack("2021-01-11", "B", incident.Rocket, incident.High, incident.MilitaryBase, ""),
				attack("2021-01-12", "C", incident.Rocket, incident.High, incident.MilitaryBase, ""),
				attack("2021-01-13", "D", incident.Rocket, incident.High, incident.MilitaryBase, ""),
			},
			verdict: "Consistent with the “at least 5” of 10 February 2021: we count 9",
			want:    []string{"The most-attacked sites are A, B, C and 1 more, with 2 attacks each, of 5 sites in all."},
		},
		{
			name: "every hour once",
			incs: edit(func(incs []incident.Incident) []incident.Incident {
				for i, hhmm := range []string{"01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00"} {
					incs[i].Time = hhmm
				}
				return incs
			}),
			verdict: "Consistent with the “at least 5” of 10 February 2021: we count 6",
			want:    []string{"A local time is known for 8 of the 8 attacks; no hour has more than 1, which 8 hours have."},
		},
		{
			name: "the outlet published on another site",
			incs: base,
			refs: func() []incident.Reference {
				rs := append([]incident.Reference(nil), refs...)
				rs[1].Outlet = "AFP"
				return rs
			}(),
			verdict: "Consistent with AFP's “at least 5” of 10 February 2021: we count 6",
			want:    []string{"The tally of 10 February 2021 by AFP, as published by example.org, counted at least 5 attacks"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := refs
			if tt.refs != nil {
				rs = tt.refs
			}
			rows := accounting(tt.incs, 1)
			if tt.rows != nil {
				rows = *tt.rows
			}
			b := composeRows(t, tt.incs, rs, tt.opts, tt.headline, rows)
			if b.Verdict != tt.verdict {
				t.Errorf("Verdict = %q, want %q", b.Verdict, tt.verdict)
			}
			md := markdown(t, b)
			for _, w := range tt.want {
				if !strings.Contains(md, w) {
					t.Errorf("brief.md lacks %q:\n%s", w, md)
				}
			}
			if n := len(b.Sentences); n < 5 || n > 10 {
				t.Errorf("%d sentences, want 5 to 10", n)
			}
		})
	}
}

func TestHeadlineUnknownDate(t *testing.T) {
	incs, refs := fixture()
	s, err := stats.Summarize(incs, refs, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(&Input{Summary: s, Headline: day("2021-03-01")})
	want := "brief: no published tally of 2021-03-01 (the tallies are of 2021-01-31, 2021-02-10)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	if _, err := New(&Input{}); !errors.Is(err, ErrNoSummary) {
		t.Errorf("err = %v, want ErrNoSummary", err)
	}
}

func TestDefaultHeadline(t *testing.T) {
	all := incident.Scope{}
	convoy, _ := incident.ParseScope("target_type=convoy")
	ref := func(asOf, since string, f incident.Scope) stats.Reconciled {
		return stats.Reconciled{Reference: incident.Reference{AsOf: day(asOf), Since: day(since), Filter: f}}
	}
	tests := []struct {
		name string
		refs []stats.Reconciled
		year int
		want int
	}{
		{"none", nil, 2021, -1},
		{"the first of all attacks since 1 January", []stats.Reconciled{
			ref("2021-02-25", "2020-12-24", convoy), ref("2021-07-05", "2021-01-01", all),
			ref("2021-06-06", "2021-01-01", all), ref("2021-04-04", "2021-01-20", all)}, 2021, 2},
		{"a filtered tally is passed over", []stats.Reconciled{
			ref("2021-04-23", "2021-01-01", convoy), ref("2021-04-24", "2021-01-01", all)}, 2021, 1},
		{"else the latest of the year", []stats.Reconciled{
			ref("2021-02-25", "2020-12-24", convoy), ref("2021-04-04", "2021-01-20", all), ref("2022-01-04", "2022-01-01", all)}, 2021, 1},
		{"else the latest", []stats.Reconciled{
			ref("2019-02-25", "2019-01-20", convoy), ref("2020-04-04", "2020-01-20", all)}, 2021, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DefaultHeadline(tt.refs, tt.year); got != tt.want {
				t.Errorf("DefaultHeadline = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestHTML checks that brief.html is self-contained (no address outside
// it, the chart as a data: URI that decodes to the PNG given), prints on
// A4, and carries the same sentences as brief.md.
func TestHTML(t *testing.T) {
	incs, refs := fixture()
	b := compose(t, incs, refs, stats.Options{}, time.Time{})
	var buf bytes.Buffer
	if err := b.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"http:", "https:", "url(", "@import", "<link", "<script"} {
		if strings.Contains(page, bad) {
			t.Errorf("brief.html holds %q: it must not load anything", bad)
		}
	}
	for _, want := range []string{"@page { size: A4 portrait; margin: 15mm; }", "page-break-before: always",
		"<p class=\"verdict\">Consistent with the “at least 5” of 10 February 2021: we count 6.</p>",
		"over the same dates we count 6, 4 of them high-confidence.",
		"&#34;at least 5 attacks&#34; this year"} {
		if !strings.Contains(page, want) {
			t.Errorf("brief.html lacks %q", want)
		}
	}
	m := regexp.MustCompile(`<img src="data:image/png;base64,([^"]+)" alt="Incidents per month" width="329" height="247" style="width: 329px; height: 247px">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("brief.html has no embedded chart:\n%s", page)
	}
	got, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil || !bytes.Equal(got, pngImage(t)) {
		t.Errorf("the embedded chart is not the PNG given (%v)", err)
	}
	if n := strings.Count(page, "<li>"); n != len(b.Sentences) {
		t.Errorf("%d sentences in brief.html, want %d", n, len(b.Sentences))
	}
}

// TestHTMLChartsFit checks the charts' size in brief.html: 87 mm (329
// CSS pixels) wide while their rows fit in 250 mm, all narrower by one
// factor when they do not.
func TestHTMLChartsFit(t *testing.T) {
	tests := []struct {
		name         string
		n, w, h      int
		letter       bool
		wantW, wantH string
	}{
		// 2 rows of 65.25 mm and 2 mm: 134.5 mm.
		{"four 4:3 charts", 4, 400, 300, false, "329", "247"},
		// 3 rows of 87 + 2 mm: 267 mm, scaled by 250/267 to 81.5 mm, 308 px.
		{"five square charts", 5, 100, 100, false, "308", "308"},
		// 4 rows: 356 mm, scaled by 250/356 to 61.1 mm, 231 px.
		{"eight square charts", 8, 100, 100, false, "231", "231"},
		// On Letter, 232 mm: scaled by 232/356 to 56.7 mm, 214 px.
		{"eight square charts on Letter", 8, 100, 100, true, "214", "214"},
		// 4 rows of 48.9 + 2 mm: 203.8 mm, within Letter's 232.
		{"seven 16:9 charts on Letter", 7, 1600, 900, true, "329", "185"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &Brief{Title: "t", Letter: tt.letter}
			for range tt.n {
				b.Charts = append(b.Charts, Chart{Title: "c", PNG: pngSized(t, tt.w, tt.h)})
			}
			var buf bytes.Buffer
			if err := b.WriteHTML(&buf); err != nil {
				t.Fatal(err)
			}
			sizes := regexp.MustCompile(`<img [^>]* width="(\d+)" height="(\d+)"`).FindAllStringSubmatch(buf.String(), -1)
			if len(sizes) != tt.n {
				t.Fatalf("%d sized charts, want %d", len(sizes), tt.n)
			}
			for _, m := range sizes {
				if m[1] != tt.wantW || m[2] != tt.wantH {
					t.Errorf("a chart is %sx%s, want %sx%s", m[1], m[2], tt.wantW, tt.wantH)
				}
			}
			page := map[bool]string{false: "size: A4 portrait;", true: "size: letter portrait;"}[tt.letter]
			if !strings.Contains(buf.String(), page) {
				t.Errorf("brief.html lacks %q", page)
			}
			if got := strings.Count(buf.String(), "<tr><td><img"); got != (tt.n+1)/2 {
				t.Errorf("%d rows of charts, want %d", got, (tt.n+1)/2)
			}
		})
	}
}

func TestExclusions(t *testing.T) {
	tests := []struct {
		name     string
		byColumn map[string]int
		want     string
	}{
		{"none", nil, ""},
		{"zero counts", map[string]int{"outcome": 0}, ""},
		{"foiled", map[string]int{"outcome": 7}, " (7 foiled attacks)"},
		{"most first, ties by column", map[string]int{"outcome": 1, "": 2, "event_type": 1, "confidence": 1},
			" (2 rows outside -filter, 1 low-confidence row left out by -exclude-low-confidence, 1 row excluded by its event_type, 1 foiled attack)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exclusions(tt.byColumn); got != tt.want {
				t.Errorf("exclusions = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestAboutTolerance checks that the range why() and the tallies' note
// give for "about N" is the one stats.Judge allows: N-tol to N+tol
// consistent, one past either end not; "about 50" allows 45 to 55.
func TestAboutTolerance(t *testing.T) {
	for n := 0; n <= 200; n++ {
		tol := stats.AboutTolerance(n)
		for _, c := range []struct {
			count int
			want  stats.Verdict
		}{{n - tol - 1, stats.Below}, {n - tol, stats.Consistent}, {n + tol, stats.Consistent}, {n + tol + 1, stats.Above}} {
			if got := stats.Judge(c.count, c.count, n, incident.About); got != c.want {
				t.Fatalf("about %d, count %d: Judge = %s, want %s (tolerance %d)", n, c.count, got, c.want, tol)
			}
		}
	}
	if lo, hi := 50-stats.AboutTolerance(50), 50+stats.AboutTolerance(50); lo != 45 || hi != 55 || !strings.Contains(verdictNote, "“about 50”: 45 to 55") {
		t.Errorf("about 50 allows %d to %d; the note says %q", lo, hi, verdictNote)
	}
}

// TestPublisher checks who the headline says published a tally: the
// outlet, with the site that carried it when that is another; else the
// first URL's site.
func TestPublisher(t *testing.T) {
	tests := []struct {
		name, outlet string
		urls         []string
		want         string
	}{
		{"outlet on another site", "AFP", []string{"https://www.rtl.be/info/1.aspx", "https://cceit.com/2"}, " by AFP, as published by rtl.be,"},
		{"outlet on its own site", "Jerusalem Post", []string{"https://www.jerusalempost.com/a"}, " by Jerusalem Post"},
		{"outlet without a URL", "AFP", nil, " by AFP"},
		{"URL only", "", []string{" https://www.kayhan.ir/en/news/88807/"}, " by kayhan.ir"},
		{"a URL without a host", "", []string{"see the paper"}, ""},
		{"neither", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &stats.Reconciled{Reference: incident.Reference{Outlet: tt.outlet, SourceURLs: tt.urls}}
			if got := publisher(r); got != tt.want {
				t.Errorf("publisher = %q, want %q", got, tt.want)
			}
		})
	}
}
