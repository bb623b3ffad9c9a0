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

// RateComparison is the comparison of two Poisson rates, k1 events in
// exposure t1 against k2 events in exposure t2 (exposures in any one unit,
// such as months).
type RateComparison struct {
	K1 int
	T1 float64
	K2 int
	T2 float64
	// Rate1 and Rate2 are K1/T1 and K2/T2.
	Rate1, Rate2 float64
	// Ratio is Rate1/Rate2 as float division gives it: +Inf when only K2 is
	// 0, NaN when K1 and K2 are both 0.
	Ratio float64
	// Lo and Hi are the exact (Clopper–Pearson) interval of Ratio at the
	// level asked: Lo is 0 when K1 is 0, Hi is +Inf when K2 is 0, and
	// the interval is [0, +Inf] when both are 0.
	Lo, Hi float64
	// P is the exact two-sided p-value of rate1 = rate2 (see RateRatioTest).
	P float64
}

// RateRatioTest compares the rate of k1 events in exposure t1 with that of
// k2 events in exposure t2 by the exact conditional test: given n = k1+k2,
// k1 is Binomial(n, t1/(t1+t2)) when the rates are equal. P is two-sided the
// way scipy.stats.binomtest computes it: the sum of the probabilities of all
// outcomes no more likely than k1 (with a relative tolerance of 1e-7), and 1
// when k1 equals its expectation; it is at most 1. The interval of the ratio
// comes from the Clopper–Pearson interval [pl, ph] of the proportion k1/n at
// level: pl/(1-pl)·t2/t1 to ph/(1-ph)·t2/t1. When k1+k2 = 0 there is nothing
// to compare: P is 1, Ratio NaN and the interval [0, +Inf]. It panics if k1
// or k2 is negative, t1 or t2 is not a positive finite number, or level is
// not in (0, 1).
func RateRatioTest(k1 int, t1 float64, k2 int, t2 float64, level float64) RateComparison {
	const fn = "RateRatioTest"
	checkCount(fn, "k1", k1)
	checkCount(fn, "k2", k2)
	checkExposure(fn, "t1", t1)
	checkExposure(fn, "t2", t2)
	checkLevel(fn, level)
	c := RateComparison{K1: k1, T1: t1, K2: k2, T2: t2,
		Rate1: float64(k1) / t1, Rate2: float64(k2) / t2}
	c.Ratio = c.Rate1 / c.Rate2
	n := k1 + k2
	c.P = binomialTwoSided(k1, n, t1/(t1+t2))
	pl, ph := clopperPearson(k1, n, level)
	c.Lo = pl / (1 - pl) * t2 / t1
	c.Hi = math.Inf(1)
	if ph < 1 {
		c.Hi = ph / (1 - ph) * t2 / t1
	}
	return c
}

// binomialTwoSided returns the two-sided p-value of k successes in n trials
// of probability p, as scipy.stats.binomtest defines it; 1 when n is 0.
func binomialTwoSided(k, n int, p float64) float64 {
	if n == 0 || float64(k) == float64(n)*p {
		return 1
	}
	b := distuv.Binomial{N: float64(n), P: p}
	limit := b.Prob(float64(k)) * (1 + 1e-7)
	var sum float64
	for x := 0; x <= n; x++ {
		if q := b.Prob(float64(x)); q <= limit {
			sum += q
		}
	}
	return min(sum, 1)
}

// clopperPearson returns the exact interval of the proportion k/n at level:
// the (1-level)/2 quantile of Beta(k, n-k+1), 0 when k is 0, to the
// 1-(1-level)/2 quantile of Beta(k+1, n-k), 1 when k is n. It returns 0, 1
// when n is 0.
func clopperPearson(k, n int, level float64) (lo, hi float64) {
	alpha := 1 - level
	lo, hi = 0, 1
	if k > 0 {
		lo = distuv.Beta{Alpha: float64(k), Beta: float64(n - k + 1)}.Quantile(alpha / 2)
	}
	if k < n {
		hi = distuv.Beta{Alpha: float64(k + 1), Beta: float64(n - k)}.Quantile(1 - alpha/2)
	}
	return lo, hi
}

// TrendFit is a Poisson regression of counts on time, log(mu_i) = a + b·i
// for i = 0, 1, ..., n-1 (one step per count, such as a month).
type TrendFit struct {
	// Converged reports whether there is a fit. When it is false every
	// other field is zero and Fitted is nil.
	Converged bool
	// Iterations is the number of IRLS iterations run.
	Iterations int
	// Intercept and Slope are a and b; SlopeSE is the standard error of b
	// from the Fisher information at the fit.
	Intercept, Slope, SlopeSE float64
	// RateRatio is exp(b), the factor by which the expected count changes
	// from one step to the next; Lo and Hi are its Wald interval,
	// exp(b ± z·SlopeSE), at the level asked.
	RateRatio, Lo, Hi float64
	// Dispersion is Pearson's chi-square over n-2. The model takes it to
	// be 1; well above 1, the counts vary more than a Poisson trend allows
	// and the interval is too narrow.
	Dispersion float64
	// Fitted holds the expected counts exp(a + b·i), one per count.
	Fitted []float64
}

// PoissonTrend fits the Poisson regression log(mu_i) = a + b·i to counts by
// iteratively reweighted least squares (the maximum likelihood estimate, as
// a GLM with Poisson family and log link gives it). There is no fit
// (Converged false) when there are fewer than 3 counts, or when the
// estimate does not exist: all counts zero, or every non-zero count in the
// first place or every one in the last, which sends b to -Inf or +Inf. It
// panics if a count is negative or level is not in (0, 1).
func PoissonTrend(counts []int, level float64) TrendFit {
	const fn = "PoissonTrend"
	for i, k := range counts {
		checkCount(fn, fmt.Sprintf("counts[%d]", i), k)
	}
	alpha := checkLevel(fn, level)
	n := len(counts)
	if n < 3 {
		return TrendFit{}
	}
	first, last, total := -1, -1, 0
	for i, k := range counts {
		if k > 0 {
			if first < 0 {
				first = i
			}
			last = i
			total += k
		}
	}
	if total == 0 || last == 0 || first == n-1 {
		return TrendFit{}
	}

	// Fit on x = i - mean(i), which keeps the two columns orthogonal under
	// equal weights, and move the intercept back to i = 0 at the end.
	mid := float64(n-1) / 2
	y := make([]float64, n)
	mu := make([]float64, n)
	mean := float64(total) / float64(n)
	for i, k := range counts {
		y[i] = float64(k)
		mu[i] = (y[i] + mean) / 2 // statsmodels' start
	}
	const (
		maxIter = 100
		tol     = 1e-12
	)
	var a, b, info00, info01, info11 float64
	fit := TrendFit{}
	for it := 1; it <= maxIter; it++ {
		// Weighted least squares of z = eta + (y-mu)/mu on [1, x] with
		// weights mu.
		var s0, s1, s2, t0, t1 float64
		for i := range n {
			x := float64(i) - mid
			eta := math.Log(mu[i])
			z := eta + (y[i]-mu[i])/mu[i]
			w := mu[i]
			s0 += w
			s1 += w * x
			s2 += w * x * x
			t0 += w * z
			t1 += w * x * z
		}
		det := s0*s2 - s1*s1
		if !(det > 0) {
			return TrendFit{Iterations: it}
		}
		na := (s2*t0 - s1*t1) / det
		nb := (s0*t1 - s1*t0) / det
		done := it > 1 && math.Abs(na-a) <= tol*(1+math.Abs(na)) && math.Abs(nb-b) <= tol*(1+math.Abs(nb))
		a, b = na, nb
		for i := range n {
			mu[i] = math.Exp(a + b*(float64(i)-mid))
			if !(mu[i] > 0) || math.IsInf(mu[i], 1) {
				return TrendFit{Iterations: it}
			}
		}
		fit.Iterations = it
		if done {
			fit.Converged = true
			break
		}
	}
	if !fit.Converged {
		return TrendFit{Iterations: fit.Iterations}
	}
	// Fisher information at the fit, for the standard error.
	var pearson float64
	for i := range n {
		x := float64(i) - mid
		info00 += mu[i]
		info01 += mu[i] * x
		info11 += mu[i] * x * x
		pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i]
	}
	z := distuv.UnitNormal.Quantile(1 - alpha/2)
	fit.Slope = b
	fit.Intercept = a - b*mid
	fit.SlopeSE = math.Sqrt(info00 / (info00*info11 - info01*info01))
	fit.RateRatio = math.Exp(b)
	fit.Lo = math.Exp(b - z*fit.SlopeSE)
	fit.Hi = math.Exp(b + z*fit.SlopeSE)
	fit.Dispersion = pearson / float64(n-2)
	fit.Fitted = mu
	return fit
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

func checkExposure(fn, name string, t float64) {
	if !(t > 0) || math.IsInf(t, 1) {
		panic(fmt.Sprintf("stats: %s: %s = %v, want a positive finite number", fn, name, t))
	}
}

// checkLevel panics unless level is in (0, 1) and returns 1 - level.
func checkLevel(fn string, level float64) float64 {
	if !(level > 0 && level < 1) {
		panic(fmt.Sprintf("stats: %s: level = %v, want in (0, 1)", fn, level))
	}
	return 1 - level
}
