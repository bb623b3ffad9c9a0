package incident

import (
	"errors"
	"strings"
	"testing"
)

func TestParseScope(t *testing.T) {
	tests := []struct{ name, expr, want string }{
		{"empty", "", ""},
		{"spaces", " \t ", ""},
		{"one", "target_type=convoy", "target_type=convoy"},
		{"not", "target_type!=convoy", "target_type!=convoy"},
		{"two", "confidence=high; outcome!=foiled", "confidence=high; outcome!=foiled"},
		{"fixed order", "outcome!=foiled;confidence=high", "confidence=high; outcome!=foiled"},
		{"vocabulary order", "weapon=ied,rocket", "weapon=rocket,ied"},
		{"spellings", "weapon = Rockets , IEDs, small arms", "weapon=rocket,ied,small_arms"},
		{"repeated value", "weapon=rocket,rockets", "weapon=rocket"},
		{"field name case", "Target-Type=Convoy", "target_type=convoy"},
		{"every field", "province=Anbar,baghdad; country!=Syria; outcome=executed,intercepted; weapon!=other; target_type=diplomatic,airport; confidence=low",
			"confidence=low; target_type=diplomatic,airport; weapon!=other; outcome=executed,intercepted; country!=syria; province=anbar,baghdad"},
		{"free text", "province= Salah ad Din ,DHI QAR,dhi qar", "province=dhi qar,salah ad din"},
		{"value with =", "country=a=b", "country=a=b"},
		{"unicode", "province=ÉRBIL", "province=érbil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseScope(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			again, err := ParseScope(s.String())
			if err != nil {
				t.Fatalf("ParseScope(%q): %v", s.String(), err)
			}
			if again != s {
				t.Errorf("ParseScope(%q) = %+v, want %+v", s.String(), again, s)
			}
		})
	}
}

func TestParseScopeEqual(t *testing.T) {
	for _, pair := range [][2]string{
		{"weapon=ied,rocket", "weapon = rockets,IED"},
		{"confidence=high; country=Iraq,Syria", "country=syria, IRAQ ;confidence=High"},
		{"", "  "},
	} {
		a, errA := ParseScope(pair[0])
		b, errB := ParseScope(pair[1])
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if a != b {
			t.Errorf("ParseScope(%q) != ParseScope(%q): %v, %v", pair[0], pair[1], a, b)
		}
	}
	a, _ := ParseScope("confidence=high")
	b, _ := ParseScope("confidence!=low")
	if a == b {
		t.Errorf("confidence=high == confidence!=low: operators are kept as written")
	}
}

func TestParseScopeErrors(t *testing.T) {
	const fields = "confidence, target_type, weapon, outcome, country, province"
	tests := []struct {
		name, expr string
		pos        int
		want       string
	}{
		{"unknown field", "confidence=high; targets=convoy", 18, `filter:18: unknown field "targets": want one of ` + fields},
		{"unknown weapon", "weapon=rocket, laser", 16, `filter:16: weapon: unknown weapon "laser": want one of rocket, drone, mortar, ied, small_arms, other`},
		{"unknown target type", "target_type=base", 13, `filter:13: target_type: unknown target type "base": want one of military_base, diplomatic, airport, convoy, other`},
		{"unknown outcome", "outcome!=failed", 10, `filter:10: outcome: unknown outcome "failed": want one of executed, intercepted, foiled`},
		{"unknown confidence", "confidence=medium", 12, `filter:12: confidence: unknown confidence "medium": want one of high, low`},
		{"field twice", "weapon=rocket; confidence=high; Weapon!=drone", 33, "filter:33: field weapon appears twice (at 1 and 33): give one list per field"},
		{"empty list", "weapon=", 8, "filter:8: empty list after weapon=: want one or more values separated by commas"},
		{"empty list before ;", "country!= ; weapon=ied", 10, "filter:10: empty list after country!=: want one or more values separated by commas"},
		{"empty value", "weapon=rocket,,ied", 15, "filter:15: empty value in the list of weapon"},
		{"trailing comma", "weapon=rocket, ", 16, "filter:16: empty value in the list of weapon"},
		{"double =", "weapon==rocket", 7, `filter:7: bad operator "==": want = or !=`},
		{"<>", "weapon <> rocket", 8, `filter:8: bad operator "<>": want = or !=`},
		{"colon", "weapon:rocket", 7, `filter:7: bad operator ":": want = or !=`},
		{"no operator", "weapon rocket", 8, "filter:8: missing operator after weapon: want = or !="},
		{"no operator at end", "weapon", 7, "filter:7: missing operator after weapon: want = or !="},
		{"no field", "=rocket", 1, "filter:1: missing field: want one of " + fields},
		{"trailing ;", "weapon=rocket;", 14, `filter:14: stray ";": want field=values or field!=values on each side`},
		{"leading ;", " ;weapon=rocket", 2, `filter:2: stray ";": want field=values or field!=values on each side`},
		{"double ;", "weapon=rocket; ;outcome=foiled", 16, `filter:16: stray ";": want field=values or field!=values on each side`},
		{"lone ;", ";", 1, `filter:1: stray ";": want field=values or field!=values on each side`},
		{"characters, not bytes", "province=Érbil; précision=high", 17, `filter:17: unknown field "précision": want one of ` + fields},
		{"not UTF-8", "country=é\xff", 10, "filter:10: not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseScope(tt.expr)
			if err == nil {
				t.Fatalf("ParseScope(%q) = %q, want an error", tt.expr, s)
			}
			var se *ScopeError
			if !errors.As(err, &se) {
				t.Fatalf("error %T, want *ScopeError", err)
			}
			if se.Pos != tt.pos {
				t.Errorf("Pos = %d, want %d", se.Pos, tt.pos)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q\nwant    %q", got, tt.want)
			}
			if s != (Scope{}) {
				t.Errorf("scope %q returned with the error", s)
			}
		})
	}
}

func TestScopeMatch(t *testing.T) {
	base := Incident{Country: "Iraq", Province: "Baghdad", TargetType: MilitaryBase, Weapon: Rocket, Outcome: Executed, Confidence: High}
	with := func(f func(*Incident)) *Incident {
		inc := base
		f(&inc)
		return &inc
	}
	convoy := with(func(i *Incident) { i.TargetType = Convoy; i.Weapon = IED; i.Province = " Dhi Qar " })
	low := with(func(i *Incident) { i.Confidence = Low })
	foiled := with(func(i *Incident) { i.Outcome = Foiled })
	noTarget := with(func(i *Incident) { i.TargetType = "" })
	zero := &Incident{} // confidence high, outcome executed, weapon rocket
	syria := with(func(i *Incident) { i.Country = "SYRIA"; i.Province = "" })
	tests := []struct {
		expr string
		inc  *Incident
		want bool
	}{
		{"", &base, true},
		{"", zero, true},
		{"target_type=convoy", convoy, true},
		{"target_type=convoy", &base, false},
		{"target_type=convoy", noTarget, false},
		{"target_type!=convoy", noTarget, true},
		{"target_type!=convoy", convoy, false},
		{"target_type=military_base,convoy", convoy, true},
		{"confidence=high", low, false},
		{"confidence=high", zero, true},
		{"confidence!=low", zero, true},
		{"outcome=executed", zero, true},
		{"outcome!=foiled", foiled, false},
		{"confidence=high; outcome!=foiled", &base, true},
		{"confidence=high; outcome!=foiled", low, false},
		{"weapon=ied,rocket", &base, true},
		{"weapon=ied,rocket", with(func(i *Incident) { i.Weapon = Drone }), false},
		{"weapon!=other", with(func(i *Incident) { i.Weapon = Weapon(200) }), true},
		{"weapon=other", with(func(i *Incident) { i.Weapon = Weapon(200) }), false},
		{"province=dhi qar", convoy, true},
		{"province=dhi", convoy, false},
		{"province=DHI QAR,anbar", &base, false},
		{"province!=dhi qar", syria, true},
		{"province=baghdad", syria, false},
		{"country=syria", syria, true},
		{"country=iraq", zero, false},
		{"country!=iraq", zero, true},
		{"country=érbil", with(func(i *Incident) { i.Country = "ÉRBIL" }), true},
		{"country=erbil", with(func(i *Incident) { i.Country = "ÉRBIL" }), false},
		{"country=iraq", with(func(i *Incident) { i.Country = "IRAQI" }), false},
		{"country=iraqi", &base, false},
	}
	for _, tt := range tests {
		s, err := ParseScope(tt.expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Match(tt.inc); got != tt.want {
			t.Errorf("ParseScope(%q).Match(%+v) = %v, want %v", tt.expr, *tt.inc, got, tt.want)
		}
	}
}

func TestScopeMatchAllocs(t *testing.T) {
	s, err := ParseScope("confidence=high; target_type!=convoy; weapon=ied,rocket; outcome!=foiled; country=iraq,syria; province=Dhi Qar,Baghdad")
	if err != nil {
		t.Fatal(err)
	}
	inc := &Incident{Country: "Iraq", Province: "Baghdad", Weapon: IED, Confidence: High, Outcome: Executed}
	if !s.Match(inc) {
		t.Fatal("no match")
	}
	if n := testing.AllocsPerRun(100, func() { s.Match(inc) }); n != 0 {
		t.Errorf("Match allocates %v times a call", n)
	}
}

func TestStandardScopes(t *testing.T) {
	want := []struct{ name, expr string }{
		{"all", ""},
		{"high_confidence", "confidence=high"},
		{"no_convoys", "target_type!=convoy"},
		{"convoys_only", "target_type=convoy"},
	}
	got := StandardScopes()
	if len(got) != len(want) {
		t.Fatalf("%d scopes, want %d", len(got), len(want))
	}
	for i, w := range want {
		parsed, err := ParseScope(w.expr)
		if err != nil {
			t.Fatal(err)
		}
		if got[i].Name != w.name || got[i].Scope != parsed || got[i].Scope.String() != w.expr {
			t.Errorf("scope %d = %s %q, want %s %q", i, got[i].Name, got[i].Scope, w.name, w.expr)
		}
	}
	if !got[0].Scope.IsZero() || got[1].Scope.IsZero() {
		t.Error("IsZero wrong")
	}
}

// FuzzParseScope checks that ParseScope never panics, that every error is a
// *ScopeError with a position inside the expression (or just after it), and
// that a scope round-trips through String.
func FuzzParseScope(f *testing.F) {
	for _, s := range []string{
		"", "target_type=convoy", "confidence=high; outcome!=foiled", "weapon=ied,rocket",
		"country!=Syria; province=Dhi Qar,anbar", "weapon==x", ";", "weapon=rocket;;", "province=ÉRBIL,İzmir",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		s, err := ParseScope(expr)
		if err != nil {
			var se *ScopeError
			if !errors.As(err, &se) {
				t.Fatalf("error %T: %v", err, err)
			}
			if n := len([]rune(expr)); se.Pos < 1 || se.Pos > n+1 {
				t.Fatalf("Pos %d in a %d-character expression: %v", se.Pos, n, err)
			}
			return
		}
		str := s.String()
		again, err := ParseScope(str)
		if err != nil {
			t.Fatalf("ParseScope(%q) (from %q): %v", str, expr, err)
		}
		if again != s || again.String() != str {
			t.Fatalf("ParseScope(%q) = %q, want %q", str, again, str)
		}
		if s.IsZero() != (strings.TrimSpace(str) == "") {
			t.Fatalf("IsZero %v for %q", s.IsZero(), str)
		}
		s.Match(&Incident{})
	})
}

func BenchmarkScopeMatch(b *testing.B) {
	s, err := ParseScope("confidence=high; target_type!=convoy; country=iraq,syria; province=dhi qar,baghdad")
	if err != nil {
		b.Fatal(err)
	}
	inc := &Incident{Country: "Iraq", Province: "Baghdad", TargetType: MilitaryBase, Confidence: High}
	for b.Loop() {
		s.Match(inc)
	}
}

func TestLineColor(t *testing.T) {
	// Near-black, sky blue, purple, then round again.
	want := []string{"#222222", "#56B4E9", "#6A3D9A", "#222222", "#56B4E9"}
	for i, w := range want {
		if got := LineColor(i); got != w {
			t.Errorf("LineColor(%d) = %s, want %s", i, got, w)
		}
	}
}
