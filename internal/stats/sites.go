package stats

import (
	"math"
	"slices"
	"strings"

	"report/internal/incident"
)

// positionScale is the fixed point in which positions are summed: 1e-6
// degrees, about 10 cm, finer than any input gives.
const positionScale = 1e6

// siteCounts is what the Accumulator keeps of one site: its Site, its
// incidents per month, and the sum and range of its positions.
type siteCounts struct {
	Site
	months window[int]
	// latSum and lonSum add the Located positions in positionScale units,
	// exactly, whatever the order; the ranges give Spread.
	latSum, lonSum                 int64
	latMin, latMax, lonMin, lonMax float64
}

// add counts inc, of the given month number, at the site. By group
// (Options.ByGroup) the site is made with its Group its Name, which add
// keeps: its incidents' groups are that name or none.
func (c *siteCounts) add(inc *incident.Incident, month int) {
	s := &c.Site
	s.Incidents++
	s.ByWeapon[inc.Weapon]++
	if inc.Date.Before(s.First) {
		s.First = inc.Date
	}
	if inc.Date.After(s.Last) {
		s.Last = inc.Date
	}
	if inc.TargetType == incident.Convoy {
		s.Convoys++
	}
	if inc.Group != "" && (s.Group == "" || inc.Group < s.Group) {
		s.Group = strings.Clone(inc.Group)
	}
	*c.months.at(month)++
	if p := inc.Position; p != nil {
		if s.Located == 0 {
			c.latMin, c.latMax, c.lonMin, c.lonMax = p.Lat, p.Lat, p.Lon, p.Lon
		}
		s.Located++
		c.latSum += int64(math.Round(p.Lat * positionScale))
		c.lonSum += int64(math.Round(p.Lon * positionScale))
		c.latMin, c.latMax = min(c.latMin, p.Lat), max(c.latMax, p.Lat)
		c.lonMin, c.lonMax = min(c.lonMin, p.Lon), max(c.lonMax, p.Lon)
	}
}

// site returns the Site, its Months a copy of its own months' counts
// (FirstMonth counted from month number base, the Summary's first), its
// Position the mean of its positions.
func (c *siteCounts) site(base int) Site {
	s := c.Site
	s.Months = slices.Clone(c.months.values)
	s.FirstMonth = c.months.base - base
	if s.Located > 0 {
		k := float64(s.Located) * positionScale
		s.Position = &incident.Position{Lat: float64(c.latSum) / k, Lon: float64(c.lonSum) / k}
		s.Spread = max(c.latMax-c.latMin, c.lonMax-c.lonMin)
	}
	return s
}
