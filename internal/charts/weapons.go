package charts

import (
	"fmt"
	"strconv"

	"report/internal/stats"
)

// weaponsFigure builds the weapons chart: one horizontal bar per weapon
// with incidents, in its colour, first weapon at the top, each labelled
// with its incidents, munitions and munitions intercepted:
// "20 incidents · 78 munitions · 2 intercepted". Weapons without
// incidents are left out. It has no legend: the
// axis names the weapons, and a legend would say it again.
func weaponsFigure(s *stats.Summary) (*figure, error) {
	const title = "Incidents by weapon"
	sub := period(s.First, s.Last)
	ws := usedWeapons(s)
	if s.Total.Incidents == 0 || len(ws) == 0 {
		return emptyFigure(title, sub, noIncidents), nil
	}
	n := len(ws)
	names := make([]string, n)
	bars := &stackedBars{horizontal: true, width: 0.6, labels: make([]string, n), labelStyle: barLabelStyle()}
	top := 0
	for i, w := range ws {
		// One layer per weapon, non-zero only in its own category, so
		// each bar has its weapon's colour.
		c, err := parseColor(w.Color())
		if err != nil {
			return nil, fmt.Errorf("weapon %s: %w", w, err)
		}
		l := barLayer{color: c, values: make([]float64, n)}
		k := n - 1 - i // the first weapon at the top
		count := s.Total.ByWeapon[w]
		l.values[k] = float64(count)
		bars.layers = append(bars.layers, l)
		names[k] = w.Label()
		var wt stats.WeaponTotals // zero when s has no entry for w
		if int(w) < len(s.Weapons) {
			wt = s.Weapons[w]
		}
		bars.labels[k] = plural(count, "incident", "incidents") + " · " +
			plural(wt.Munitions, "munition", "munitions") + " · " +
			strconv.Itoa(wt.Intercepted) + " intercepted"
		top = max(top, count)
	}
	p := horizontalBarPlot("Weapon", names, top, bars)
	return &figure{title: title, subtitle: sub, plot: p}, nil
}
