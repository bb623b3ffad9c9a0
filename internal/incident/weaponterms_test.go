package incident

import (
	"errors"
	"strings"
	"testing"
)

func TestWeaponTermsMatch(t *testing.T) {
	wt := DefaultWeaponTerms()
	for _, tc := range []struct {
		cell   string
		weapon Weapon
		term   string // "" when the cell matches nothing
	}{
		// Codes and ParseWeapon's spellings first; the term is the code.
		{"rocket", Rocket, "rocket"},
		{" Rockets ", Rocket, "rocket"},
		{"small_arms", SmallArms, "small_arms"},
		{"Small-Arms", SmallArms, "small_arms"},
		{"small arms \n", SmallArms, "small_arms"},
		{"IEDs", IED, "ied"},
		{"other", OtherWeapon, "other"},
		{"Others", OtherWeapon, "other"},

		// The terms.
		{"Katyusha", Rocket, "katyusha"},
		{"Grad", Rocket, "grad"},
		{"107mm", Rocket, "107mm"},
		{"122mm rockets", Rocket, "122mm"},
		{"UAV", Drone, "uav"},
		{"UAS", Drone, "uas"},
		{"quadcopter", Drone, "quadcopter"},
		{"fixed-wing", Drone, "fixed wing"},
		{"one-way attack drone", Drone, "one way attack drone"},
		{"explosive-laden drone", Drone, "explosive laden drone"},
		{"roadside bomb", IED, "roadside bomb"},
		{"EFP", IED, "efp"},
		{"mortar round", Mortar, "mortar round"},
		{"gunfire", SmallArms, "gunfire"},
		{"firearms", SmallArms, "firearms"},

		// Whole words, any case, inside a longer cell.
		{"UAV attack", Drone, "uav"},
		{"suspected uav strike on the base", Drone, "uav"},
		{"(UAV)", Drone, "uav"},
		{"UAV's", Drone, "uav"},
		{"Stalingrad", OtherWeapon, ""},
		{"UAVx", OtherWeapon, ""},
		{"107mmx", OtherWeapon, ""},
		{"3 x 107mm", Rocket, "107mm"},
		{"three 122-mm rockets", Rocket, "122 mm"},
		{"107 mm", Rocket, "107 mm"},
		{"107  --  mm", Rocket, "107 mm"},
		{"107\u00A0mm", Rocket, "107 mm"},
		{"107/mm", OtherWeapon, ""}, // "/" does not join the words of a term
		{"107, mm", OtherWeapon, ""},
		{"improvised explosive device", IED, "improvised explosive device"},
		{"Improvised-Explosive-Device (IED)", IED, "improvised explosive device"},
		{"improvised device", OtherWeapon, ""},
		{"small arms fire", SmallArms, "small arms"},
		{"Gunmen opened fire", SmallArms, "gunmen"},
		{"Katyusha rockets", Rocket, "katyusha"},
		{"GRAD-type rockets", Rocket, "grad"},

		// The first term in the cell wins; at one word, the longest.
		{"rocket and drone", Rocket, "rocket"},
		{"drone and rocket attack", Drone, "drone"},
		{"IED and small arms ambush", IED, "ied"},
		{"gunmen, then a mortar", SmallArms, "gunmen"},
		{"rocket-propelled grenade", SmallArms, "rocket propelled grenade"},
		{"RPG-7", SmallArms, "rpg"},
		{"rocket propelled", Rocket, "rocket"},
		{"mortar rounds and rockets", Mortar, "mortar rounds"},
		{"ballistic missiles", Rocket, "missiles"},

		// Nothing.
		{"", OtherWeapon, ""},
		{"unknown projectile", OtherWeapon, ""},
		{"صاروخ", OtherWeapon, ""},
		{"\xff\xfe", OtherWeapon, ""},
	} {
		w, term, ok := wt.Match(tc.cell)
		if w != tc.weapon || term != tc.term || ok != (tc.term != "") {
			t.Errorf("Match(%q) = %v, %q, %v; want %v, %q, %v", tc.cell, w, term, ok, tc.weapon, tc.term, tc.term != "")
		}
	}
}

func TestDefaultWeaponTerms(t *testing.T) {
	terms := DefaultWeaponTerms().Terms()
	// Every code and spelling of ParseWeapon that is a term maps to its
	// own weapon, and every term maps to itself.
	wt := DefaultWeaponTerms()
	for term, w := range terms {
		if code, ok := ParseWeapon(term); ok && code != w {
			t.Errorf("term %q is %v, but ParseWeapon says %v", term, w, code)
		}
		if got, _, ok := wt.Match(term); !ok || got != w {
			t.Errorf("Match(%q) = %v, %v; want %v", term, got, ok, w)
		}
	}
	for term, want := range map[string]Weapon{
		"katyusha": Rocket, "grad": Rocket, "107mm": Rocket, "107 mm": Rocket, "122mm": Rocket, "122 mm": Rocket,
		"uav": Drone, "uas": Drone, "quadcopter": Drone, "fixed wing": Drone, "one way attack drone": Drone,
		"explosive laden drone": Drone, "roadside bomb": IED, "efp": IED, "mortar round": Mortar,
		"gunfire": SmallArms, "firearms": SmallArms, "rpg": SmallArms, "missile": Rocket,
	} {
		if got, ok := terms[term]; !ok || got != want {
			t.Errorf("Terms()[%q] = %v, %v; want %v", term, got, ok, want)
		}
	}
	// Each call is a new copy.
	terms["katyusha"] = Drone
	if err := wt.Merge(strings.NewReader("grad,drone\n")); err != nil {
		t.Fatal(err)
	}
	if w, _, _ := DefaultWeaponTerms().Match("Grad"); w != Rocket {
		t.Errorf("Merge changed the default table: grad is %v", w)
	}
}

func TestWeaponTermsMerge(t *testing.T) {
	wt := DefaultWeaponTerms()
	err := wt.Merge(strings.NewReader("\uFEFFterm,weapon\n" +
		"# local names\n" +
		"Shahed-136, drone\n" +
		"grad,other\n" + // override: counted as other, not listed
		"Fixed-Wing,drone\n" + // the same as the default
		"\"Zelzal 2\",rocket\n" +
		"shahed 136,drones\n")) // given twice, same weapon
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cell   string
		weapon Weapon
		term   string
	}{
		{"Shahed-136", Drone, "shahed 136"},
		{"a shahed 136 hit the base", Drone, "shahed 136"},
		{"Shahed", OtherWeapon, ""},
		{"Grad", OtherWeapon, "grad"},
		{"zelzal-2", Rocket, "zelzal 2"},
		{"Katyusha", Rocket, "katyusha"}, // defaults stay
	} {
		w, term, ok := wt.Match(tc.cell)
		if w != tc.weapon || term != tc.term || ok != (tc.term != "") {
			t.Errorf("Match(%q) = %v, %q, %v; want %v, %q, %v", tc.cell, w, term, ok, tc.weapon, tc.term, tc.term != "")
		}
	}

	var zero WeaponTerms
	if err := zero.Merge(strings.NewReader("uav,drone")); err != nil {
		t.Fatal(err)
	}
	if w, term, ok := zero.Match("UAV"); w != Drone || term != "uav" || !ok {
		t.Errorf("zero WeaponTerms after Merge: Match(UAV) = %v, %q, %v", w, term, ok)
	}
	if w, term, ok := new(WeaponTerms).Match("rockets"); w != Rocket || term != "rocket" || !ok {
		t.Errorf("empty WeaponTerms: Match(rockets) = %v, %q, %v", w, term, ok)
	}
}

func TestWeaponTermsMergeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, err string
	}{
		{"one field", "term,weapon\nuav\n", "2:1: row: 1 fields, want 2: term,weapon"},
		{"three fields", "uav,drone,x\n", "1:1: row: 3 fields, want 2: term,weapon"},
		{"empty term", "uav,drone\n - ,drone\n", "2:2: term: term is empty"},
		{"bad character", "uav,drone\nmortar.round,mortar\n", `2:1: term: term "mortar.round" has '.': want words of letters and digits, separated by spaces or hyphens`},
		{"unknown weapon", "uav,drone\nshahed,  dron\n", `2:10: weapon: unknown weapon "dron": want one of rocket, drone, mortar, ied, small_arms, other`},
		{"empty weapon", "shahed,\n", `1:8: weapon: unknown weapon "": want one of rocket, drone, mortar, ied, small_arms, other`},
		{"code for another weapon", "rockets,drone\n", `1:9: weapon: "rockets" names the weapon rocket, so it cannot be a term for drone`},
		{"spelling for another weapon", "Small Arm,ied\n", `1:11: weapon: "small arm" names the weapon small_arms, so it cannot be a term for ied`},
		{"twice", "uav,drone\n#\nUAV,rocket\n", `3:5: weapon: term "uav" is drone on line 1 but rocket on line 3`},
		{"bad quote", "uav,drone\n\"uav\"x,drone\n", `2:5: row: extraneous or missing " in quoted-field`},
		{"header later", "uav,drone\nterm,weapon\n", `2:6: weapon: unknown weapon "weapon": want one of rocket, drone, mortar, ied, small_arms, other`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wt := DefaultWeaponTerms()
			before := wt.Terms()
			err := wt.Merge(strings.NewReader(tc.in))
			var pe *PositionError
			if !errors.As(err, &pe) || err.Error() != tc.err {
				t.Fatalf("Merge: err = %v, want *PositionError %q", err, tc.err)
			}
			if after := wt.Terms(); len(after) != len(before) || after["uav"] != before["uav"] {
				t.Errorf("a failed Merge changed the table")
			}
		})
	}
}

func TestWeaponMatchAllocs(t *testing.T) {
	wt := DefaultWeaponTerms()
	// Upper-case cells of one or two words allocate in ParseWeapon.
	for _, cell := range []string{"rocket", "katyusha", "3 x 107mm rockets fired at the base", "Three Katyusha rockets", "unknown projectile, no"} {
		if n := testing.AllocsPerRun(100, func() { wt.Match(cell) }); n != 0 {
			t.Errorf("Match(%q) allocates %v times, want 0", cell, n)
		}
	}
}

// FuzzWeaponMatch checks on any cell that Match does not panic, that it
// agrees with ParseWeapon on codes and spellings, that a cell with no term
// is other, that the term it gives matches itself to the
// same weapon, and that the case of ASCII letters and surrounding space
// change nothing.
func FuzzWeaponMatch(f *testing.F) {
	for _, s := range []string{
		"rocket", "Katyusha rockets", "107-mm", "rocket-propelled grenade", "UAV/drone",
		"Stalingrad", "one-way attack drone", "small_arms", "صاروخ",
	} {
		f.Add(s)
	}
	wt := DefaultWeaponTerms()
	f.Fuzz(func(t *testing.T, cell string) {
		w, term, ok := wt.Match(cell)
		if code, isCode := ParseWeapon(cell); isCode && (w != code || term != code.String() || !ok) {
			t.Fatalf("Match(%q) = %v, %q, %v, but ParseWeapon says %v", cell, w, term, ok, code)
		}
		if !ok {
			if w != OtherWeapon || term != "" {
				t.Fatalf("Match(%q) = %v, %q, false", cell, w, term)
			}
		} else if w2, term2, ok2 := wt.Match(term); w2 != w || !ok2 {
			t.Fatalf("Match(%q) = %v by %q, but Match(%q) = %v, %q, %v", cell, w, term, term, w2, term2, ok2)
		}
		flipped := []byte(cell)
		for i, c := range flipped {
			if asciiLetter(c) {
				flipped[i] ^= 0x20
			}
		}
		for _, c := range []string{string(flipped), " " + cell + "\t"} {
			if w2, term2, ok2 := wt.Match(c); w2 != w || term2 != term || ok2 != ok {
				t.Fatalf("Match(%q) = %v, %q, %v, but Match(%q) = %v, %q, %v", cell, w, term, ok, c, w2, term2, ok2)
			}
		}
	})
}

func BenchmarkWeaponMatch(b *testing.B) {
	wt := DefaultWeaponTerms()
	for _, cell := range []string{
		"rocket",
		"Katyusha",
		"one-way attack drone",
		"3 x 107mm rockets fired at Ain al-Asad air base from a truck",
		"unknown projectile reported near the perimeter fence at night",
	} {
		b.Run(cell, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				wt.Match(cell)
			}
		})
	}
}
