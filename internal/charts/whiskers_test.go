package charts

import "testing"

// TestMonthlyWhiskers checks the whiskers of the monthly chart and that
// its count axis makes room for the highest.
func TestMonthlyWhiskers(t *testing.T) {
	s := smallSummary(t)
	ci := monthWhiskers(s.Months)
	if len(ci.lo) != len(s.Months) || len(ci.hi) != len(s.Months) {
		t.Fatalf("%d and %d whisker ends for %d months", len(ci.lo), len(ci.hi), len(s.Months))
	}
	for i, m := range s.Months {
		if ci.lo[i] != m.CILow || ci.hi[i] != m.CIHigh {
			t.Errorf("%s: whisker %g to %g, want %g to %g", m.Start.Format("2006-01"), ci.lo[i], ci.hi[i], m.CILow, m.CIHigh)
		}
	}
	f, err := monthlyFigure(s)
	if err != nil {
		t.Fatal(err)
	}
	// May's 11 incidents reach 19.68 (Garwood), so the axis goes to 20,
	// not to the 12 that the bars alone would need.
	if got := f.plot.Y.Max; got != 20 {
		t.Errorf("count axis to %g, want 20", got)
	}
}

func TestLabelEnd(t *testing.T) {
	b := &stackedBars{layers: []barLayer{{values: []float64{4, 0, 11}}}, labelAt: []float64{10.2, 3.7, 9}}
	for i, want := range []float64{10.2, 3.7, 11} {
		if got := b.labelEnd(i); got != want {
			t.Errorf("labelEnd(%d) = %g, want %g", i, got, want)
		}
	}
}
