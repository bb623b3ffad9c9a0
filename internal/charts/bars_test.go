package charts

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"

	"report/internal/incident"
	"report/internal/stats"
)

// TestFittedLabels: the labels over vertical bars shrink together until
// the widest (three digits, 1.668 em) leaves 3 points to the next bar,
// down to 9 points, else none is drawn; labels beside horizontal bars
// keep their size.
func TestFittedLabels(t *testing.T) {
	for _, tc := range []struct {
		horizontal bool
		spacing    vg.Length
		want       vg.Length
		show       bool
	}{
		{false, 30, 13, true},  // 13 x 1.668 + 3 = 24.7
		{false, 22, 11, true},  // 11 x 1.668 + 3 = 21.3; 12 gives 23.0
		{false, 18.1, 9, true}, // 9 x 1.668 + 3 = 18.0
		{false, 17, 13, false}, // none
		{true, 1, 13, true},
	} {
		b := &stackedBars{horizontal: tc.horizontal, labels: []string{"5", "", "241", "17"}, labelStyle: barLabelStyle()}
		sty, show := b.fittedLabels(tc.spacing)
		if sty.Font.Size != tc.want || show != tc.show {
			t.Errorf("horizontal %v, spacing %v: size %v, show %v; want %v, %v", tc.horizontal, tc.spacing, sty.Font.Size, show, tc.want, tc.show)
		}
	}
}

// TestSitesOtherNotHatched checks that the bar of "Other sites (K)" is
// never hatched as a convoy route, even when all the sites it sums are
// convoy routes, while the convoy routes shown by name are.
func TestSitesOtherNotHatched(t *testing.T) {
	first := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	var all []stats.Site
	for i := range topSites + maxOthers + 2 {
		site := stats.Site{Name: fmt.Sprintf("Route %02d", i), Incidents: 1, Convoys: 1, First: first, Last: first}
		site.ByWeapon[incident.IED] = 1
		all = append(all, site)
	}
	fixed := stats.Site{Name: "Base", Incidents: 9, First: first, Last: first}
	for _, tc := range []struct {
		name  string
		sites []stats.Site
		want  []int
	}{
		// Categories count from the bottom: with 20 sites, 0 is "Other
		// sites (5)" and 1 to 15 the routes named.
		{"other sites", all, []int{15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
		{"all shown", all[:3], []int{2, 1, 0}},
		{"a base among routes", append([]stats.Site{fixed}, all[:2]...), []int{1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := convoyCategories(shownSites(tc.sites))
			if !slices.Equal(got, tc.want) {
				t.Errorf("hatched %v, want %v", got, tc.want)
			}
		})
	}
}
