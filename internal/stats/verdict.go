package stats

import (
	"fmt"

	"report/internal/incident"
)

// Verdict says how our count of a tally's incidents stands against the
// published number.
type Verdict string

// The verdicts.
const (
	// Consistent: some count in our range meets the published bound.
	Consistent Verdict = "consistent"
	// Above: our whole range is above what the bound allows.
	Above Verdict = "above"
	// Below: our whole range is below what the bound allows.
	Below Verdict = "below"
)

// AboutTolerance is how far from published a count may be and still meet
// "about published": published/10 rounded down, and never less than 2.
func AboutTolerance(published int) int { return max(2, published/10) }

// Judge compares our count, the range low..high (low == high when every
// incident's date is certain), with a published number read with its
// bound:
//
//	Exact     our count equals published
//	AtLeast   our count >= published
//	MoreThan  our count >  published
//	AtMost    our count <= published
//	About     |our count - published| <= max(2, published/10)
//
// About's tolerance is 10 % of published, not rounded: a whole count is
// within 10 % when 10 × the difference is at most published, so the
// tolerance is published/10 rounded down ("some 39": within 3, 36 to 42;
// "around 45": within 4; "some 50": within 5), and never less than 2.
//
// The verdict is Consistent when some count in low..high meets the bound,
// else Above when the whole range is above what the bound allows, else
// Below. AtLeast and MoreThan are never Above, AtMost never Below. Judge
// panics when low > high or the bound is not one of the five.
func Judge(low, high, published int, b incident.Bound) Verdict {
	if low > high {
		panic(fmt.Sprintf("stats: Judge: low %d is more than high %d", low, high))
	}
	// Our range is consistent with the allowed counts lo..hi when the two
	// overlap.
	var lo, hi int
	switch b {
	case incident.Exact:
		lo, hi = published, published
	case incident.AtLeast:
		if high >= published {
			return Consistent
		}
		return Below
	case incident.MoreThan:
		if high > published {
			return Consistent
		}
		return Below
	case incident.AtMost:
		if low <= published {
			return Consistent
		}
		return Above
	case incident.About:
		tol := AboutTolerance(published)
		lo, hi = published-tol, published+tol
	default:
		panic(fmt.Sprintf("stats: Judge: unknown bound %v", b))
	}
	switch {
	case low > hi:
		return Above
	case high < lo:
		return Below
	}
	return Consistent
}
