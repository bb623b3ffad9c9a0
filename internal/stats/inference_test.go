package stats

import (
	"fmt"
	"math"
	"testing"
)

// The reference values in this file were computed once, independently of
// gonum, with Debian 12's python3-scipy 1.10.1, python3-statsmodels 0.13.5
// and numpy 1.24.2; each table says which call gave its numbers. Intervals
// and p-values must agree to 1e-3 absolute (or 1e-6 relative, for values
// of 1 or more, when that is looser); see within.

// within reports whether got agrees with want to 1e-3 absolute or 1e-6
// relative; infinities must match exactly.
func within(got, want float64) bool {
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	d := math.Abs(got - want)
	return d <= 1e-3 || d <= 1e-6*math.Abs(want)
}

func TestPoissonInterval(t *testing.T) {
	// scipy 1.10.1: lo = scipy.stats.chi2.ppf((1-level)/2, 2*k)/2 (0 for
	// k = 0), hi = scipy.stats.chi2.ppf(1-(1-level)/2, 2*k+2)/2.
	tests := []struct {
		k              int
		level          float64
		wantLo, wantHi float64
	}{
		{0, 0.95, 0, 3.6888794541139354},
		{1, 0.95, 0.025317807984289897, 5.571643390938898},
		{2, 0.95, 0.24220927854396507, 7.22468766772396},
		{10, 0.95, 4.7953886961324335, 18.39035604201778},
		{17, 0.95, 9.903126469607294, 27.218646815906613},
		{1000, 0.95, 938.9730184076952, 1063.952136016302},
		{10, 0.90, 5.425405697091292, 16.962219235721903},
		{5, 0.99, 1.0779282406523196, 14.149759411023012},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("k=%d,level=%v", tt.k, tt.level), func(t *testing.T) {
			lo, hi := PoissonInterval(tt.k, tt.level)
			if !within(lo, tt.wantLo) || !within(hi, tt.wantHi) {
				t.Errorf("PoissonInterval(%d, %v) = %v, %v, want %v, %v", tt.k, tt.level, lo, hi, tt.wantLo, tt.wantHi)
			}
		})
	}
}

func TestRateRatioTest(t *testing.T) {
	// scipy 1.10.1: with n = k1+k2 and p = t1/(t1+t2),
	// r = scipy.stats.binomtest(k1, n, p); P = r.pvalue;
	// ci = r.proportion_ci(0.95, method="exact");
	// lo = ci.low/(1-ci.low)*t2/t1, hi = ci.high/(1-ci.high)*t2/t1
	// (inf when ci.high is 1).
	inf := math.Inf(1)
	tests := []struct {
		name           string
		k1             int
		t1             float64
		k2             int
		t2             float64
		wantRatio      float64
		wantP          float64
		wantLo, wantHi float64
	}{
		// The example: June 17 against 37 in March to May.
		{"issue example", 17, 1, 37, 3, 17 / (37.0 / 3), 0.27288488652083187, 0.7278167457723734, 2.5098846813266844},
		{"above, not significant", 7, 1, 10, 3, 2.1, 0.15719456085935235, 0.6784403650294667, 6.111696074023255},
		{"focus zero", 0, 1, 30, 3, 0, 0.0003942759162650964, 0, 0.39252654442049406},
		{"base zero, p near 0", 30, 1, 0, 3, inf, 8.673617379884035e-19, 22.928385679717874, inf},
		{"one each", 1, 1, 1, 1, 1, 1, 0.01273936708392707, 78.49683531465821},
		{"equal", 5, 1, 5, 1, 1, 1, 0.23014246893811693, 4.345134579523825},
		{"far above", 40, 1, 30, 3, 4, 1.2549752330138283e-08, 2.429737544562042, 6.6504007821103075},
		{"single event in base", 0, 1, 1, 3, 0, 1, 0, 117},
		{"base zero, short focus", 3, 2, 0, 1, inf, 0.5555555555555556, 0.206615677515447, inf},
		{"large, exactly expected", 500, 1, 1500, 3, 1, 1, 0.9019330992467217, 1.107255669347082},
		{"large, p near 0.3", 520, 1, 1480, 3, 520 / (1480.0 / 3), 0.3017406022231298, 0.9519938070841374, 1.1656051764654303},
		{"p near 0.025", 9, 1, 9, 3, 3, 0.02498548971198034, 1.0550984221583761, 8.530009912808918},
		{"days as exposure", 25, 31, 40, 92, (25.0 / 31) / (40.0 / 92), 0.02114158727948543, 1.0784575859826142, 3.1333282407563376},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := RateRatioTest(tt.k1, tt.t1, tt.k2, tt.t2, 0.95)
			if got, want := c.Ratio, tt.wantRatio; !within(got, want) {
				t.Errorf("Ratio = %v, want %v", got, want)
			}
			if got, want := c.P, tt.wantP; !within(got, want) {
				t.Errorf("P = %v, want %v", got, want)
			}
			if !within(c.Lo, tt.wantLo) || !within(c.Hi, tt.wantHi) {
				t.Errorf("interval = %v, %v, want %v, %v", c.Lo, c.Hi, tt.wantLo, tt.wantHi)
			}
			if got, want := c.Rate1, float64(tt.k1)/tt.t1; got != want {
				t.Errorf("Rate1 = %v, want %v", got, want)
			}
			if got, want := c.Rate2, float64(tt.k2)/tt.t2; got != want {
				t.Errorf("Rate2 = %v, want %v", got, want)
			}
		})
	}
}

// TestRateRatioTestSmallP checks a p-value far below 1e-3 to relative
// accuracy, which within cannot see.
func TestRateRatioTestSmallP(t *testing.T) {
	for _, tt := range []struct {
		k1, k2 int
		want   float64 // scipy 1.10.1: scipy.stats.binomtest(k1, k1+k2, 0.25).pvalue
	}{
		{30, 0, 8.673617379884035e-19},
		{40, 30, 1.2549752330138283e-08},
		{0, 30, 0.0003942759162650964},
	} {
		got := RateRatioTest(tt.k1, 1, tt.k2, 3, 0.95).P
		if math.Abs(got-tt.want) > 1e-6*tt.want {
			t.Errorf("RateRatioTest(%d, 1, %d, 3).P = %v, want %v", tt.k1, tt.k2, got, tt.want)
		}
	}
}

func TestRateRatioTestNoEvents(t *testing.T) {
	c := RateRatioTest(0, 1, 0, 3, 0.95)
	if c.P != 1 || !math.IsNaN(c.Ratio) || c.Lo != 0 || !math.IsInf(c.Hi, 1) || c.Rate1 != 0 || c.Rate2 != 0 {
		t.Errorf("RateRatioTest(0, 1, 0, 3) = %+v, want P 1, Ratio NaN, interval [0, +Inf], rates 0", c)
	}
}

func TestYearEndProjection(t *testing.T) {
	// scipy 1.10.1: r = (days-elapsed)/elapsed; est = k*days/elapsed;
	// lo = k + scipy.stats.chi2.ppf(0.025, 2*k)/2*r (k for k = 0),
	// hi = k + scipy.stats.chi2.ppf(0.975, 2*k+2)/2*r.
	tests := []struct {
		name                    string
		k, elapsed, days        int
		wantEst, wantLo, wantHi float64
	}{
		{"ten in 100 days", 10, 100, 365, 36.5, 10 + 4.7953886961324335*2.65, 10 + 18.39035604201778*2.65},
		{"none yet", 0, 100, 365, 0, 0, 3.6888794541139354 * 2.65},
		{"one on 1 January", 1, 1, 366, 366, 1 + 0.025317807984289897*365, 1 + 5.571643390938898*365},
		{"1000 by mid-year", 1000, 182, 365, 1000 * 365 / 182.0,
			1000 + 938.9730184076952*183/182, 1000 + 1063.952136016302*183/182},
		{"last day", 17, 365, 365, 17, 17, 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			est, lo, hi := YearEndProjection(tt.k, tt.elapsed, tt.days, 0.95)
			if !within(est, tt.wantEst) || !within(lo, tt.wantLo) || !within(hi, tt.wantHi) {
				t.Errorf("YearEndProjection(%d, %d, %d) = %v, %v, %v, want %v, %v, %v",
					tt.k, tt.elapsed, tt.days, est, lo, hi, tt.wantEst, tt.wantLo, tt.wantHi)
			}
			if lo < float64(tt.k) {
				t.Errorf("lo = %v, below the %d already counted", lo, tt.k)
			}
		})
	}
}

func TestWilsonInterval(t *testing.T) {
	// statsmodels 0.13.5: statsmodels.stats.proportion.proportion_confint(
	// successes, trials, alpha=1-level, method="wilson").
	tests := []struct {
		successes, trials int
		level             float64
		wantLo, wantHi    float64
	}{
		{0, 1, 0.95, 0, 0.7934506856227626},
		{1, 1, 0.95, 0.20654931437723745, 1},
		{0, 10, 0.95, 0, 0.2775327998628892},
		{10, 10, 0.95, 0.7224672001371107, 1},
		{3, 10, 0.95, 0.10779126740630099, 0.6032218525388546},
		{45, 50, 0.95, 0.7863976856252035, 0.9565242350681096},
		{1, 2, 0.90, 0.1208663194222736, 0.8791336805777263},
		{999, 1000, 0.99, 0.9915394337800183, 0.9998825836463816},
		{500, 1000, 0.95, 0.4690696003681042, 0.5309303996318958},
		{0, 0, 0.95, 0, 1}, // no trials: documented, not from statsmodels
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%d,level=%v", tt.successes, tt.trials, tt.level), func(t *testing.T) {
			lo, hi := WilsonInterval(tt.successes, tt.trials, tt.level)
			if !within(lo, tt.wantLo) || !within(hi, tt.wantHi) {
				t.Errorf("WilsonInterval(%d, %d, %v) = %v, %v, want %v, %v",
					tt.successes, tt.trials, tt.level, lo, hi, tt.wantLo, tt.wantHi)
			}
			// The ends are exact at 0 and at all successes.
			if tt.successes == 0 && lo != 0 {
				t.Errorf("lo = %v, want exactly 0", lo)
			}
			if tt.successes == tt.trials && hi != 1 {
				t.Errorf("hi = %v, want exactly 1", hi)
			}
		})
	}
}

func TestInferencePanics(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"negative count", func() { PoissonInterval(-1, 0.95) }, "stats: PoissonInterval: k = -1, want >= 0"},
		{"level 1", func() { PoissonInterval(3, 1) }, "stats: PoissonInterval: level = 1, want in (0, 1)"},
		{"level NaN", func() { WilsonInterval(1, 2, math.NaN()) }, "stats: WilsonInterval: level = NaN, want in (0, 1)"},
		{"zero exposure", func() { RateRatioTest(1, 0, 2, 3, 0.95) }, "stats: RateRatioTest: t1 = 0, want a positive finite number"},
		{"infinite exposure", func() { RateRatioTest(1, 1, 2, math.Inf(1), 0.95) }, "stats: RateRatioTest: t2 = +Inf, want a positive finite number"},
		{"negative k2", func() { RateRatioTest(1, 1, -2, 3, 0.95) }, "stats: RateRatioTest: k2 = -2, want >= 0"},
		{"no day elapsed", func() { YearEndProjection(0, 0, 365, 0.95) }, "stats: YearEndProjection: daysElapsed 0 not in [1, daysInYear 365]"},
		{"past year end", func() { YearEndProjection(5, 366, 365, 0.95) }, "stats: YearEndProjection: daysElapsed 366 not in [1, daysInYear 365]"},
		{"more successes than trials", func() { WilsonInterval(3, 2, 0.95) }, "stats: WilsonInterval: successes 3 > trials 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if got, ok := r.(string); !ok || got != tt.want {
					t.Errorf("panic = %v, want %q", r, tt.want)
				}
			}()
			tt.call()
		})
	}
}
