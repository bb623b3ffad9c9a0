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

func TestPoissonTrend(t *testing.T) {
	// statsmodels 0.13.5: X = sm.add_constant(numpy.arange(n));
	// r = sm.GLM(y, X, family=sm.families.Poisson()).fit();
	// slope r.params[1], SE r.bse[1], interval exp(r.conf_int(0.05)[1]),
	// dispersion r.pearson_chi2/r.df_resid, fitted r.fittedvalues.
	// GLM refuses the constant series ("perfect separation"); its numbers
	// are from sm.Poisson(y, X).fit(method="newton"), the same likelihood.
	tests := []struct {
		name                         string
		counts                       []int
		intercept, slope, se, lo, hi float64
		dispersion                   float64
		fitted                       []float64 // first and last
	}{
		{"rising", []int{3, 5, 4, 6, 8, 7, 9, 12, 10, 13, 15, 17},
			1.3427146992378973, 0.13711711468816576, 0.02962744609531681, 1.0822566883770632, 1.2155368632886248,
			0.1423145027732369, []float64{3.8294251449987464, 17.305129506266343}},
		{"falling", []int{12, 10, 11, 9, 8, 9, 7, 6, 5, 6, 4, 3},
			2.520130469543375, -0.10326692814966099, 0.03171209601326965, 0.8475363971076948, 0.9597212876001231,
			0.11502590603140639, []float64{12.430218322695291, 3.9916084097874935}},
		{"constant", []int{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5},
			1.6094379124341003, 0, 0.03739787960033829, 0.9293233882699299, 1.076051687305153,
			0, []float64{5, 5}},
		{"sparse with zeros", []int{0, 0, 1, 0, 2, 1, 0, 3, 2, 4, 3, 5},
			-1.29971146477143, 0.26671387245479466, 0.07916019587773805, 1.1180238860930458, 1.524802670638453,
			0.6501050873140408, []float64{0.27261043940278656, 5.125054362223367}},
		{"three points, zeros at both ends", []int{0, 4, 0},
			0.28768207245178207, 0, 0.6123724215713146, 0.30112558016055463, 3.3208736350688572,
			7.999999999999994, []float64{1.3333333333333348, 1.3333333333333341}},
		{"four points", []int{1, 0, 0, 2},
			-1.0245297756980063, 0.41961762499109545, 0.555038759799899, 0.5126108215162931, 4.515308914919527,
			1.475104941850925, []float64{0.35896521989657676, 1.2640528407924352}},
		{"large counts", []int{200, 210, 190, 230, 250, 240, 260, 270, 300, 280, 310, 330},
			5.275479305708094, 0.046573859465827705, 0.005269299780815763, 1.0369111250526752, 1.0585515350332175,
			0.623957590164778, []float64{195.484150730751, 326.2916978044232}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := PoissonTrend(tt.counts, 0.95)
			if !f.Converged {
				t.Fatalf("Converged = false after %d iterations, want a fit", f.Iterations)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"Intercept", f.Intercept, tt.intercept},
				{"Slope", f.Slope, tt.slope},
				{"SlopeSE", f.SlopeSE, tt.se},
				{"RateRatio", f.RateRatio, math.Exp(tt.slope)},
				{"Lo", f.Lo, tt.lo},
				{"Hi", f.Hi, tt.hi},
				{"Dispersion", f.Dispersion, tt.dispersion},
				{"Fitted[0]", f.Fitted[0], tt.fitted[0]},
				{"Fitted[n-1]", f.Fitted[len(f.Fitted)-1], tt.fitted[1]},
			} {
				if !within(c.got, c.want) {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
			if got, want := len(f.Fitted), len(tt.counts); got != want {
				t.Errorf("len(Fitted) = %d, want %d", got, want)
			}
			// The maximum likelihood fit keeps the total.
			var sum float64
			total := 0
			for i, m := range f.Fitted {
				sum += m
				total += tt.counts[i]
			}
			if math.Abs(sum-float64(total)) > 1e-6*float64(total) {
				t.Errorf("sum of Fitted = %v, want %d", sum, total)
			}
		})
	}
}

func TestPoissonTrendNoFit(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
	}{
		{"nil", nil},
		{"one point", []int{4}},
		{"two points", []int{4, 7}},
		{"all zero", []int{0, 0, 0, 0}},
		{"only the first", []int{3, 0, 0, 0}},
		{"only the last", []int{0, 0, 0, 9}},
		{"last month alone", []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := PoissonTrend(tt.counts, 0.95)
			f.Iterations = 0 // how far it got before giving up is not specified
			if !isZeroTrend(f) {
				t.Errorf("PoissonTrend(%v) = %+v, want no fit", tt.counts, f)
			}
		})
	}
}

// isZeroTrend reports whether f is no fit: every field but Iterations zero.
func isZeroTrend(f TrendFit) bool {
	return !f.Converged && f.Intercept == 0 && f.Slope == 0 && f.SlopeSE == 0 &&
		f.RateRatio == 0 && f.Lo == 0 && f.Hi == 0 && f.Dispersion == 0 && f.Fitted == nil
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
		{"negative month", func() { PoissonTrend([]int{1, 2, -3}, 0.95) }, "stats: PoissonTrend: counts[2] = -3, want >= 0"},
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
