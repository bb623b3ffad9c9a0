package incident

import "testing"

func TestLabels(t *testing.T) {
	for _, tc := range []struct {
		name      string
		got, want string
	}{
		{"weapon ied", IED.Label(), "IED"},
		{"weapon small arms", SmallArms.Label(), "Small arms"},
		{"weapon rocket", Rocket.Label(), "Rocket"},
		{"weapon ied plural", IED.Plural(), "IEDs"},
		{"weapon small arms plural", SmallArms.Plural(), "small arms"},
		{"weapon other plural", OtherWeapon.Plural(), "other weapons"},
		{"target military base", MilitaryBase.Label(), "Military base"},
		{"target diplomatic", Diplomatic.Label(), "Diplomatic"},
		{"target convoy", Convoy.Label(), "Convoy"},
		{"target other", OtherTarget.Label(), "Other"},
		{"target not given", TargetType("").Label(), ""},
		{"target outside the vocabulary", TargetType("ship").Label(), "ship"},
		{"outcome intercepted", Intercepted.Label(), "Intercepted"},
		{"outcome not given", Outcome("").Label(), ""},
		{"confidence high", High.Label(), "High"},
		{"confidence low", Low.Label(), "Low"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: Label() = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	for _, tt := range TargetTypes {
		if tt.Label() == string(tt) {
			t.Errorf("target type %q has no label", tt)
		}
	}
}
