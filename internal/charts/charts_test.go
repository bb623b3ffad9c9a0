package charts

import (
	"bytes"
	"flag"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/plot/cmpimg"

	"report/internal/incident"
	"report/internal/stats"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

// goldenDelta is how far the colours of two pixels may differ, as a
// fraction of the largest difference (see cmpimg.EqualApprox).
const goldenDelta = 0.02

// chart returns the chart of All with the given name: "monthly".
func chart(tb testing.TB, name string) Chart {
	tb.Helper()
	for _, c := range All() {
		if c.name == name {
			return c
		}
	}
	tb.Fatalf("no chart %q", name)
	return Chart{}
}

// smallSummary summarizes testdata/incidents.csv (23 counted incidents
// from February to May 2021, none in April, at 20 sites, no mortars) and
// testdata/references.csv (close tallies, one since 15 February, and two
// outside 2021).
func smallSummary(tb testing.TB) *stats.Summary {
	tb.Helper()
	return loadSummary(tb, filepath.Join("testdata", "incidents.csv"), filepath.Join("testdata", "references.csv"))
}

// emptySummary is the summary of no incidents.
func emptySummary(tb testing.TB) *stats.Summary {
	tb.Helper()
	s, err := stats.Summarize(nil, nil, stats.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// loadSummary summarizes an incident CSV and a references CSV.
func loadSummary(tb testing.TB, incidents, references string) *stats.Summary {
	tb.Helper()
	f, err := os.Open(incidents)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	ds, err := incident.Load(f, incident.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	g, err := os.Open(references)
	if err != nil {
		tb.Fatal(err)
	}
	defer g.Close()
	refs, err := incident.LoadReferences(g)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := stats.Summarize(ds.Incidents, refs, stats.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// checkGolden compares a PNG with testdata/<name>_golden.png after decoding
// both. On a mismatch it writes got beside it as <name>_got.png and fails;
// with -update it rewrites the golden file instead.
func checkGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	golden := filepath.Join("testdata", name+"_golden.png")
	gotPath := filepath.Join("testdata", name+"_got.png")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		os.Remove(gotPath)
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, goldenDelta)
	if err != nil {
		tb.Fatalf("compare with %s: %v", golden, err)
	}
	if !ok {
		if err := os.WriteFile(gotPath, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		tb.Fatalf("%s differs from %s (go test -update accepts it)", gotPath, golden)
	}
	os.Remove(gotPath)
}

func TestGolden(t *testing.T) {
	small, empty := smallSummary(t), emptySummary(t)
	for _, c := range All() {
		for _, tc := range []struct {
			name string
			s    *stats.Summary
			o    Options
		}{
			{c.name, small, Options{Source: "incidents.csv"}},
			// Half the pixels at half the DPI: the same layout.
			{"empty_" + c.name, empty, Options{Source: "empty.csv", Width: 800, Height: 450, DPI: 72}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var buf bytes.Buffer
				if _, err := c.Draw(&buf, tc.s, tc.o); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, tc.name, buf.Bytes())
			})
		}
	}
}

// partialSummary is smallSummary with its last month, May 2021, made
// partial: the data through 20 May.
func partialSummary(tb testing.TB) *stats.Summary {
	s := smallSummary(tb)
	last := &s.Months[len(s.Months)-1]
	last.Partial, last.Through = true, time.Date(2021, 5, 20, 0, 0, 0, 0, time.UTC)
	return s
}

// TestGoldenPartial draws the monthly chart with a partial last month:
// its bar pale in a dashed outline, a legend entry saying how far it goes.
func TestGoldenPartial(t *testing.T) {
	var buf bytes.Buffer
	if _, err := chart(t, "monthly").Draw(&buf, partialSummary(t), Options{Source: "incidents.csv"}); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "partial_monthly", buf.Bytes())
}

// TestPartialMonth marks the partial month's bar, and only it, and names
// the days it covers in the legend.
func TestPartialMonth(t *testing.T) {
	s := partialSummary(t)
	f, err := monthlyFigure(s)
	if err != nil {
		t.Fatal(err)
	}
	bars := monthlyBars(s, f.legend)
	if want := []bool{false, false, false, true}; !slices.Equal(bars.partial, want) {
		t.Errorf("partial bars %v, want %v", bars.partial, want)
	}
	last := f.legend[len(f.legend)-1]
	if last.label != "Partial month: 1–20 May" || last.swatch != swatchPartial {
		t.Errorf("last legend entry %+v, want the partial month's", last)
	}
	// February 4, March 8, April 0, May 11 (T13 to T23): the count
	// alone, the legend says how far May goes.
	if want := []string{"4", "8", "0", "11"}; !slices.Equal(bars.labels, want) {
		t.Errorf("bar labels %q, want %q", bars.labels, want)
	}
	first := stats.Month{Through: time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)}
	if got, want := partialLabel(first), "Partial month: 1 July"; got != want {
		t.Errorf("partialLabel = %q, want %q", got, want)
	}
}

// TestPale mixes a colour with 55% white.
func TestPale(t *testing.T) {
	got := pale(color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xFF})
	// 0.45*213 + 0.55*255 = 236.1, 0.45*94 + 140.25 = 182.55, 140.25.
	if want := (color.RGBA{R: 236, G: 183, B: 140, A: 0xFF}); got != want {
		t.Errorf("pale = %v, want %v", got, want)
	}
}

func TestImageSize(t *testing.T) {
	s := smallSummary(t)
	for _, tc := range []struct {
		name         string
		o            Options
		wantW, wantH int
	}{
		{"default", Options{}, 1600, 900},
		{"custom", Options{Width: 1920, Height: 1080, DPI: 160}, 1920, 1080},
		{"odd", Options{Width: 1601, Height: 901, DPI: 97}, 1601, 901},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := chart(t, "monthly").Draw(&buf, s, tc.o); err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Width != tc.wantW || cfg.Height != tc.wantH {
				t.Errorf("size %dx%d, want %dx%d", cfg.Width, cfg.Height, tc.wantW, tc.wantH)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	s := smallSummary(t)
	for _, tc := range []struct {
		name string
		s    *stats.Summary
		o    Options
		want string
	}{
		{"nil summary", nil, Options{}, "charts: sites: nil summary"},
		{"negative width", s, Options{Width: -1}, "charts: sites: image size -1x900: want 100 to 10000 pixels each way"},
		{"huge height", s, Options{Height: 20000}, "charts: sites: image size 1600x20000: want 100 to 10000 pixels each way"},
		{"tiny dpi", s, Options{DPI: 1}, "charts: sites: dpi 1: want 36 to 1200"},
		{"unknown format", s, Options{Format: "gif"}, `charts: sites: unknown format "gif": want png, svg or pdf`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			_, err := chart(t, "sites").Draw(&buf, tc.s, tc.o)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes, want none", buf.Len())
			}
		})
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestWriteError(t *testing.T) {
	_, err := chart(t, "weapons").Draw(errWriter{}, smallSummary(t), Options{})
	if got, want := err.Error(), "charts: weapons: write png: io: read/write on closed pipe"; got != want {
		t.Fatalf("err = %q, want %q", got, want)
	}
}

// TestOddSummaries draws summaries that stats.Summarize would not give but
// that a caller could build: none may fail or panic, and each gives an
// image of the size asked for with something drawn on it (at least the
// title and frame: more than 2% of the pixels not white).
func TestOddSummaries(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2021, m, d, 0, 0, 0, 0, time.UTC) }
	counted := func() *stats.Summary {
		s := &stats.Summary{First: day(3, 1), Last: day(3, 2)}
		s.Total.Incidents = 2
		s.Total.ByWeapon[incident.Drone] = 2
		return s
	}
	noDays := counted()
	noDays.YearToDate.Year = 2021
	refsOnly := counted()
	refsOnly.YearToDate = stats.YearToDate{Year: 2021, Through: day(1, 2), Days: []stats.Day{{Date: day(1, 1)}, {Date: day(1, 2)}}}
	refsOnly.References = []stats.Reconciled{
		{Reference: incident.Reference{AsOf: day(1, 1), Since: day(1, 1), Published: 0}},
		{Reference: incident.Reference{AsOf: day(12, 31), Published: 1000000}},
		{Reference: incident.Reference{AsOf: time.Time{}, Published: 3}},
	}
	zeroBars := counted()
	zeroBars.Months = []stats.Month{{Start: day(3, 1)}}
	zeroBars.Sites = []stats.Site{{Name: "A site with a name far too long to fit beside its bar in any sensible chart layout at all", Incidents: 2}}
	for _, tc := range []struct {
		name string
		s    *stats.Summary
	}{
		{"zero value", &stats.Summary{}},
		{"counted but nothing else", counted()},
		{"no days in the year", noDays},
		{"references at the year's ends", refsOnly},
		{"zero bars", zeroBars},
	} {
		for _, c := range All() {
			t.Run(tc.name+"/"+c.name, func(t *testing.T) {
				o := Options{Width: 400, Height: 225, DPI: 36}
				var buf bytes.Buffer
				if _, err := c.Draw(&buf, tc.s, o); err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(&buf)
				if err != nil {
					t.Fatal(err)
				}
				if b := img.Bounds(); b.Dx() != 400 || b.Dy() != 225 {
					t.Fatalf("image is %dx%d, want 400x225", b.Dx(), b.Dy())
				}
				inked := 0
				for y := 0; y < 225; y++ {
					for x := 0; x < 400; x++ {
						if r, g, b, _ := img.At(x, y).RGBA(); r&g&b < 0xF000 {
							inked++
						}
					}
				}
				if inked < 400*225/50 {
					t.Errorf("%d pixels drawn, want at least %d", inked, 400*225/50)
				}
			})
		}
	}
}

func TestLegends(t *testing.T) {
	s := smallSummary(t)
	// Mortar and small arms have no counted incidents (the mortar row is
	// foiled): they are left out.
	wantWeapons := []string{"Rocket", "Drone", "IED", "Other"}
	for _, tc := range []struct {
		name  string
		build func(*stats.Summary) (*figure, error)
		want  []string
	}{
		{"monthly", monthlyFigure, wantWeapons},
		{"sites", sitesFigure, wantWeapons},
		// The axis names the weapons: no legend to say it again.
		{"weapons", weaponsFigure, nil},
		// The test references are all exact: one marker shape.
		{"cumulative", cumulativeFigure, []string{"exactly"}},
		// No site has a position: no marker, no colour to explain.
		{"map", mapFigure, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := tc.build(s)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range f.legend {
				got = append(got, e.label)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("legend %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMapLegend: the map's legend has the weapons of the markers drawn,
// not those of sites off the map: in testdata/placed.csv a mortar at Green
// Village, and no Other, though Incirlik (outside the map) is made one.
func TestMapLegend(t *testing.T) {
	s := placedSummary(t)
	for i := range s.Sites {
		if s.Sites[i].Name == "Incirlik Air Base" {
			s.Sites[i].ByWeapon = [incident.NumWeapons]int{incident.OtherWeapon: 1}
			s.Total.ByWeapon[incident.OtherWeapon]++
		}
	}
	f, err := mapFigure(s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range f.legend {
		got = append(got, e.label)
	}
	if want := []string{"Rocket", "Drone", "Mortar", "IED", "Small arms"}; !slices.Equal(got, want) {
		t.Errorf("legend %q, want %q", got, want)
	}
}

func TestFooter(t *testing.T) {
	s := smallSummary(t)
	one := &stats.Summary{Last: time.Date(2021, 7, 29, 0, 0, 0, 0, time.UTC)}
	one.Total.Incidents = 1
	for _, tc := range []struct {
		name   string
		s      *stats.Summary
		source string
		want   string
	}{
		{"small", s, "incidents.csv", "Source: incidents.csv · 23 incidents · data through 2021-05-31"},
		{"one", one, "x.csv", "Source: x.csv · 1 incident · data through 2021-07-29"},
		{"no source", s, "", "23 incidents · data through 2021-05-31"},
		{"empty", emptySummary(t), "empty.csv", "Source: empty.csv · 0 incidents · no incident dates"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := footer(tc.s, tc.source); got != tc.want {
				t.Errorf("footer = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestYearTallies(t *testing.T) {
	s := smallSummary(t)
	var got []string
	_, cp := cumulativePlotOf(s)
	for _, tl := range cp.tallies {
		got = append(got, tl.label)
	}
	// The tallies of 2020-12-30 and 2022-01-05 are outside 2021.
	want := []string{"6 (9 Mar)", "8 (10 Mar)", "8 (12 Mar)", "7 since 15 Feb (1 Apr)", "20 (20 May)", "21 (21 May)"}
	if !slices.Equal(got, want) {
		t.Errorf("labels %q, want %q", got, want)
	}
}

func BenchmarkCharts(b *testing.B) {
	s := smallSummary(b)
	for _, c := range All() {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.Draw(io.Discard, s, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestScopeWords(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "weapon=rocket,ied": "Rocket or IED", "target_type!=convoy": "Not convoy",
		"confidence=high; target_type=military_base,airport": "High, military base or airport",
	} {
		if got := scopeWords(in); got != want {
			t.Errorf("scopeWords(%q) = %q, want %q", in, got, want)
		}
	}
}
