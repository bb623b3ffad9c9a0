package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/stats"
)

func TestParseFormats(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []Format
		wantErr string
	}{
		{"png,svg", []Format{PNG, SVG}, ""},
		{"pdf", []Format{PDF}, ""},
		// Any order, case and spacing; each once, in the order of Formats.
		{" PDF , png,svg,png", []Format{PNG, SVG, PDF}, ""},
		{"", nil, `"": want a comma-separated list of png, svg and pdf, such as png,svg`},
		{"png,", nil, `"png,": want a comma-separated list of png, svg and pdf, such as png,svg`},
		{"png,jpg", nil, `unknown format "jpg": want png, svg or pdf`},
		{"png;svg", nil, `unknown format "png;svg": want png, svg or pdf`},
	} {
		got, err := ParseFormats(tc.in)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("ParseFormats(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseFormats(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
	}
}

// TestFormats draws every chart in every format: each file is of its
// format, at the size asked for (800 x 450 points for 1600 x 900 pixels
// at 144 DPI), the same bytes when drawn again, with the fonts named or
// embedded, and a PDF dated Options.Date or else the latest incident's
// date, never the clock.
func TestFormats(t *testing.T) {
	s := smallSummary(t) // latest incident 2021-05-31
	for _, c := range All() {
		for _, tc := range []struct {
			f    Format
			date time.Time
			want []string // in the file
		}{
			{PNG, time.Time{}, []string{"\x89PNG\r\n\x1a\n"}},
			{SVG, time.Time{}, []string{`<svg width="800pt" height="450pt" viewBox="0 0 800 450"`,
				"font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-variant:normal;font-weight:bold;",
				"font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-variant:normal;font-weight:normal;",
				">Source: incidents.csv · 23 incidents · data through 2021-05-31</text>"}},
			{PDF, time.Time{}, []string{"%PDF-1.", "/MediaBox [0 0 800.00 450.00]",
				"/BaseFont /utf8liberationsans-bold", "/BaseFont /utf8liberationsans-regular",
				"/CreationDate (D:20210531000000)", "/ModDate (D:20210531000000)"}},
			{PDF, time.Date(2024, 2, 29, 12, 30, 5, 0, time.UTC), []string{"/CreationDate (D:20240229123005)"}},
		} {
			t.Run(c.FileName(tc.f), func(t *testing.T) {
				o := Options{Source: "incidents.csv", Format: tc.f, Date: tc.date}
				var a, b bytes.Buffer
				if _, err := c.Draw(&a, s, o); err != nil {
					t.Fatal(err)
				}
				if _, err := c.Draw(&b, s, o); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Errorf("two drawings differ")
				}
				for _, w := range tc.want {
					if !bytes.Contains(a.Bytes(), []byte(w)) {
						t.Errorf("no %q in the file", w)
					}
				}
				if tc.f == PNG {
					cfg, err := png.DecodeConfig(&a)
					if err != nil || cfg.Width != 1600 || cfg.Height != 900 {
						t.Errorf("png %dx%d (%v), want 1600x900", cfg.Width, cfg.Height, err)
					}
				}
			})
		}
	}
}

// TestPDFNoClock draws a chart of no incidents: its PDF is dated 1
// January 1970, not today.
func TestPDFNoClock(t *testing.T) {
	var buf bytes.Buffer
	if _, err := chart(t, "monthly").Draw(&buf, emptySummary(t), Options{Format: PDF}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "/CreationDate (D:19700101000000)") {
		t.Errorf("no 1970 creation date in the PDF")
	}
}

// TestFileName names each chart's files after the chart, in every
// format: monthly.png, monthly.svg, monthly.pdf.
func TestFileName(t *testing.T) {
	bases := []string{"monthly", "cumulative", "sites", "weapons", "map", "heatmap", "hours"}
	if len(All()) != len(bases) {
		t.Fatalf("%d charts, want %d", len(All()), len(bases))
	}
	for i, c := range All() {
		for _, f := range Formats() {
			if got, want := c.FileName(f), bases[i]+"."+string(f); got != want {
				t.Errorf("FileName(%s) = %q, want %q", f, got, want)
			}
		}
	}
	if got := All()[0].FileName(SVG); got != "monthly.svg" {
		t.Errorf("the first chart's SVG is %q, want monthly.svg", got)
	}
}

// TestPDFImage draws an image on a PDF canvas (no chart does yet, a
// plotter could): the PDF holds it at its own size in pixels. That it is
// upright was checked by eye (pdftoppm), against vgimg.
func TestPDFImage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			img.Set(x, y, color.RGBA{R: uint8(6 * x), B: uint8(12 * y), A: 0xFF})
		}
	}
	c := newPDFCanvas(400, 300, time.Unix(0, 0).UTC())
	draw.New(c).DrawImage(vg.Rectangle{Min: vg.Point{X: 100, Y: 50}, Max: vg.Point{X: 300, Y: 150}}, img)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/Subtype /Image", "/Width 40", "/Height 20", "/MediaBox [0 0 400.00 300.00]"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("no %q in the PDF", want)
		}
	}
}

// TestGoldenSVG compares each chart's SVG with testdata/<name>_golden.svg,
// byte for byte: the SVG is text, and the same figure gives the same
// bytes. With -update it rewrites the golden files.
func TestGoldenSVG(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    *stats.Summary
		c    Chart
	}{
		{"monthly", smallSummary(t), chart(t, "monthly")},
		{"cumulative", smallSummary(t), chart(t, "cumulative")},
		{"sites", smallSummary(t), chart(t, "sites")},
		{"weapons", smallSummary(t), chart(t, "weapons")},
		{"partial_monthly", partialSummary(t), chart(t, "monthly")},
		{"map_placed", placedSummary(t), chart(t, "map")},
		{"heatmap", smallSummary(t), chart(t, "heatmap")},
		{"hours_placed", placedSummary(t), chart(t, "hours")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := tc.c.Draw(&buf, tc.s, Options{Source: "incidents.csv", Format: SVG}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tc.name+"_golden.svg")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				got := filepath.Join("testdata", tc.name+"_got.svg")
				os.WriteFile(got, buf.Bytes(), 0o644)
				t.Fatalf("%s differs from %s (go test -update accepts it)", got, golden)
			}
		})
	}
}

// TestDrawFormats checks that DrawFormats, which builds each figure and
// places its labels once for all formats, gives the bytes and title Draw
// gives for each format alone, for summaries whose map and cumulative
// charts place labels.
func TestDrawFormats(t *testing.T) {
	date := time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)
	formats := []Format{PNG, SVG, PDF}
	for name, s := range map[string]*stats.Summary{
		"small": smallSummary(t), "placed": placedSummary(t), "many sites": manySitesSummary(t),
	} {
		for _, c := range All() {
			o := Options{Source: "incidents.csv", Date: date}
			title, files, err := c.DrawFormats(s, o, formats)
			if err != nil {
				t.Fatalf("%s, %s: %v", name, c.name, err)
			}
			if len(files) != len(formats) {
				t.Fatalf("%s, %s: %d files, want %d", name, c.name, len(files), len(formats))
			}
			for i, f := range formats {
				var buf bytes.Buffer
				o.Format = f
				alone, err := c.Draw(&buf, s, o)
				if err != nil {
					t.Fatalf("%s, %s, %s: %v", name, c.name, f, err)
				}
				if alone != title {
					t.Errorf("%s, %s, %s: title %q, want %q", name, c.name, f, title, alone)
				}
				if !bytes.Equal(files[i], buf.Bytes()) {
					t.Errorf("%s, %s, %s: %d bytes differ from Draw's %d", name, c.name, f, len(files[i]), buf.Len())
				}
			}
		}
	}
}
