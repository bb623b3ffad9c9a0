package incident

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// gtdHeader is a GTD export's header: 27 of GTD's 135 columns, in GTD's
// order (eventid, iyear, imonth, iday, approxdate, extended, ... scite1).
const gtdHeader = "eventid,iyear,imonth,iday,approxdate,extended,country,country_txt,region_txt," +
	"provstate,city,latitude,longitude,summary,doubtterr,success,attacktype1_txt," +
	"targtype1_txt,targsubtype1_txt,target1,gname,weaptype1_txt,weapsubtype1_txt," +
	"weapdetail,nkill,nwound,scite1\n"

// gtdExport is a small GTD export, one row per case of TestGTDConvert, in
// its order. The summaries are written for the test, not GTD's.
const gtdExport = gtdHeader +
	// convoy IED: a roadside bomb, remotely triggered
	`202101040004,2021,1,4,,0,95,Iraq,Middle East & North Africa,Salah al-Din,Unknown,34.5338,43.4837,"01/04/2021: A roadside bomb struck a convoy of trucks carrying supplies for the coalition.",1,1,Bombing/Explosion,Business,Transportation,Convoy,Unknown,Explosives,Remote Trigger,A roadside bomb was used in the attack.,0,0,"Outlet A, ""Convoy hit"", January 7, 2021"` + "\n" +
	// rockets at a base, numbers written as floats
	`202103030011.0,2021.0,3.0,3.0,,0.0,95.0,Iraq,Middle East & North Africa,Anbar,Al-Baghdadi,33.7993,42.4311,"03/03/2021: Rockets struck Ain al-Asad Air Base, which hosts US forces.",0.0,1.0,Bombing/Explosion,Military,Military Barracks/Base/Headquarters/Checkpost,Ain al-Asad Air Base,Unknown,Explosives,"Projectile (rockets, mortars, RPGs, etc.)",Ten Katyusha rockets were fired.,1.0,0.0,"Outlet B, March 3, 2021"` + "\n" +
	// mortar, named by the summary only
	`202105030018,2021,5,3,,0,95,Iraq,Middle East & North Africa,Salah al-Din,Yathrib,33.9422,44.3674,05/03/2021: Two mortar rounds landed inside Balad Air Base.,0,1,Bombing/Explosion,Military,Military Barracks/Base/Headquarters/Checkpost,Balad Air Base,Unknown,Explosives,"Projectile (rockets, mortars, RPGs, etc.)",,0,1,` + "\n" +
	// firearms at supply trucks; casualties unknown
	`202104070028,2021,4,7,,0,95,Iraq,Middle East & North Africa,Salah al-Din,Balad district,33.8961,43.8868,04/07/2021: Gunmen opened fire on supply trucks near Balad.,0,1,Armed Assault,Business,Transportation,Supply trucks,Unknown,Firearms,Unknown Gun Type,,-99,-9,"Outlet C, April 8, 2021"` + "\n" +
	// a device found and defused; province unknown
	`202103310015,2021,3,31,,0,95,Iraq,Middle East & North Africa,Unknown,Unknown,32.0576,45.0151,03/31/2021: An explosive device was found near a coalition convoy and defused before it went off.,0,0,Bombing/Explosion,Business,Transportation,Convoy,Unknown,Explosives,Unknown Explosive Type,,0,0,"Outlet D, March 31, 2021"` + "\n" +
	// day unknown (iday 0)
	`202105000012,2021,5,0,May 2021,0,95,Iraq,Middle East & North Africa,Baghdad,Baghdad,33.3036,44.3718,05/2021: Rockets fell near the United States Embassy on a day not reported.,0,1,Bombing/Explosion,Government (Diplomatic),Embassy/Consulate,United States Embassy,Unknown,Explosives,"Projectile (rockets, mortars, RPGs, etc.)",Rockets,0,0,` + "\n" +
	// a drone shot down over an airport
	`202106150020,2021,6,15,,0,95,Iraq,Middle East & North Africa,Baghdad,Baghdad,33.3036,44.3718,06/15/2021: A drone was shot down over Baghdad International Airport.,0,0,Bombing/Explosion,Airports & Aircraft,Airport,Baghdad International Airport,Unknown,Explosives,Unknown Explosive Type,An explosives-laden drone was used.,0,0,"Outlet E, June 16, 2021"` + "\n" +
	// a named group; no site in target1, so the city; weapon unknown
	`202105060099,2021,5,6,,0,95,Iraq,Middle East & North Africa,Anbar,Fallujah,33.3543,43.7861,05/06/2021: Assailants attacked soldiers near Fallujah.,0,1,Armed Assault,Military,Military Unit/Patrol/Convoy,Soldiers,Ashab al-Kahf,Unknown,,,2,3,` + "\n" +
	// only the year is known
	`202100000001,2021,0,0,2021,0,95,Iraq,Middle East & North Africa,Basra,Basra,30.5085,47.7804,2021: A bomb went off at a company compound in Basra on a date not reported.,0,1,Bombing/Explosion,Business,Construction,Company compound,Unknown,Explosives,Time Fuse,,0,0,` + "\n" +
	// a failed attack, not found: executed; a day not in the month
	`202102300001,2021,2,30,,0,95,Iraq,Middle East & North Africa,Dhi Qar,Nasiriyah,31.0444,46.2615,"02/30/2021: A bomb meant for a logistics convoy went off early, harming no one.",0,0,Bombing/Explosion,Business,Transportation,Trucks,Unknown,Explosives,Remote Trigger,,0,0,` + "\n" +
	// no place at all: site empty, for the reader to reject at city
	`202106300001,2021,6,30,,0,95,Iraq,Middle East & North Africa,Unknown,Unknown,,,06/30/2021: Assailants attacked soldiers.,0,1,Armed Assault,Military,Military Unit/Patrol/Convoy,Soldiers,Unknown,Firearms,Handgun,,0,1,` + "\n"

// readGTD parses a GTD export and returns its header, its records and an
// adapter for them.
func readGTD(tb testing.TB, export string) ([]string, [][]string, adapter) {
	tb.Helper()
	recs, err := csv.NewReader(strings.NewReader(export)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	a, err := gtdFormat.adapter(recs[0], DefaultWeaponTerms())
	if err != nil {
		tb.Fatal(err)
	}
	return recs[0], recs[1:], a
}

// gtdPage is the source_url of a GTD event.
func gtdPage(id string) string { return gtdURL + id }

func TestGTDConvert(t *testing.T) {
	header, recs, a := readGTD(t, gtdExport)
	col := func(name string) int {
		if name == "" {
			return -1
		}
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return -1
	}
	// fixedFrom are the columns of the fields that always come from one.
	fixedFrom := map[field]string{
		fID: "eventid", fCountry: "country_txt", fProvince: "provstate",
		fKilled: "nkill", fWounded: "nwound", fOutcome: "success",
		fAttributedTo: "gname", fSource: "scite1", fSourceURL: "eventid",
		fNotes: "summary", fLatitude: "latitude", fLongitude: "longitude",
	}
	tests := []struct {
		name string
		// want are the canonical values; a field not named is empty.
		want map[field]string
		// from are the columns of date, site, target_type and weapon.
		from       map[field]string
		prec       Precision
		exclude    string
		excludeCol string
	}{{
		name: "convoy IED",
		want: map[field]string{
			fID: "202101040004", fDate: "2021-01-04", fCountry: "Iraq", fProvince: "Salah al-Din",
			fSite: "Supply route, Salah al-Din", fTargetType: "convoy", fWeapon: "ied",
			fKilled: "0", fWounded: "0", fOutcome: "executed",
			fSource: `GTD, citing Outlet A, "Convoy hit", January 7, 2021`, fSourceURL: gtdPage("202101040004"),
			fNotes:    "01/04/2021: A roadside bomb struck a convoy of trucks carrying supplies for the coalition.",
			fLatitude: "34.5338", fLongitude: "43.4837",
		},
		from: map[field]string{fDate: "iday", fSite: "provstate", fTargetType: "target1", fWeapon: "weapdetail"},
	}, {
		name: "Katyusha rockets at a base, numbers as floats",
		want: map[field]string{
			fID: "202103030011", fDate: "2021-03-03", fCountry: "Iraq", fProvince: "Anbar",
			fSite: "Ain al-Asad Air Base", fTargetType: "military_base", fWeapon: "rocket",
			fKilled: "1", fWounded: "0", fOutcome: "executed",
			fSource: "GTD, citing Outlet B, March 3, 2021", fSourceURL: gtdPage("202103030011"),
			fNotes:    "03/03/2021: Rockets struck Ain al-Asad Air Base, which hosts US forces.",
			fLatitude: "33.7993", fLongitude: "42.4311",
		},
		from: map[field]string{fDate: "iday", fSite: "target1", fTargetType: "targtype1_txt", fWeapon: "weapdetail"},
	}, {
		name: "mortar named by the summary",
		want: map[field]string{
			fID: "202105030018", fDate: "2021-05-03", fCountry: "Iraq", fProvince: "Salah al-Din",
			fSite: "Balad Air Base", fTargetType: "military_base", fWeapon: "mortar",
			fKilled: "0", fWounded: "1", fOutcome: "executed",
			fSource: "GTD", fSourceURL: gtdPage("202105030018"),
			fNotes:    "05/03/2021: Two mortar rounds landed inside Balad Air Base.",
			fLatitude: "33.9422", fLongitude: "44.3674",
		},
		from: map[field]string{fDate: "iday", fSite: "target1", fTargetType: "targtype1_txt", fWeapon: "summary"},
	}, {
		name: "firearms at supply trucks, casualties unknown",
		want: map[field]string{
			fID: "202104070028", fDate: "2021-04-07", fCountry: "Iraq", fProvince: "Salah al-Din",
			fSite: "Supply route, Salah al-Din", fTargetType: "convoy", fWeapon: "small_arms",
			fOutcome: "executed",
			fSource:  "GTD, citing Outlet C, April 8, 2021", fSourceURL: gtdPage("202104070028"),
			fNotes:    "04/07/2021: Gunmen opened fire on supply trucks near Balad.",
			fLatitude: "33.8961", fLongitude: "43.8868",
		},
		from: map[field]string{fDate: "iday", fSite: "provstate", fTargetType: "target1", fWeapon: "weaptype1_txt"},
	}, {
		name: "device found and defused",
		want: map[field]string{
			fID: "202103310015", fDate: "2021-03-31", fCountry: "Iraq",
			fSite: "Supply route, province unknown", fTargetType: "convoy", fWeapon: "ied",
			fKilled: "0", fWounded: "0", fOutcome: "foiled",
			fSource: "GTD, citing Outlet D, March 31, 2021", fSourceURL: gtdPage("202103310015"),
			fNotes:    "03/31/2021: An explosive device was found near a coalition convoy and defused before it went off.",
			fLatitude: "32.0576", fLongitude: "45.0151",
		},
		from: map[field]string{fDate: "iday", fSite: "provstate", fTargetType: "target1", fWeapon: "weapsubtype1_txt"},
	}, {
		name: "day unknown",
		want: map[field]string{
			fID: "202105000012", fDate: "2021-05-01", fCountry: "Iraq", fProvince: "Baghdad",
			fSite: "United States Embassy", fTargetType: "diplomatic", fWeapon: "rocket",
			fKilled: "0", fWounded: "0", fOutcome: "executed",
			fSource: "GTD", fSourceURL: gtdPage("202105000012"),
			fNotes:    "05/2021: Rockets fell near the United States Embassy on a day not reported.",
			fLatitude: "33.3036", fLongitude: "44.3718",
		},
		from: map[field]string{fDate: "iday", fSite: "target1", fTargetType: "targtype1_txt", fWeapon: "weapdetail"},
		prec: Month,
	}, {
		name: "drone shot down over an airport",
		want: map[field]string{
			fID: "202106150020", fDate: "2021-06-15", fCountry: "Iraq", fProvince: "Baghdad",
			fSite: "Baghdad International Airport", fTargetType: "airport", fWeapon: "drone",
			fKilled: "0", fWounded: "0", fOutcome: "intercepted",
			fSource: "GTD, citing Outlet E, June 16, 2021", fSourceURL: gtdPage("202106150020"),
			fNotes:    "06/15/2021: A drone was shot down over Baghdad International Airport.",
			fLatitude: "33.3036", fLongitude: "44.3718",
		},
		from: map[field]string{fDate: "iday", fSite: "target1", fTargetType: "targtype1_txt", fWeapon: "weapdetail"},
	}, {
		name: "named group, site from the city, weapon unknown",
		want: map[field]string{
			fID: "202105060099", fDate: "2021-05-06", fCountry: "Iraq", fProvince: "Anbar",
			fSite: "Fallujah", fTargetType: "military_base", fWeapon: "other",
			fKilled: "2", fWounded: "3", fOutcome: "executed", fAttributedTo: "Ashab al-Kahf",
			fSource: "GTD", fSourceURL: gtdPage("202105060099"),
			fNotes:    "05/06/2021: Assailants attacked soldiers near Fallujah.",
			fLatitude: "33.3543", fLongitude: "43.7861",
		},
		from: map[field]string{fDate: "iday", fSite: "city", fTargetType: "targtype1_txt", fWeapon: "weaptype1_txt"},
	}, {
		name: "only the year",
		want: map[field]string{
			fID: "202100000001", fDate: "2021-01-01", fCountry: "Iraq", fProvince: "Basra",
			fSite: "Company compound", fTargetType: "other", fWeapon: "ied",
			fKilled: "0", fWounded: "0", fOutcome: "executed",
			fSource: "GTD", fSourceURL: gtdPage("202100000001"),
			fNotes:    "2021: A bomb went off at a company compound in Basra on a date not reported.",
			fLatitude: "30.5085", fLongitude: "47.7804",
		},
		from:       map[field]string{fDate: "imonth", fSite: "target1", fTargetType: "targtype1_txt", fWeapon: "weapsubtype1_txt"},
		prec:       Month,
		exclude:    "GTD gives only the year (imonth 0): an event not known to its month cannot be counted by month",
		excludeCol: "imonth",
	}, {
		name: "failed, not found: executed; day not in the month",
		want: map[field]string{
			fID: "202102300001", fDate: "2021-02-30", fCountry: "Iraq", fProvince: "Dhi Qar",
			fSite: "Supply route, Dhi Qar", fTargetType: "convoy", fWeapon: "ied",
			fKilled: "0", fWounded: "0", fOutcome: "executed",
			fSource: "GTD", fSourceURL: gtdPage("202102300001"),
			fNotes:    "02/30/2021: A bomb meant for a logistics convoy went off early, harming no one.",
			fLatitude: "31.0444", fLongitude: "46.2615",
		},
		from: map[field]string{fDate: "iday", fSite: "provstate", fTargetType: "target1", fWeapon: "weapsubtype1_txt"},
	}, {
		name: "no place",
		want: map[field]string{
			fID: "202106300001", fDate: "2021-06-30", fCountry: "Iraq",
			fTargetType: "military_base", fWeapon: "small_arms",
			fKilled: "0", fWounded: "1", fOutcome: "executed",
			fSource: "GTD", fSourceURL: gtdPage("202106300001"),
			fNotes: "06/30/2021: Assailants attacked soldiers.",
		},
		from: map[field]string{fDate: "iday", fSite: "city", fTargetType: "targtype1_txt", fWeapon: "weaptype1_txt"},
	}}
	if len(tests) != len(recs) {
		t.Fatalf("%d cases for %d rows", len(tests), len(recs))
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst, from := make([]string, numFields), make([]int, numFields)
			exclude, excludeCol, prec := a.convert(recs[i], dst, from)
			for f := range numFields {
				if got, want := dst[f], tc.want[f]; got != want {
					t.Errorf("%s=%q, want %q", fieldNames[f], got, want)
				}
				wantFrom := fixedFrom[f]
				if c, ok := tc.from[f]; ok {
					wantFrom = c
				}
				if got, want := from[f], col(wantFrom); got != want {
					t.Errorf("from[%s]=%d, want %d (%q)", fieldNames[f], got, want, wantFrom)
				}
			}
			if got, want := prec, tc.prec; got != want {
				t.Errorf("precision=%v, want %v", got, want)
			}
			if got, want := exclude, tc.exclude; got != want {
				t.Errorf("exclude=%q, want %q", got, want)
			}
			if got, want := excludeCol, col(tc.excludeCol); got != want {
				t.Errorf("excludeCol=%d, want %d (%q)", got, want, tc.excludeCol)
			}
		})
	}
}

// TestGTDConvertReuse converts into the same slices twice: nothing of the
// first row is left in the second.
func TestGTDConvertReuse(t *testing.T) {
	_, recs, a := readGTD(t, gtdExport)
	dst, from := make([]string, numFields), make([]int, numFields)
	a.convert(recs[7], dst, from) // attributed, no source
	a.convert(recs[10], dst, from)
	if got, want := dst[fAttributedTo], ""; got != want {
		t.Errorf("attributed_to=%q, want %q", got, want)
	}
	if got, want := dst[fLatitude], ""; got != want {
		t.Errorf("latitude=%q, want %q", got, want)
	}
}

func TestGTDDate(t *testing.T) {
	tests := []struct {
		year, month, day string
		date             string
		col              gtdColumn
		prec             Precision
		yearOnly         bool
	}{
		{"2021", "6", "9", "2021-06-09", gDay, Day, false},
		{"2021", "06", "09", "2021-06-09", gDay, Day, false},
		{"2021.0", "6.0", "9.00", "2021-06-09", gDay, Day, false},
		{"2021", "6", "0", "2021-06-01", gDay, Month, false},
		{"2021", "0", "0", "2021-01-01", gMonth, Month, true},
		{"2021", "0", "12", "2021-01-01", gMonth, Month, true},
		{"2021", "2", "30", "2021-02-30", gDay, Day, false},
		{"2021", "13", "1", "2021-13-01", gMonth, Day, false},
		{"2021", "13", "0", "2021-13-01", gMonth, Day, false},
		{"2021", "x", "4", "2021-x-4", gMonth, Day, false},
		{"21x", "1", "4", "21x-1-4", gYear, Day, false},
		{"2021", "1", "", "2021-1-", gDay, Day, false},
		{"2021", "1", "-1", "2021-1--1", gDay, Day, false},
		{"2021", "1", "4.5", "2021-1-4.5", gDay, Day, false},
		{"20211", "1", "4", "20211-1-4", gYear, Day, false},
		{"", "", "", "", gYear, Day, false},
	}
	for _, tc := range tests {
		t.Run(tc.year+"-"+tc.month+"-"+tc.day, func(t *testing.T) {
			date, col, prec, yearOnly := gtdDate(tc.year, tc.month, tc.day)
			if date != tc.date || col != tc.col || prec != tc.prec || yearOnly != tc.yearOnly {
				t.Errorf("gtdDate=%q, %s, %v, %v; want %q, %s, %v, %v",
					date, gtdColumnNames[col], prec, yearOnly, tc.date, gtdColumnNames[tc.col], tc.prec, tc.yearOnly)
			}
		})
	}
}

func TestGTDCount(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "0": "0", "3": "3", "3.0": "3", "-99": "", "-9": "", "-99.0": "",
		"-1": "-1", "2.5": "2.5", "x": "x", ".0": ".0", "1.": "1",
	} {
		if got := gtdCount(in); got != want {
			t.Errorf("gtdCount(%q)=%q, want %q", in, got, want)
		}
	}
}

func TestGTDWeapon(t *testing.T) {
	a, err := newGTDAdapter([]string{"eventid", "iyear", "imonth", "iday"}, DefaultWeaponTerms())
	if err != nil {
		t.Fatal(err)
	}
	const projectile = "Projectile (rockets, mortars, RPGs, etc.)"
	tests := []struct {
		typ, sub, detail, summary string
		want                      Weapon
		from                      gtdColumn
	}{
		{"Firearms", "Automatic or Semi-Automatic Rifle", "", "", SmallArms, gWeapType},
		{"Firearms", "Unknown Gun Type", "Rockets", "", SmallArms, gWeapType},
		{"Explosives", projectile, "Katyusha rockets", "", Rocket, gWeapDetail},
		{"Explosives", projectile, "107mm rockets", "mortar", Rocket, gWeapDetail},
		{"Explosives", projectile, "", "Three mortar shells hit the base.", Mortar, gSummary},
		{"Explosives", projectile, "Unknown", "An RPG was fired at the gate.", SmallArms, gSummary},
		{"Explosives", projectile, "", "Projectiles hit the base.", Rocket, gWeapSubtype},
		{"Explosives", "Remote Trigger", "", "", IED, gWeapSubtype},
		{"Explosives", "Remote Trigger", "", "A rocket attack came the day before.", IED, gWeapSubtype},
		{"Explosives", "Unknown Explosive Type", "A roadside bomb was used.", "", IED, gWeapDetail},
		{"Explosives", "Unknown Explosive Type", "", "An explosive device hit a convoy.", IED, gWeapSubtype},
		{"Explosives", "Unknown Explosive Type", "", "A drone dropped explosives on the base.", Drone, gSummary},
		{"Explosives", "Other Explosive Type", "An explosives-laden drone was used.", "", Drone, gWeapDetail},
		{"Explosives", "", "", "", IED, gWeapSubtype},
		{"Explosives", "Grenade", "", "", OtherWeapon, gWeapSubtype},
		{"Explosives", "Vehicle", "", "", IED, gWeapSubtype},
		{"Unknown", "", "", "Assailants fired rockets at the base.", Rocket, gSummary},
		{"Unknown", "", "Unknown", "Assailants attacked the base.", OtherWeapon, gWeapType},
		{"", "", "", "", OtherWeapon, gWeapType},
		{"Incendiary", "Arson/Fire", "", "Rockets set fire to a store.", OtherWeapon, gWeapType},
		{"Melee", "Knife", "", "", OtherWeapon, gWeapType},
	}
	for _, tc := range tests {
		t.Run(tc.typ+"/"+tc.sub+"/"+tc.detail+"/"+tc.summary, func(t *testing.T) {
			w, from := a.(*gtdAdapter).weapon(tc.typ, tc.sub, tc.detail, tc.summary)
			if w != tc.want || from != tc.from {
				t.Errorf("weapon=%v from %s, want %v from %s", w, gtdColumnNames[from], tc.want, gtdColumnNames[tc.from])
			}
		})
	}
}

func TestGTDTargetType(t *testing.T) {
	tests := []struct {
		targtype, target string
		want             TargetType
	}{
		{"Military", "Soldiers", MilitaryBase},
		{"Military", "Baghdad International Airport", MilitaryBase},
		{"Government (Diplomatic)", "United States Embassy", Diplomatic},
		{"Airports & Aircraft", "Baghdad International Airport", Airport},
		{"Business", "Contractors at Balad Air Base", MilitaryBase},
		{"Government (General)", "US Consulate", Diplomatic},
		{"Transportation", "Erbil airport road", Airport},
		{"Private Citizens & Property", "House", OtherTarget},
		{"", "", OtherTarget},
	}
	for _, tc := range tests {
		if got := gtdTargetType(tc.targtype, tc.target); got != tc.want {
			t.Errorf("gtdTargetType(%q, %q)=%q, want %q", tc.targtype, tc.target, got, tc.want)
		}
	}
}

func TestGTDDetect(t *testing.T) {
	header, _, _ := readGTD(t, gtdExport)
	f, err := detectFormat(header)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Name, "gtd"; got != want {
		t.Errorf("format=%q, want %q", got, want)
	}
	if f, err := FormatByName(" GTD "); err != nil || f != gtdFormat {
		t.Errorf("FormatByName(GTD)=%v, %v; want the GTD format", f, err)
	}

	// The canonical header is still canonical.
	if f, err := detectFormat(Columns()); err != nil || f.Name != "canonical" {
		t.Errorf("canonical header: format %v, %v; want canonical", f, err)
	}

	// A GTD header without iday looks like GTD.
	var noDay []string
	for _, h := range header {
		if h != "iday" {
			noDay = append(noDay, h)
		}
	}
	_, err = detectFormat(noDay)
	var mc *MissingColumnsError
	if !errors.As(err, &mc) {
		t.Fatalf("err=%v, want a *MissingColumnsError", err)
	}
	found := make([]string, len(noDay))
	for i, h := range noDay {
		found[i] = fmt.Sprintf("%q", h)
	}
	if got, want := err.Error(), "looks like a GTD export missing iday (columns found: "+strings.Join(found, ", ")+")"; got != want {
		t.Errorf("err=%s\nwant %s", got, want)
	}

	// The adapter says the same when the format is named, not detected.
	_, err = gtdFormat.adapter([]string{"EventID", "iyear", "summary"}, DefaultWeaponTerms())
	if got, want := fmt.Sprint(err), `looks like a GTD export missing imonth, iday (columns found: "EventID", "iyear", "summary")`; got != want {
		t.Errorf("err=%s\nwant %s", got, want)
	}
}

// TestGTDHeaderNames finds GTD's columns whatever their case, spacing and
// order, and reads a column named twice from its first place.
func TestGTDHeaderNames(t *testing.T) {
	header := []string{" NKILL ", "iday", "IMonth", "iyear", "EventID", "nkill"}
	a, err := newGTDAdapter(header, DefaultWeaponTerms())
	if err != nil {
		t.Fatal(err)
	}
	dst, from := make([]string, numFields), make([]int, numFields)
	a.convert([]string{"4", "7", "6", "2021", "1", "5"}, dst, from)
	if got, want := dst[fDate], "2021-06-07"; got != want {
		t.Errorf("date=%q, want %q", got, want)
	}
	if got, want := dst[fKilled], "4"; got != want {
		t.Errorf("killed=%q, want %q", got, want)
	}
	if got, want := dst[fSource], "GTD"; got != want {
		t.Errorf("source=%q, want %q", got, want)
	}
	if got, want := from[fSite], -1; got != want {
		t.Errorf("from[site]=%d, want %d: neither city nor target1 is there", got, want)
	}
}

// TestGTDConcurrent converts the export on several goroutines at once with
// one adapter (run with -race).
func TestGTDConcurrent(t *testing.T) {
	_, recs, a := readGTD(t, gtdExport)
	want := make([][]string, len(recs))
	for i, rec := range recs {
		want[i] = make([]string, numFields)
		a.convert(rec, want[i], make([]int, numFields))
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			dst, from := make([]string, numFields), make([]int, numFields)
			for range 50 {
				for i, rec := range recs {
					a.convert(rec, dst, from)
					if strings.Join(dst, "\x00") != strings.Join(want[i], "\x00") {
						t.Errorf("row %d differs on another goroutine", i)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// FuzzGTDConvert converts any record of the header's length: no panic,
// only canonical codes in the vocabulary fields, from and excludeCol
// within the record.
func FuzzGTDConvert(f *testing.F) {
	header, recs, a := readGTD(f, gtdExport)
	for _, rec := range recs {
		f.Add(strings.Join(rec, "\x1f"))
	}
	f.Add("")
	f.Add("1.0\x1f-0.0\x1f.\x1f0000000000000000000009")
	f.Fuzz(func(t *testing.T, s string) {
		rec := make([]string, len(header))
		copy(rec, strings.Split(s, "\x1f"))
		dst, from := make([]string, numFields), make([]int, numFields)
		exclude, excludeCol, prec := a.convert(rec, dst, from)
		if _, ok := ParseWeapon(dst[fWeapon]); !ok {
			t.Errorf("weapon=%q", dst[fWeapon])
		}
		if _, ok := parseTerm(dst[fTargetType], TargetTypes); !ok {
			t.Errorf("target_type=%q", dst[fTargetType])
		}
		if _, ok := parseTerm(dst[fOutcome], Outcomes); !ok {
			t.Errorf("outcome=%q", dst[fOutcome])
		}
		if dst[fSite] == "" && dst[fTargetType] == string(Convoy) {
			t.Errorf("a convoy with no site")
		}
		for f, i := range from {
			if i < -1 || i >= len(rec) {
				t.Errorf("from[%s]=%d, record has %d fields", fieldNames[f], i, len(rec))
			}
		}
		if exclude != "" && (excludeCol < 0 || excludeCol >= len(rec)) {
			t.Errorf("excludeCol=%d", excludeCol)
		}
		if prec > Month {
			t.Errorf("precision=%d", prec)
		}
		if utf8.ValidString(s) {
			for f, v := range dst {
				if !utf8.ValidString(v) {
					t.Errorf("%s=%q is not UTF-8", fieldNames[f], v)
				}
			}
		}
	})
}

// BenchmarkGTDConvert converts the rows of the test export, one op a row.
func BenchmarkGTDConvert(b *testing.B) {
	_, recs, a := readGTD(b, gtdExport)
	dst, from := make([]string, numFields), make([]int, numFields)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a.convert(recs[i%len(recs)], dst, from)
		i++
	}
}
