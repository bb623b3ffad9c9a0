package stats

// This file holds the inference of the monthly analysis: intervals for
// counts and proportions, the comparison of two rates, the trend of monthly
// counts and the year-end projection. Every function takes and returns plain
// numbers; none sees an incident.
//
// level is the confidence level, such as 0.95, everywhere. Arguments that no
// count can produce (a negative count, more successes than trials, a level
// outside (0, 1), an exposure that is not positive) are programming errors:
// the functions panic on them with a message that names the function and the
// argument, as gonum's distributions do.

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// PoissonInterval returns the exact (Garwood) two-sided interval for the
// mean of a Poisson count k at the given level: lo is the (1-level)/2
// quantile of Gamma(k, 1) and hi the 1-(1-level)/2 quantile of Gamma(k+1, 1).
// For k = 0, lo is 0. At 0.95, k = 10 gives 4.795 to 18.390 and k = 0 gives
// 0 to 3.689. It panics if k < 0 or level is not in (0, 1).
func PoissonInterval(k int, level float64) (lo, hi float64) {
	checkCount("PoissonInterval", "k", k)
	alpha := checkLevel("PoissonInterval", level)
	if k > 0 {
		lo = distuv.Gamma{Alpha: float64(k), Beta: 1}.Quantile(alpha / 2)
	}
	hi = distuv.Gamma{Alpha: float64(k + 1), Beta: 1}.Quantile(1 - alpha/2)
	return lo, hi
}

// YearEndProjection carries the year-to-date rate to the end of the year: k
// events in the first daysElapsed of daysInYear days give est = k ·
// daysInYear / daysElapsed. lo and hi carry the Garwood interval of k
// (PoissonInterval) over the days that remain and add them to k, the count
// already known: k + lo_k·r to k + hi_k·r with r = (daysInYear -
// daysElapsed) / daysElapsed. So lo is never below k, and on the last day
// of the year est, lo and hi are all k. This is the interval of the rate
// carried to year end, not a predictive interval: it leaves out the chance
// variation of the days to come, and so is narrower than one. It panics if
// k < 0, daysElapsed is not in [1, daysInYear], or level is not in (0, 1).
func YearEndProjection(k, daysElapsed, daysInYear int, level float64) (est, lo, hi float64) {
	const fn = "YearEndProjection"
	checkCount(fn, "k", k)
	if daysElapsed < 1 || daysElapsed > daysInYear {
		panic(fmt.Sprintf("stats: %s: daysElapsed %d not in [1, daysInYear %d]", fn, daysElapsed, daysInYear))
	}
	checkLevel(fn, level)
	lk, hk := PoissonInterval(k, level)
	r := float64(daysInYear-daysElapsed) / float64(daysElapsed)
	kf := float64(k)
	return kf + kf*r, kf + lk*r, kf + hk*r
}

// WilsonInterval returns the Wilson score interval of the proportion
// successes/trials at level, clamped to [0, 1]: lo is exactly 0 when
// successes is 0 and hi exactly 1 when successes equals trials. With no
// trials there is no information and it returns 0, 1. It panics if
// successes or trials is negative, successes exceeds trials, or level is
// not in (0, 1).
func WilsonInterval(successes, trials int, level float64) (lo, hi float64) {
	const fn = "WilsonInterval"
	checkCount(fn, "successes", successes)
	checkCount(fn, "trials", trials)
	if successes > trials {
		panic(fmt.Sprintf("stats: %s: successes %d > trials %d", fn, successes, trials))
	}
	alpha := checkLevel(fn, level)
	if trials == 0 {
		return 0, 1
	}
	z := distuv.UnitNormal.Quantile(1 - alpha/2)
	x, n := float64(successes), float64(trials)
	z2 := z * z
	center := (x + z2/2) / (n + z2)
	half := z * math.Sqrt(x*(n-x)/n+z2/4) / (n + z2)
	lo, hi = max(center-half, 0), min(center+half, 1)
	if successes == 0 {
		lo = 0
	}
	if successes == trials {
		hi = 1
	}
	return lo, hi
}

func checkCount(fn, name string, k int) {
	if k < 0 {
		panic(fmt.Sprintf("stats: %s: %s = %d, want >= 0", fn, name, k))
	}
}

// checkLevel panics unless level is in (0, 1) and returns 1 - level.
func checkLevel(fn string, level float64) float64 {
	if !(level > 0 && level < 1) {
		panic(fmt.Sprintf("stats: %s: level = %v, want in (0, 1)", fn, level))
	}
	return 1 - level
}
