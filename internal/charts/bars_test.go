package charts

import (
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestFittedLabels: the labels over vertical bars shrink together until
// the widest (three digits, 1.668 em) leaves 3 points to the next bar,
// down to 9 points, else none is drawn; labels beside horizontal bars
// keep their size.
func TestFittedLabels(t *testing.T) {
	for _, tc := range []struct {
		horizontal bool
		spacing    vg.Length
		want       vg.Length
		show       bool
	}{
		{false, 30, 13, true},  // 13 x 1.668 + 3 = 24.7
		{false, 22, 11, true},  // 11 x 1.668 + 3 = 21.3; 12 gives 23.0
		{false, 18.1, 9, true}, // 9 x 1.668 + 3 = 18.0
		{false, 17, 13, false}, // none
		{true, 1, 13, true},
	} {
		b := &stackedBars{horizontal: tc.horizontal, labels: []string{"5", "", "241", "17"}, labelStyle: barLabelStyle()}
		sty, show := b.fittedLabels(tc.spacing)
		if sty.Font.Size != tc.want || show != tc.show {
			t.Errorf("horizontal %v, spacing %v: size %v, show %v; want %v, %v", tc.horizontal, tc.spacing, sty.Font.Size, show, tc.want, tc.show)
		}
	}
}
