package basemap

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// box is the frame gen/extract.py clipped to.
var boxMin, boxMax = Point{Lon: 38, Lat: 28.5}, Point{Lon: 49, Lat: 38.5}

// iraqAreaSource is Iraq's shoelace area in degrees² before simplification
// and clipping, as gen/extract.py prints it on stderr ("Iraq area before
// simplification: 42.2454 deg² (countries-10m)"), from world-atlas 2.0.2
// countries-10m.json.
const iraqAreaSource = 42.2454

// area is the shoelace area in degrees² of rings taken with the even-odd
// rule, assuming (as the data has) no ring inside another.
func area(rings [][]Point) float64 {
	total := 0.0
	for _, r := range rings {
		s := 0.0
		for i := 1; i < len(r); i++ {
			s += r[i-1].Lon*r[i].Lat - r[i].Lon*r[i-1].Lat
		}
		total += math.Abs(s) / 2
	}
	return total
}

type shape struct {
	iso   string
	rings [][]Point
}

func shapes() []shape {
	var out []shape
	for _, c := range Countries() {
		out = append(out, shape{c.ISO, c.Rings})
	}
	for _, g := range Governorates() {
		out = append(out, shape{g.ISO, g.Rings})
	}
	return out
}

func TestCodes(t *testing.T) {
	var got []string
	for _, c := range Countries() {
		got = append(got, c.ISO)
	}
	if want := []string{"IRQ", "SYR", "TUR", "IRN", "KWT", "SAU", "JOR", "AZE"}; !slices.Equal(got, want) {
		t.Errorf("Countries ISO = %v, want %v", got, want)
	}
	got = got[:0]
	for _, g := range Governorates() {
		got = append(got, g.ISO)
	}
	want := []string{"IQ-AN", "IQ-AR", "IQ-BA", "IQ-BB", "IQ-BG", "IQ-DA", "IQ-DI", "IQ-DQ", "IQ-KA",
		"IQ-MA", "IQ-MU", "IQ-NA", "IQ-NI", "IQ-QA", "IQ-SD", "IQ-SU", "IQ-TS", "IQ-WA"}
	if !slices.Equal(got, want) {
		t.Errorf("Governorates ISO = %v, want %v", got, want)
	}
}

func TestRings(t *testing.T) {
	for _, s := range shapes() {
		if len(s.rings) == 0 {
			t.Errorf("%s: no rings", s.iso)
		}
		for i, r := range s.rings {
			if len(r) < 4 {
				t.Errorf("%s ring %d: %d points, want at least 4", s.iso, i, len(r))
				continue
			}
			if r[0] != r[len(r)-1] {
				t.Errorf("%s ring %d: not closed: first %v, last %v", s.iso, i, r[0], r[len(r)-1])
			}
			for k, p := range r {
				if p.Lon < boxMin.Lon || p.Lon > boxMax.Lon || p.Lat < boxMin.Lat || p.Lat > boxMax.Lat {
					t.Errorf("%s ring %d point %d: %v outside the box", s.iso, i, k, p)
				}
			}
		}
	}
}

func TestBounds(t *testing.T) {
	gotMin, gotMax := Bounds()
	if gotMin != boxMin || gotMax != boxMax {
		t.Errorf("Bounds() = %v, %v, want %v, %v", gotMin, gotMax, boxMin, boxMax)
	}
}

func TestIraqArea(t *testing.T) {
	iraq := Countries()[0]
	got := area(iraq.Rings)
	if rel := math.Abs(got-iraqAreaSource) / iraqAreaSource; rel > 0.05 {
		t.Errorf("Iraq area = %.4f deg², want within 5%% of %.4f (off by %.2f%%)", got, iraqAreaSource, 100*rel)
	}
	// The governorates come from another layer; together they should
	// cover Iraq to within the simplification.
	sum := 0.0
	for _, g := range Governorates() {
		sum += area(g.Rings)
	}
	if rel := math.Abs(sum-got) / got; rel > 0.01 {
		t.Errorf("governorates' area = %.4f deg², want within 1%% of Iraq's %.4f", sum, got)
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		name string
		p    Point
		in   string // ISO code of the country, or "" for none in the box
		gov  string // ISO code of the governorate, or "" for none
	}{
		{"Baghdad", Point{44.36, 33.31}, "IRQ", "IQ-BG"},
		{"Ain al-Asad", Point{42.44, 33.80}, "IRQ", "IQ-AN"},
		{"Erbil", Point{44.01, 36.19}, "IRQ", "IQ-AR"},
		{"Basra", Point{47.78, 30.51}, "IRQ", "IQ-BA"},
		{"Kuwait City", Point{47.98, 29.37}, "KWT", ""},
		{"Tehran, outside the box", Point{51.39, 35.69}, "", ""},
		{"Deir ez-Zor", Point{40.14, 35.34}, "SYR", ""},
		{"Persian Gulf", Point{48.9, 29.3}, "", ""},
		{"Arar", Point{41.04, 30.98}, "SAU", ""},
		{"Astara, Azerbaijan", Point{48.85, 38.44}, "AZE", ""},
		{"Caspian Sea", Point{48.97, 38.2}, "", ""},
	}
	countries, govs := Countries(), Governorates()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range countries {
				if c.Contains(tt.p) {
					got = append(got, c.ISO)
				}
			}
			if want := nonEmpty(tt.in); !slices.Equal(got, want) {
				t.Errorf("countries containing %v = %v, want %v", tt.p, got, want)
			}
			got = got[:0]
			for _, g := range govs {
				if g.Contains(tt.p) {
					got = append(got, g.ISO)
				}
			}
			if want := nonEmpty(tt.gov); !slices.Equal(got, want) {
				t.Errorf("governorates containing %v = %v, want %v", tt.p, got, want)
			}
		})
	}
}

// Damascus lies west of the box; it must be outside it or in Syria.
func TestDamascus(t *testing.T) {
	damascus := Point{36.29, 33.51}
	for _, c := range Countries() {
		if c.Contains(damascus) && c.ISO != "SYR" {
			t.Errorf("Damascus %v is in %s", damascus, c.ISO)
		}
	}
	min, max := Bounds()
	inBox := damascus.Lon >= min.Lon && damascus.Lon <= max.Lon && damascus.Lat >= min.Lat && damascus.Lat <= max.Lat
	if inBox && !Countries()[1].Contains(damascus) {
		t.Errorf("Damascus %v is inside the box but not in Syria", damascus)
	}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func TestLabel(t *testing.T) {
	countries := Countries()
	for _, s := range shapes() {
		p := Label(s.iso)
		if !contains(s.rings, p) {
			t.Errorf("Label(%q) = %v, not inside %s", s.iso, p, s.iso)
		}
		if strings.HasPrefix(s.iso, "IQ-") {
			continue
		}
		for _, c := range countries {
			if c.ISO != s.iso && c.Contains(p) {
				t.Errorf("Label(%q) = %v is also inside %s", s.iso, p, c.ISO)
			}
		}
	}
	if got := Label("XXX"); got != (Point{}) {
		t.Errorf("Label(%q) = %v, want the zero Point", "XXX", got)
	}
}

func TestCountriesCopy(t *testing.T) {
	a := Countries()
	a[0].Name = "changed"
	a[0].Rings[0][0] = Point{}
	b := Countries()
	if b[0].Name != "Iraq" || b[0].Rings[0][0] == (Point{}) {
		t.Errorf("changing one result of Countries changed the next: %q, %v", b[0].Name, b[0].Rings[0][0])
	}
	g := Governorates()
	g[0].Rings[0][0] = Point{}
	if Governorates()[0].Rings[0][0] == (Point{}) {
		t.Error("changing one result of Governorates changed the next")
	}
}

func TestDecodeErrors(t *testing.T) {
	const triangle = `[[40,30],[41,30],[41,31],[40,30]]`
	tests := []struct {
		name, input, err string
	}{
		{"not json", `{`, "basemap: boundaries.json: unexpected end of JSON input"},
		{"no countries", `{"countries": []}`, "basemap: boundaries.json: no countries"},
		{"no iso", `{"countries": [{"name": "A", "label": [40.5,30.2], "rings": [` + triangle + `]}]}`,
			"basemap: boundaries.json: countries[0] (): no iso or name"},
		{"no rings", `{"countries": [{"name": "A", "iso": "AAA", "rings": []}]}`,
			"basemap: boundaries.json: countries[0] (AAA): no rings"},
		{"short ring", `{"countries": [{"name": "A", "iso": "AAA", "rings": [[[40,30],[41,30],[40,30]]]}]}`,
			"basemap: boundaries.json: countries[0] (AAA): ring 0: 3 points, want at least 4"},
		{"open ring", `{"countries": [{"name": "A", "iso": "AAA", "rings": [[[40,30],[41,30],[41,31],[40,31]]]}]}`,
			"basemap: boundaries.json: countries[0] (AAA): ring 0: not closed"},
		{"label outside", `{"countries": [{"name": "A", "iso": "AAA", "label": [40.2,30.8], "rings": [` + triangle + `]}]}`,
			"basemap: boundaries.json: countries[0] (AAA): label {40.2 30.8} is not inside it"},
		{"code twice", `{"countries": [{"name": "A", "iso": "AAA", "label": [40.5,30.2], "rings": [` + triangle + `]}],
			"governorates": [{"name": "B", "iso": "AAA", "label": [40.5,30.2], "rings": [` + triangle + `]}]}`,
			"basemap: boundaries.json: governorates[0] (AAA): iso code used twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decode([]byte(tt.input))
			if err == nil || err.Error() != tt.err {
				t.Errorf("decode: error %v, want %q", err, tt.err)
			}
		})
	}
	if _, err := decode([]byte(`{"countries": [{"name": "A", "iso": "AAA", "label": [40.5,30.2], "rings": [` + triangle + `]}]}`)); err != nil {
		t.Errorf("decode of a good triangle: %v", err)
	}
}
