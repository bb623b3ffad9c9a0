package main

import (
	"slices"
	"testing"

	"report/internal/summary"
)

// file is a summary.json of two months, one site and the six weapons.
func file() *summary.File {
	var jan, feb summary.Totals
	jan.Incidents, jan.Munitions, jan.Killed = 2, 5, 1
	jan.ByWeapon[0], jan.ByWeapon[1] = 1, 1 // rocket, drone
	feb.Incidents, feb.Munitions = 1, 1
	feb.ByWeapon[3] = 1 // ied
	total := jan
	total.Incidents, total.Munitions = 3, 6
	total.ByWeapon[3] = 1
	s := &summary.File{Totals: total}
	s.ByMonth = []summary.Month{{Month: "2021-01", Totals: jan}, {Month: "2021-02", Totals: feb}}
	s.BySite = []summary.Site{{Site: "Ain al-Asad Air Base", Incidents: 3, ByWeapon: total.ByWeapon}}
	for _, w := range []string{"rocket", "drone", "mortar", "ied", "small_arms", "other"} {
		s.ByWeapon = append(s.ByWeapon, summary.Weapon{Weapon: w})
	}
	s.ByWeapon[0].Incidents, s.ByWeapon[0].Munitions, s.ByWeapon[0].Killed = 1, 4, 1
	s.ByWeapon[1].Incidents, s.ByWeapon[1].Munitions = 1, 1
	s.ByWeapon[3].Incidents, s.ByWeapon[3].Munitions = 1, 1
	return s
}

// grids are the four sheets as the workbook shows file's figures.
func grids() map[string][][]string {
	weapons := []string{"Rocket", "Drone", "Mortar", "IED", "Small arms", "Other"}
	return map[string][][]string{
		"By Month": {
			append([]string{"Month", "Incidents", "95% low", "Munitions", "Intercepted", "Killed", "Wounded"}, weapons...),
			{"Jan 2021", "2", "0.2", "5", "0", "1", "0", "1", "1", "0", "0", "0", "0"},
			{"Feb 2021", "1", "0.0", "1", "0", "0", "0", "0", "0", "0", "1", "0", "0"},
			{"Total", "3", "", "6", "0", "1", "0", "1", "1", "0", "1", "0", "0"},
		},
		"By Site": {
			append([]string{"Site", "Incidents"}, weapons...),
			{"Ain al-Asad Air Base", "3", "1", "1", "0", "1", "0", "0"},
			{"Total (1 sites)", "3", "1", "1", "0", "1", "0", "0"},
		},
		"By Weapon": {
			{"Weapon", "Incidents", "Munitions", "Intercepted", "Killed", "Wounded", "Share of incidents"},
			{"Rocket", "1", "4", "0", "1", "0", "33.3%"},
			{"Drone", "1", "1", "0", "0", "0", "33.3%"},
			{"Mortar", "0", "0", "0", "0", "0", "0.0%"},
			{"IED", "1", "1", "0", "0", "0", "33.3%"},
			{"Small arms", "0", "0", "0", "0", "0", "0.0%"},
			{"Other", "0", "0", "0", "0", "0", "0.0%"},
			{"Total", "3", "6", "0", "1", "0", "100.0%"},
		},
		"Month x Weapon": {
			append(append([]string{"Month"}, weapons...), "Total"),
			{"Jan 2021", "1", "1", "0", "0", "0", "0", "2"},
			{"Feb 2021", "0", "0", "0", "1", "0", "0", "1"},
			{"Total", "1", "1", "0", "1", "0", "0", "3"},
		},
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name   string
		change func(map[string][][]string)
		want   []string
	}{
		{"equal", func(map[string][][]string) {}, nil},
		{"a month's count", func(g map[string][][]string) { g["By Month"][2][1] = "2" },
			[]string{`LibreOffice: By Month, row 2021-02, Incidents: "2", summary.json 1`}},
		{"a total", func(g map[string][][]string) { g["By Weapon"][7][2] = "7" },
			[]string{`LibreOffice: By Weapon, row Total, Munitions: "7", summary.json 6`}},
		{"an error value", func(g map[string][][]string) { g["By Site"][1][5] = "Err:504" },
			[]string{`LibreOffice: By Site, row Ain al-Asad Air Base, IED: "Err:504", summary.json 1`}},
		{"a missing row", func(g map[string][][]string) { g["Month x Weapon"] = g["Month x Weapon"][:3] },
			[]string{"LibreOffice: Month x Weapon: no row Total"}},
		{"a missing sheet", func(g map[string][][]string) { delete(g, "By Site") },
			[]string{"LibreOffice: By Site: no such sheet, or empty"}},
		// The Total row is the last: a site above it whose name
		// starts with "Total" is not taken for it.
		{"a site named Total", func(g map[string][][]string) {
			g["By Site"][1] = []string{"Total Camp", "9", "9", "9", "9", "9", "9", "9"}
		}, []string{"LibreOffice: By Site: no row Ain al-Asad Air Base"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := grids()
			tt.change(g)
			checked, got := compare("LibreOffice", expected(file()), g)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems\n%q\nwant\n%q", got, tt.want)
			}
			// 2 months and the total of 11 figures, 1 site and the
			// total of 7, 6 weapons and the total of 5, 3 rows of 7.
			if want := 3*11 + 2*7 + 7*5 + 3*7; tt.name == "equal" && checked != want {
				t.Errorf("checked %d figures, want %d", checked, want)
			}
		})
	}
}
