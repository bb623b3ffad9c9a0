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
