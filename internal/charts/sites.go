package charts

import (
	"strconv"

	"report/internal/stats"
)

// topSites is the number of sites Sites shows before it sums the rest.
const topSites = 15

// maxSiteName is the most characters of a site name Sites shows: longer
// names end in "…" after maxSiteName-1 characters. Real names are far
// shorter ("Baghdad Diplomatic Support Center" has 33).
const maxSiteName = 60

// shorten returns s, or its first n-1 characters and "…" when it has more
// than n.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// sitesFigure builds the figure of Sites.
func sitesFigure(s *stats.Summary) (*figure, error) {
	title := "Incidents by site"
	if s.SitesByGroup {
		title = "Incidents by site group"
	}
	if len(s.Sites) > topSites {
		title += ", top 15"
	}
	sub := period(s.First, s.Last)
	if s.Total.Incidents == 0 || len(s.Sites) == 0 {
		return emptyFigure(title, sub, noIncidents), nil
	}
	ws := usedWeapons(s)
	legend, err := weaponLegend(ws)
	if err != nil {
		return nil, err
	}
	sites := stats.TopSites(s.Sites, topSites)
	n := len(sites)
	// Category 0 is at the bottom: the last site comes first.
	names := make([]string, n)
	bars := &stackedBars{horizontal: true, width: 0.7, labels: make([]string, n), labelStyle: barLabelStyle()}
	for i, w := range ws {
		l := barLayer{color: legend[i].color, values: make([]float64, n)}
		for j := range sites {
			l.values[n-1-j] = float64(sites[j].ByWeapon[w])
		}
		bars.layers = append(bars.layers, l)
	}
	top := 0
	for j, site := range sites {
		names[n-1-j] = shorten(site.Name, maxSiteName)
		bars.labels[n-1-j] = strconv.Itoa(site.Incidents)
		top = max(top, int(bars.total(n-1-j)))
	}

	axis := "Site"
	if s.SitesByGroup {
		axis = "Site group"
	}
	p := horizontalBarPlot(axis, names, top, bars)
	return &figure{title: title, subtitle: sub, legend: legend, plot: p}, nil
}
