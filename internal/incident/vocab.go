package incident

import (
	"fmt"
	"strings"
)

// Weapon is the canonical kind of weapon used in an incident. Its order is
// the order in which weapons are listed in every table and chart legend.
type Weapon uint8

// The canonical weapons.
const (
	Rocket Weapon = iota
	Drone
	Mortar
	IED
	SmallArms
	OtherWeapon

	// NumWeapons is the number of canonical weapons; Weapon values are
	// 0 to NumWeapons-1, so a [NumWeapons]int holds a count per weapon.
	NumWeapons = int(OtherWeapon) + 1
)

// weaponTerm describes one canonical weapon: its code in CSV files and
// JSON, its label for people, its plural for sentences, its colour, and
// the other spellings accepted in a weapon cell. This table is the whole
// weapon vocabulary.
type weaponTerm struct {
	code, label, plural string
	// color is one of the Okabe-Ito colour-blind-safe colours, as #RRGGBB;
	// the same in every chart and in the workbook.
	color     string
	spellings []string
}

var weaponTerms = [NumWeapons]weaponTerm{
	Rocket:      {"rocket", "Rocket", "rockets", "#D55E00", []string{"rockets"}},
	Drone:       {"drone", "Drone", "drones", "#0072B2", []string{"drones"}},
	Mortar:      {"mortar", "Mortar", "mortars", "#E69F00", []string{"mortars"}},
	IED:         {"ied", "IED", "IEDs", "#009E73", []string{"ieds"}},
	SmallArms:   {"small_arms", "Small arms", "small arms", "#CC79A7", []string{"small_arm"}},
	OtherWeapon: {"other", "Other", "other weapons", "#999999", []string{"others"}},
}

var weaponIndex = func() map[string]Weapon {
	m := make(map[string]Weapon)
	for w, t := range weaponTerms {
		m[t.code] = Weapon(w)
		for _, s := range t.spellings {
			m[s] = Weapon(w)
		}
	}
	return m
}()

// Weapons returns every canonical weapon in display order.
func Weapons() []Weapon {
	ws := make([]Weapon, NumWeapons)
	for i := range ws {
		ws[i] = Weapon(i)
	}
	return ws
}

// String returns the weapon's code, as written in CSV and JSON: "rocket".
func (w Weapon) String() string { return w.term().code }

// Label returns the weapon's name for people: "Small arms".
func (w Weapon) Label() string { return w.term().label }

// Plural names the weapon's attacks in a sentence, in lower case but for
// acronyms: "rockets", "IEDs", "small arms".
func (w Weapon) Plural() string { return w.term().plural }

// Color returns the weapon's fixed colour as "#RRGGBB".
func (w Weapon) Color() string { return w.term().color }

func (w Weapon) term() weaponTerm {
	if int(w) >= NumWeapons {
		return weaponTerm{code: fmt.Sprintf("weapon(%d)", w), label: "?", plural: "?", color: "#000000"}
	}
	return weaponTerms[w]
}

// ParseWeapon returns the weapon a cell names. Matching ignores case,
// surrounding space, and treats inner spaces and hyphens as underscores,
// so "Small arms", "small-arms" and "SMALL_ARMS" are all SmallArms; plurals
// ("rockets", "IEDs") are accepted.
func ParseWeapon(s string) (Weapon, bool) {
	w, ok := weaponIndex[normalize(s)]
	return w, ok
}

// WeaponCodes lists the accepted codes, for error messages:
// "rocket, drone, mortar, ied, small_arms, other".
func WeaponCodes() string { return strings.Join(weaponCodes(), ", ") }

// TargetType is the kind of site attacked. The zero value means the row did
// not say.
type TargetType string

// The target types.
const (
	MilitaryBase TargetType = "military_base"
	Diplomatic   TargetType = "diplomatic"
	Airport      TargetType = "airport"
	Convoy       TargetType = "convoy"
	OtherTarget  TargetType = "other"
)

// TargetTypes lists the target types in display order.
var TargetTypes = []TargetType{MilitaryBase, Diplomatic, Airport, Convoy, OtherTarget}

// targetTypeLabels are the target types' names for people.
var targetTypeLabels = map[TargetType]string{
	MilitaryBase: "Military base", Diplomatic: "Diplomatic", Airport: "Airport", Convoy: "Convoy", OtherTarget: "Other",
}

// Label returns the target type's name for people: "Military base"; ""
// for the zero value (the row did not say), and the code itself for a
// value outside the vocabulary.
func (t TargetType) Label() string {
	if l, ok := targetTypeLabels[t]; ok {
		return l
	}
	return string(t)
}

// Outcome says what became of an attack. An empty cell means Executed.
type Outcome string

// The outcomes.
const (
	Executed    Outcome = "executed"
	Intercepted Outcome = "intercepted"
	// Foiled means the attack was never launched (weapons seized); such
	// rows are excluded from the counts by default.
	Foiled Outcome = "foiled"
)

// Outcomes lists the outcomes in display order.
var Outcomes = []Outcome{Executed, Intercepted, Foiled}

// Label returns the outcome's name for people, its code capitalised:
// "Intercepted"; "" for the zero value.
func (o Outcome) Label() string { return capitalize(string(o)) }

// Confidence is how well sourced an incident is. An empty cell means High;
// Low marks rows that rest only on partisan outlets or re-posts.
type Confidence string

// The confidence levels.
const (
	High Confidence = "high"
	Low  Confidence = "low"
)

// Confidences lists the confidence levels in display order.
var Confidences = []Confidence{High, Low}

// Label returns the confidence level's name for people, its code
// capitalised: "High"; "" for the zero value.
func (c Confidence) Label() string { return capitalize(string(c)) }

// capitalize returns code with its first letter in upper case and
// underscores as spaces: "small_arms" is "Small arms".
func capitalize(code string) string {
	if code == "" {
		return ""
	}
	s := strings.ReplaceAll(code, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// parseTerm returns the term of terms that s names, matched like ParseWeapon.
func parseTerm[T ~string](s string, terms []T) (T, bool) {
	n := normalize(s)
	for _, t := range terms {
		if n == string(t) {
			return t, true
		}
	}
	return "", false
}

// termList formats terms for an error message: "high, low".
func termList[T ~string](terms []T) string { return strings.Join(termStrings(terms), ", ") }

// normalize folds a vocabulary cell or a header name to its lookup key:
// lower case, no surrounding space, inner runs of spaces and hyphens as
// one underscore.
func normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if !strings.ContainsAny(s, " -\t") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '-' || r == '\t'
	}), "_")
}
