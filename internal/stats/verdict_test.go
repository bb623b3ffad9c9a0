package stats

import (
	"fmt"
	"testing"

	"report/internal/incident"
)

func TestJudge(t *testing.T) {
	const (
		exact    = incident.Exact
		atLeast  = incident.AtLeast
		moreThan = incident.MoreThan
		about    = incident.About
		atMost   = incident.AtMost
	)
	tests := []struct {
		low, high, published int
		bound                incident.Bound
		want                 Verdict
	}{
		// The cases.
		{122, 122, 39, atLeast, Consistent},
		{18, 18, 39, atLeast, Below},
		{45, 45, 44, exact, Above},
		{41, 47, 45, about, Consistent},
		{20, 20, 20, moreThan, Below},
		{21, 21, 20, moreThan, Consistent},

		{44, 44, 44, exact, Consistent},
		{43, 43, 44, exact, Below},
		{43, 45, 44, exact, Consistent}, // the range takes in 44
		{40, 43, 44, exact, Below},
		{45, 50, 44, exact, Above},
		{39, 39, 39, atLeast, Consistent},
		{30, 38, 39, atLeast, Below},
		{30, 39, 39, atLeast, Consistent},
		{18, 21, 20, moreThan, Consistent},
		{10, 10, 10, atMost, Consistent},
		{11, 11, 10, atMost, Above},
		{9, 11, 10, atMost, Consistent},
		{0, 0, 10, atMost, Consistent},

		// About: within max(2, published/10 rounded down).
		{42, 42, 39, about, Consistent}, // 3 off; 3.9 allowed
		{43, 43, 39, about, Above},      // 4 off is more than 3.9
		{36, 36, 39, about, Consistent},
		{35, 35, 39, about, Below},
		{49, 49, 45, about, Consistent}, // 4 off; 4.5 allowed
		{50, 50, 45, about, Above},
		{41, 41, 45, about, Consistent},
		{40, 40, 45, about, Below},
		{55, 55, 50, about, Consistent}, // 5 off; exactly 10 %
		{56, 56, 50, about, Above},
		{44, 44, 50, about, Below},
		{44, 46, 50, about, Consistent},
		{7, 7, 5, about, Consistent}, // 10 % is 0.5: the floor of 2 applies
		{8, 8, 5, about, Above},
		{3, 3, 5, about, Consistent},
		{2, 2, 5, about, Below},
		{0, 2, 0, about, Consistent},
		{3, 3, 0, about, Above},
		{22, 22, 20, about, Consistent}, // 10 % is exactly 2
		{23, 23, 20, about, Above},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%d..%d_%v_%d", tt.low, tt.high, tt.bound, tt.published)
		t.Run(name, func(t *testing.T) {
			if got := Judge(tt.low, tt.high, tt.published, tt.bound); got != tt.want {
				t.Errorf("Judge(%d, %d, %d, %v) = %s, want %s", tt.low, tt.high, tt.published, tt.bound, got, tt.want)
			}
		})
	}
}

func TestJudgePanics(t *testing.T) {
	for _, tt := range []struct {
		name      string
		low, high int
		b         incident.Bound
	}{
		{"low above high", 5, 3, incident.Exact},
		{"unknown bound", 3, 3, incident.Bound(9)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Judge did not panic")
				}
			}()
			Judge(tt.low, tt.high, 4, tt.b)
		})
	}
}
