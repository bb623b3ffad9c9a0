package incident

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The shipped data files.
const (
	shippedSites          = "../../data/sites.csv"
	gazetteerIncidentsCSV = "../../data/incidents.csv"
)

func TestSiteKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ain al-Asad Air Base", "ain al asad air base"},
		{"  ain   al asad air base ", "ain al asad air base"},
		{"Ain Al-Asad Airbase", "ain al asad air base"},
		{"AIN_AL--ASAD\tAIR-BASE", "ain al asad air base"},
		{"Ain al-Asad (Air Base)", "ain al asad air base"},
		{"Ain al–Asad", "ain al asad"}, // en dash
		{"ʿAyn al-Asad", "ayn al asad"},
		{"Al Asad", "al asad"},
		{"Alasad", "alasad"},
		{"airbases", "airbases"}, // only the word airbase
		{"AirBase Balad", "air base balad"},
		{"U.S. Embassy", "us embassy"},
		{"US Embassy's compound", "us embassys compound"},
		{"Camp Victory (BIAP)", "camp victory biap"},
		{"Camp Victory(BIAP)", "camp victory biap"},
		{"Supply route, Babil", "supply route babil"},
		{"Supply route,Babil", "supply route babil"},
		{"Bashur / Harir Air Base", "bashur harir air base"},
		{"Bashur/Harir Airbase", "bashur harir air base"},
		{"Qāʿidat ʿAin al-Asad", "qāidat ain al asad"},
		{"ÇAMP\u00a0VİCTORY", "çamp victory"}, // no-break space; Go lowers İ to i
		{"", ""},
		{" .,()'- ", ""},
	}
	for _, tt := range tests {
		if got := string(siteKey(tt.in)); got != tt.want {
			t.Errorf("siteKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// testGazetteer is a small gazetteer of two sites in one group and one of
// its own.
const testGazetteer = "\uFEFF# a comment line\n" +
	"Alias, SITE ,Group,province,country,latitude,longitude,Target-Type,source\n" +
	"Baghdad International Airport,Baghdad International Airport,Baghdad airport complex,Baghdad,Iraq,33.2625,44.2344,airport,Wikipedia\n" +
	"BIAP,Baghdad International Airport,Baghdad airport complex,Baghdad,Iraq,33.2625,44.2344,Airport,\n" +
	"\n" +
	"Camp Victory,Camp Victory (BIAP),Baghdad airport complex,Baghdad,Iraq,33.2839,44.2561,military base,\n" +
	"Al-Asad Air Base,Ain al-Asad Air Base,,Anbar,Iraq,33.7856,42.4411,military_base,\n" +
	"Ain al-Asad Air Base,Ain al-Asad Air Base,Ain al-Asad Air Base,Anbar,Iraq,33.7856,42.4411,military_base,\n" +
	"# Unlocated\n" +
	"\"Convoy, somewhere\",Convoy,Roads,,,,,convoy,\n"

func TestLoadGazetteer(t *testing.T) {
	g, err := LoadGazetteer(strings.NewReader(testGazetteer))
	if err != nil {
		t.Fatal(err)
	}
	biap := Place{Site: "Baghdad International Airport", Group: "Baghdad airport complex", Province: "Baghdad",
		Country: "Iraq", Position: &Position{33.2625, 44.2344}, TargetType: Airport}
	victory := Place{Site: "Camp Victory (BIAP)", Group: "Baghdad airport complex", Province: "Baghdad",
		Country: "Iraq", Position: &Position{33.2839, 44.2561}, TargetType: MilitaryBase}
	asad := Place{Site: "Ain al-Asad Air Base", Group: "Ain al-Asad Air Base", Province: "Anbar",
		Country: "Iraq", Position: &Position{33.7856, 42.4411}, TargetType: MilitaryBase}
	convoy := Place{Site: "Convoy", Group: "Roads", TargetType: Convoy}
	if got, want := g.Places(), []Place{biap, victory, asad, convoy}; !reflect.DeepEqual(got, want) {
		t.Errorf("Places() = %+v\nwant %+v", got, want)
	}
	tests := []struct {
		site string
		want Place
		ok   bool
	}{
		{"Baghdad International Airport", biap, true},
		{"baghdad international airport", biap, true},
		{"BIAP", biap, true},
		{" b.i.a.p ", biap, true},
		{"Camp Victory", victory, true},
		{"camp-victory", victory, true},
		{"Camp Victory (BIAP)", victory, true}, // the site's name, though no row has it as an alias
		{"camp victory biap", victory, true},
		{"Al Asad Airbase", asad, true},
		{"al-asad air base", asad, true},
		{"Ain al-Asad Airbase", asad, true},
		{"Convoy, somewhere", convoy, true},
		{"convoy somewhere", convoy, true},
		{"Convoy", convoy, true},
		{"Al Asad", Place{}, false},
		{"Victory", Place{}, false},
		{"Baghdad International", Place{}, false},
		{"Baghdad airport complex", Place{}, false}, // a group is not an alias
		{"Camp Victory BIAP extra", Place{}, false},
		{"", Place{}, false},
		{" - ", Place{}, false},
	}
	for _, tt := range tests {
		got, ok := g.Lookup(tt.site)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v, %v", tt.site, got, ok, tt.want, tt.ok)
		}
	}
	if p, ok := (*Gazetteer)(nil).Lookup("BIAP"); ok || p != (Place{}) {
		t.Errorf("nil Gazetteer: Lookup = %+v, %v; want Place{}, false", p, ok)
	}
}

func TestLoadGazetteerOnlyRequiredColumns(t *testing.T) {
	g, err := LoadGazetteer(strings.NewReader("site,alias\nBalad Air Base,Joint Base Balad\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := Place{Site: "Balad Air Base", Group: "Balad Air Base"}
	for _, s := range []string{"Joint Base Balad", "Balad Airbase"} {
		if got, ok := g.Lookup(s); !ok || got != want {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v, true", s, got, ok, want)
		}
	}
	g, err = LoadGazetteer(strings.NewReader("alias,site\n"))
	if err != nil || len(g.Places()) != 0 {
		t.Errorf("header only: %v places, error %v; want none, nil", g.Places(), err)
	}
}

func TestLoadGazetteerErrors(t *testing.T) {
	const header = "alias,site,group,province,latitude,longitude,target_type\n"
	tests := []struct{ name, input, want string }{
		{"empty", "", "file is empty: want a header row, then one row per alias"},
		{"comments only", "# sites\n# none\n", "file is empty: want a header row, then one row per alias"},
		{"missing column", "alias,name\n", `missing required column site (columns found: "alias", "name")`},
		{"missing columns", "name\n", `missing required columns alias, site (columns found: "name")`},
		{"column twice", "alias,site, Site\n", `1:12: header: column "Site" appears twice (columns 2 and 3)`},
		{"bad header quote", "alias,\"site\n", `1:13: header: extraneous or missing " in quoted-field`},
		{"bare quote", header + "A,B\"x,,,,,\n", `2:4: row: bare " in non-quoted-field`},
		{"field count", header + "A,A\n", "2:3: row: row has 2 fields but the header has 7"},
		{"empty alias", header + " ,Al Asad,,,,,\n", "2:1: alias: required value is empty"},
		{"empty site", header + "Al Asad,,,,,,\n", "2:9: site: required value is empty"},
		{"no letters", header + "...,X,,,,,\n", `2:1: alias: "..." is empty once separators and punctuation are ignored`},
		{"site no letters", header + "X,(),,,,,\n", `2:3: site: "()" is empty once separators and punctuation are ignored`},
		{"not UTF-8", header + "\xff,A,,,,,\n", "2:1: alias: not valid UTF-8: save the file as UTF-8"},
		{"bad latitude", header + "A,A,,,north,42,\n", `2:7: latitude: cannot parse "north" as decimal degrees`},
		{"NaN", header + "A,A,,,NaN,42,\n", `2:7: latitude: cannot parse "NaN" as decimal degrees`},
		{"longitude out of range", header + "A,A,,,33,190,\n", "2:10: longitude: 190 is outside -180 to 180"},
		{"latitude out of range", header + "A,A,,,-90.5,0,\n", "2:7: latitude: -90.5 is outside -90 to 90"},
		{"latitude alone", header + "A,A,,,33,,\n", "2:10: longitude: empty, but latitude is given: give both or neither"},
		{"longitude alone", header + "A,A,,,,42,\n", "2:7: latitude: empty, but longitude is given: give both or neither"},
		{"no latitude column", "alias,site,longitude\nA,A,42\n", "2:5: longitude: longitude given without latitude"},
		{"bad target type", header + "A,A,,,,,base\n", `2:9: target_type: unknown target type "base": want one of military_base, diplomatic, airport, convoy, other`},
		{"alias of two sites", header + "Al Asad,Ain al-Asad Air Base,,,,,\nAl-Asad,Balad Air Base,,,,,\n",
			`3:1: alias: "Al-Asad" is already an alias of "Ain al-Asad Air Base" (line 2)`},
		{"alias is another site's name", header + "Balad,Balad Air Base,,,,,\nbalad air-base,Joint Base Balad,,,,,\n",
			`3:1: alias: "balad air-base" is already an alias of "Balad Air Base" (line 2)`},
		{"site is another site's alias", header + "Balad,Balad Air Base,,,,,\nX,Balad,,,,,\n",
			`3:3: site: "Balad" is already an alias of "Balad Air Base" (line 2)`},
		{"site written two ways", header + "A,Al Asad Air Base,,,,,\nB,Al-Asad Airbase,,,,,\n",
			`3:3: site: "Al-Asad Airbase" is written "Al Asad Air Base" on line 2: write a site's name the same way on every row`},
		{"group differs", header + "A,S,G1,,,,\nB,S,G2,,,,\n",
			`3:5: group: "G2" differs from "G1" on line 2: give every row of a site the same values`},
		{"province differs", header + "A,S,,Anbar,,,\n# between\nB,S,,,,,\n",
			`4:6: province: "" differs from "Anbar" on line 2: give every row of a site the same values`},
		{"position missing", header + "A,S,,,1,2,\nB,S,,,,,\n",
			`3:7: latitude: "" differs from "1" on line 2: give every row of a site the same values`},
		{"longitude differs", header + "A,S,,,1,2,\nB,S,,,1.0,3,\n",
			`3:11: longitude: "3" differs from "2" on line 2: give every row of a site the same values`},
		{"target type differs", header + "A,S,,,,,airport\nB,S,,,,,convoy\n",
			`3:9: target_type: "convoy" differs from "airport" on line 2: give every row of a site the same values`},
		{"error after a quoted line break", header + "\"A\nB\",S,,,,,\nC,S,,,,,x\n",
			`4:9: target_type: unknown target type "x": want one of military_base, diplomatic, airport, convoy, other`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadGazetteer(strings.NewReader(tt.input))
			if err == nil {
				t.Fatal("LoadGazetteer succeeded, want an error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q\nwant    %q", got, tt.want)
			}
			var pe *PositionError
			var me *MissingColumnsError
			if !errors.Is(err, ErrEmptyGazetteer) && !errors.As(err, &pe) && !errors.As(err, &me) {
				t.Errorf("error is a %T, want ErrEmptyGazetteer, *PositionError or *MissingColumnsError", err)
			}
		})
	}
}

// TestLoadGazetteerSameValues checks that rows of one site may write the
// same values differently: an empty group for the site's name, a target
// type's spelling, a coordinate's digits.
func TestLoadGazetteerSameValues(t *testing.T) {
	input := "alias,site,group,latitude,longitude,target_type\n" +
		"A,S,,33.80,42.4,military_base\n" +
		"B,S,S,33.8,42.40,Military Base\n" +
		"a,S,,33.8,42.4,military-base\n" // the key of A again, for the same site
	g, err := LoadGazetteer(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	want := []Place{{Site: "S", Group: "S", Position: &Position{33.8, 42.4}, TargetType: MilitaryBase}}
	if got := g.Places(); !reflect.DeepEqual(got, want) {
		t.Errorf("Places() = %+v, want %+v", got, want)
	}
}

func TestGazetteerLookupAllocs(t *testing.T) {
	g := loadShippedSites(t)
	for _, site := range []string{"Ain al-Asad Air Base", "ain al asad airbase", "Supply route, province unknown", "Nowhere"} {
		if n := testing.AllocsPerRun(100, func() { g.Lookup(site) }); n != 0 {
			t.Errorf("Lookup(%q): %v allocations, want 0", site, n)
		}
	}
}

func BenchmarkGazetteerLookup(b *testing.B) {
	g := loadShippedSites(b)
	sites := []string{"Supply route, Babil", "Ain al-Asad Air Base", "Camp Victory (BIAP)", "al asad airbase", "Unknown site"}
	for i := 0; b.Loop(); i++ {
		g.Lookup(sites[i%len(sites)])
	}
}

func loadShippedSites(tb testing.TB) *Gazetteer {
	tb.Helper()
	f, err := os.Open(shippedSites)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	g, err := LoadGazetteer(f)
	if err != nil {
		tb.Fatalf("%s:%v", shippedSites, err)
	}
	return g
}

// readGazetteerTestCSV reads a CSV file with encoding/csv, comment lines skipped,
// as one map from column name to value per row.
func readGazetteerTestCSV(tb testing.TB, path string) []map[string]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comment = '#'
	header, err := cr.Read()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		row := make(map[string]string, len(rec))
		for i, v := range rec {
			row[header[i]] = v
		}
		rows = append(rows, row)
	}
}

// TestShippedSitesCoverIncidents checks data/sites.csv against every row
// of data/incidents.csv: each site is known, with the row's province,
// country and target type, and with coordinates near GTD's for the row.
func TestShippedSitesCoverIncidents(t *testing.T) {
	g := loadShippedSites(t)
	// unlocated are the sites that the gazetteer gives no coordinates.
	unlocated := []string{"Supply route, province unknown"}
	for _, row := range readGazetteerTestCSV(t, gazetteerIncidentsCSV) {
		site := row["site"]
		p, ok := g.Lookup(site)
		if !ok {
			t.Errorf("%s: site %q is not in %s", row["id"], site, shippedSites)
			continue
		}
		if p.Site != site {
			t.Errorf("%s: site %q looks up to %q, want itself", row["id"], site, p.Site)
		}
		if pr := row["province"]; pr != "" && p.Province != pr {
			t.Errorf("%s: %q is in %q, the row says %q", row["id"], site, p.Province, pr)
		}
		if p.Country != row["country"] || string(p.TargetType) != row["target_type"] {
			t.Errorf("%s: %q is %s, %s; the row says %s, %s", row["id"], site, p.Country, p.TargetType, row["country"], row["target_type"])
		}
		if p.Position == nil {
			if !slices.Contains(unlocated, site) {
				t.Errorf("%s: %q has no coordinates", row["id"], site)
			}
			continue
		}
		// GTD's points are city level: Baghdad's is 13 km from the
		// airport. A convoy route's point is a town of the province.
		if row["latitude"] == "" || p.TargetType == Convoy {
			continue
		}
		gtd := Position{gazetteerDegrees(t, row["latitude"]), gazetteerDegrees(t, row["longitude"])}
		if d := gazetteerKm(*p.Position, gtd); d > 15 {
			t.Errorf("%s: %q is at %v, %.0f km from the row's %v", row["id"], site, *p.Position, d, gtd)
		}
	}
}

func gazetteerDegrees(tb testing.TB, s string) float64 {
	tb.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		tb.Fatalf("coordinate %q: %v", s, err)
	}
	return v
}

// gazetteerKm is the great-circle distance between a and b.
func gazetteerKm(a, b Position) float64 {
	const r = 6371
	rad := math.Pi / 180
	la1, la2 := a.Lat*rad, b.Lat*rad
	dla, dlo := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// TestShippedSitesGroups lists, by hand, the groups of data/sites.csv and
// the sites in each.
func TestShippedSitesGroups(t *testing.T) {
	want := map[string][]string{
		"Ain al-Asad Air Base":    {"Ain al-Asad Air Base"},
		"Balad Air Base":          {"Balad Air Base"},
		"Bashur / Harir Air Base": {"Bashur / Harir Air Base"},
		"Baghdad airport complex": {"Baghdad Diplomatic Support Center", "Baghdad International Airport", "Camp Victory (BIAP)"},
		"Erbil":                   {"Erbil Air Base", "US Consulate site, Erbil"},
		"Green Zone":              {"US Embassy Baghdad"},
		"Supply routes": {"Supply route, Al-Qadisiyah", "Supply route, Anbar", "Supply route, Babil",
			"Supply route, Baghdad", "Supply route, Basra", "Supply route, Dhi Qar", "Supply route, Muthanna",
			"Supply route, Salah al-Din", "Supply route, province unknown"},
	}
	got := make(map[string][]string)
	for _, p := range loadShippedSites(t).Places() {
		got[p.Group] = append(got[p.Group], p.Site)
		if p.Position != nil && (p.Position.Lat < 29 || p.Position.Lat > 37.5 || p.Position.Lon < 38.7 || p.Position.Lon > 48.7) {
			t.Errorf("%q is at %v, outside Iraq", p.Site, *p.Position)
		}
	}
	for _, sites := range got {
		slices.Sort(sites)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups = %v\nwant     %v", got, want)
	}
}

// TestShippedSitesAliases checks that every alias row of data/sites.csv
// gives its site's Place, and that no row repeats another's key.
func TestShippedSitesAliases(t *testing.T) {
	g := loadShippedSites(t)
	keys := make(map[string]string)
	for _, row := range readGazetteerTestCSV(t, shippedSites) {
		alias, site := row["alias"], row["site"]
		want, ok := g.Lookup(site)
		if !ok {
			t.Fatalf("site %q is not found", site)
		}
		if got, ok := g.Lookup(alias); !ok || !reflect.DeepEqual(got, want) || got.Site != site {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v", alias, got, ok, want)
		}
		k := string(siteKey(alias))
		if other, dup := keys[k]; dup {
			t.Errorf("alias %q has the key of %q: one row is enough", alias, other)
		}
		keys[k] = alias
	}
}

// TestShippedSitesSpellings checks the spellings the issue and the sources
// use, few of which are rows of their own.
func TestShippedSitesSpellings(t *testing.T) {
	g := loadShippedSites(t)
	tests := []struct {
		site      string
		spellings []string
	}{
		{"Ain al-Asad Air Base", []string{"Al Asad Airbase", "Ain al-Asad Airbase", "Ain al Asad", "Ayn al Asad",
			"Al-Asad Air Base", "ain al asad air base", "Ain Al-Asad Airbase", "Ain al-Assad airbase", "Al-Assad Airbase"}},
		{"Balad Air Base", []string{"Balad Airbase", "Joint Base Balad", "Al-Bakr Air Base", "Al Bakr Airbase", "balad"}},
		{"Erbil Air Base", []string{"Erbil Airport", "Erbil International Airport", "Erbil airbase", "Irbil airport", "Arbil Air Base"}},
		{"Bashur / Harir Air Base", []string{"Harir Air Base", "Harir Airbase", "Bashur", "Bashur Airfield", "al-Harir air base"}},
		{"Baghdad International Airport", []string{"BIAP", "Baghdad Airport", "Baghdad International Airport (BIAP)", "Baghdad Int'l Airport", "Baghdad intl. airport"}},
		{"Camp Victory (BIAP)", []string{"Camp Victory", "Victory Base Complex", "Victory Base", "VBC"}},
		{"Baghdad Diplomatic Support Center", []string{"BDSC", "Baghdad Diplomatic Support Centre", "Baghdad Diplomatic Support Center (BDSC)"}},
		{"US Embassy Baghdad", []string{"US Embassy", "U.S. Embassy", "U.S. Embassy in Baghdad", "Green Zone", "International Zone",
			"Embassy of the United States, Baghdad", "american embassy"}},
		{"US Consulate site, Erbil", []string{"US Consulate Erbil", "U.S. Consulate General in Erbil", "US consulate, Erbil"}},
		{"Supply route, Al-Qadisiyah", []string{"Supply route, Qadisiyah", "Supply route, Diwaniyah", "supply route al qadisiyah"}},
		{"Supply route, Dhi Qar", []string{"Supply route, Thi Qar", "Supply route - Dhi Qar"}},
		{"Supply route, Salah al-Din", []string{"Supply route, Salahuddin", "Supply route, Salah ad-Din"}},
		{"Supply route, province unknown", []string{"Supply route"}},
	}
	for _, tt := range tests {
		for _, s := range tt.spellings {
			if p, ok := g.Lookup(s); !ok || p.Site != tt.site {
				t.Errorf("Lookup(%q) = %q, %v; want %q", s, p.Site, ok, tt.site)
			}
		}
	}
	for _, s := range []string{"Al Asad Air Base Syria", "Asad", "Baghdad", "Erbil", "US Consulate Basra", "Supply route, Nineveh", "Camp Taji"} {
		if p, ok := g.Lookup(s); ok {
			t.Errorf("Lookup(%q) = %q, want no site", s, p.Site)
		}
	}
}

// FuzzLoadGazetteer checks that any input either fails with one of the
// documented errors or gives a gazetteer in which every site looks up to
// itself, and that a site key is its own key.
func FuzzLoadGazetteer(f *testing.F) {
	// The header and first rows of the shipped file, without its comment:
	// the whole file (10 KB) makes the mutator crawl.
	if data, err := os.ReadFile(shippedSites); err == nil {
		var head []byte
		for line := range bytes.Lines(data) {
			if !bytes.HasPrefix(line, []byte("#")) {
				head = append(head, line...)
			}
			if bytes.Count(head, []byte("\n")) == 6 {
				break
			}
		}
		f.Add(head)
	}
	for _, s := range []string{
		testGazetteer,
		"alias,site,latitude,longitude\nA,A,1e400,NaN\n",
		"alias,site,group\nAl Asad,Ain al-Asad Airbase,\nAIN AL ASAD AIR BASE,Ain al-Asad Airbase,Ain al-Asad Airbase\n",
		"alias,site\n\"a\nb\",c\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		key := siteKey(string(data))
		if again := siteKey(string(key)); !bytes.Equal(again, key) {
			t.Fatalf("siteKey(%q) = %q, but siteKey of that is %q", data, key, again)
		}
		g, err := LoadGazetteer(bytes.NewReader(data))
		if err != nil {
			var pe *PositionError
			var me *MissingColumnsError
			if !errors.Is(err, ErrEmptyGazetteer) && !errors.As(err, &pe) && !errors.As(err, &me) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		for _, p := range g.Places() {
			got, ok := g.Lookup(p.Site)
			if !ok || !reflect.DeepEqual(got, p) {
				t.Fatalf("Lookup(%q) = %+v, %v; want %+v", p.Site, got, ok, p)
			}
			if p.Group == "" {
				t.Fatalf("%q has no group", p.Site)
			}
			if pos := p.Position; pos != nil && !(math.Abs(pos.Lat) <= 90 && math.Abs(pos.Lon) <= 180) {
				t.Fatalf("%q is at %v", p.Site, *pos)
			}
		}
	})
}
