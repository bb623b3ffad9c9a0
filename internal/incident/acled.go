package incident

import (
	"fmt"
	"strings"
	"time"
)

func init() { Formats = append(Formats, acledFormat) }

// acledFormat is an export of the Armed Conflict Location & Event Data
// Project (ACLED), in either of its layouts: the current one (since March
// 2023: disorder_type, civilian_targeting and tags) and the older one
// (data_id, event_id_no_cnty, iso3). Header names are matched as in the
// canonical file, so the upper-case headers of older exports are read too.
// See acledAdapter for how its rows become incidents.
var acledFormat = &Format{
	Name:     "acled",
	Label:    "an ACLED export",
	Required: acledRequired,
	Marks: []string{
		"event_id_cnty", "event_id_no_cnty", "data_id", "year", "time_precision",
		"disorder_type", "actor1", "assoc_actor_1", "inter1", "actor2",
		"assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso",
		"iso3", "region", "admin1", "admin2", "admin3", "geo_precision",
		"source_scale", "fatalities", "tags", "timestamp",
	},
	adapter: newACLEDAdapter,
}

// acledRequired are the columns an ACLED export must have.
var acledRequired = []string{"event_date", "event_type", "sub_event_type", "location"}

// acledAdapter maps the rows of an ACLED export onto the canonical
// columns. It holds only the positions of the columns it reads, fixed when
// it is made, so convert may run on several goroutines at once.
//
// # Columns
//
//	id             event_id_cnty
//	date           event_date (see Dates)
//	country        country
//	province       admin1
//	site           location
//	target_type    derived (see Target type)
//	weapon         derived from sub_event_type and notes (see Weapon)
//	intercepted    1 on a weapon shot down (see Drones shot down)
//	killed         fatalities
//	outcome        intercepted on a weapon shot down, otherwise empty
//	               (executed)
//	attributed_to  actor1; actor2 on a weapon shot down
//	source         source
//	notes          notes
//	latitude,
//	longitude      latitude, longitude
//
// time, munitions, wounded, confidence and source_url are left empty:
// ACLED records no time, munitions, wounded or URLs, and an empty
// confidence is high, as for any curated database. The columns
// event_date, event_type, sub_event_type and location are required; any
// other may be absent, and its values are then empty.
//
// # Event types
//
// Rows of event type Battles, Explosions/Remote violence and Violence
// against civilians are attacks and kept. Protests and Riots are excluded
// with the reason `ACLED event type "Protests" is not an attack`, as is
// Strategic developments except for a weapon shot down; any other event
// type, or none, is excluded as unknown. The exclusion is shown at the
// event_type column. Event types match in any case.
//
// # Drones shot down
//
// ACLED codes a drone, rocket or missile intercepted in the air as
// Strategic developments, sub-event Disrupted weapons use, with the
// intercepting force as actor1. Such a row counts as an attack, with
// outcome intercepted and intercepted 1 (munitions empty, so 1), as the
// canonical file records a drone shot down: it was launched at the site.
// A Strategic developments row counts so when its notes say "shot down",
// "shoot down", "shooting down", "downed", "intercepted", "intercept" or
// "interception" (and their plurals and -ing forms) and name a drone,
// rocket or mortar by the weapon terms; its weapon is the first of these
// named, and attributed_to is actor2, the side whose weapon was stopped.
// Every other Strategic developments row (weapons seized or defused, bases
// established, arrests, agreements) is excluded: it is not an attack on a
// site. Notes that say a truck carrying rockets was intercepted are
// counted too; the rule cannot tell them apart.
//
// An Explosions/Remote violence row whose notes mention an interception
// stays executed: ACLED codes a strike stopped in the air as Disrupted
// weapons use, so a strike coded as an explosion hit, and the interception
// was of part of it ("three drones, two shot down").
//
// # Weapon
//
// ACLED has no weapon column. The sub_event_type gives a weapon, and the
// notes, read with the shipped weapon terms (weapon_terms.csv, as whole
// words in any case; the longest term at a place wins), may change it to
// one the sub-event admits:
//
//	Air/drone strike                   other; drone when the notes name a
//	                                   drone anywhere (drone, UAV, ...):
//	                                   most air strikes are by manned
//	                                   aircraft
//	Shelling/artillery/missile attack  rocket; the first of rocket or
//	                                   mortar the notes name (Katyusha is a
//	                                   rocket)
//	Remote explosive/landmine/IED      ied
//	Grenade                            other
//	any other sub-event (Armed clash,  the first weapon the notes name,
//	Attack, Suicide bomb, ...)         otherwise other
//
// The weapon's column is sub_event_type. The weapon terms are the Reader's
// (Options.Weapons): the shipped ones with any of a -weapons file.
//
// # Target type
//
// Derived from the words of location, then of notes: the first of the two
// that names one gives it, in this order of precedence: convoy (convoy),
// diplomatic (embassy, consulate), airport (airport), military_base (base,
// airbase). So a convoy on its way to a base is a convoy, and a strike on
// an airport that hosts a base is an airport. Otherwise it is left empty
// (not said). Actors are not read: an actor names who, not what kind of
// site.
//
// # Dates
//
// time_precision 1, empty or anything else is a day: the event_date cell
// is passed on as written, for the reader's date parser (2021-06-06,
// 06 June 2021, and 27-Dec-20 from a re-save in Excel). time_precision 3
// is a month: the date becomes the first of the event's month, as
// YYYY-MM-DD, with precision Month. time_precision 2 is a week: the date
// becomes the Monday of the event's week, or the first of the month when
// that Monday is in the month before, with precision Week. So a row of
// week or month precision counts in the month ACLED gives it. A week or
// month date that DateParser's zero value cannot read (an ambiguous
// slashed date, a bad date) is passed on as written, with its precision,
// for the reader to judge.
type acledAdapter struct {
	// The positions of the columns read, -1 when absent.
	id, date, precision, eventType, subEventType, actor1, actor2,
	country, admin1, location, latitude, longitude, source, notes,
	fatalities int
	terms *WeaponTerms
}

// newACLEDAdapter maps the header of an ACLED export. It fails when a
// required column is missing (*MissingColumnsError) or a column is named
// twice.
func newACLEDAdapter(header []string, terms *WeaponTerms) (adapter, error) {
	pos := make(map[string]int, len(header))
	for i, h := range header {
		key := normalize(h)
		if key == "" {
			continue
		}
		if j, dup := pos[key]; dup {
			return nil, fmt.Errorf("column %q appears twice (columns %d and %d)", strings.TrimSpace(h), j+1, i+1)
		}
		pos[key] = i
	}
	var missing []string
	for _, c := range acledRequired {
		if _, ok := pos[c]; !ok {
			missing = append(missing, c)
		}
	}
	if missing != nil {
		return nil, &MissingColumnsError{Missing: missing, Found: append([]string(nil), header...), Resembles: "an ACLED export"}
	}
	col := func(name string) int {
		if i, ok := pos[name]; ok {
			return i
		}
		return -1
	}
	return &acledAdapter{
		id:           col("event_id_cnty"),
		date:         col("event_date"),
		precision:    col("time_precision"),
		eventType:    col("event_type"),
		subEventType: col("sub_event_type"),
		actor1:       col("actor1"),
		actor2:       col("actor2"),
		country:      col("country"),
		admin1:       col("admin1"),
		location:     col("location"),
		latitude:     col("latitude"),
		longitude:    col("longitude"),
		source:       col("source"),
		notes:        col("notes"),
		fatalities:   col("fatalities"),
		terms:        terms,
	}, nil
}

// The ACLED event types, lower case.
const (
	acledBattles    = "battles"
	acledExplosions = "explosions/remote violence"
	acledViolence   = "violence against civilians"
	acledProtests   = "protests"
	acledRiots      = "riots"
	acledStrategic  = "strategic developments"
)

var acledEventTypes = []string{acledBattles, acledExplosions, acledViolence, acledProtests, acledRiots, acledStrategic}

// acledEventType returns the event type s names, lower case, or "".
func acledEventType(s string) string {
	s = strings.TrimSpace(s)
	for _, t := range acledEventTypes {
		if strings.EqualFold(s, t) {
			return t
		}
	}
	return ""
}

// weaponSet is a set of weapons, one bit each.
type weaponSet uint8

func weaponsOf(ws ...Weapon) weaponSet {
	var s weaponSet
	for _, w := range ws {
		s |= 1 << w
	}
	return s
}

func (s weaponSet) has(w Weapon) bool { return s&(1<<w) != 0 }

const allWeapons = weaponSet(1<<NumWeapons - 1)

// acledSubEventWeapons give a sub-event's weapon and the weapons the notes
// may change it to; sub-events not listed give other and admit any.
var acledSubEventWeapons = []struct {
	subEvent string
	weapon   Weapon
	admits   weaponSet
}{
	{"Air/drone strike", OtherWeapon, weaponsOf(Drone)},
	{"Shelling/artillery/missile attack", Rocket, weaponsOf(Rocket, Mortar)},
	{"Remote explosive/landmine/IED", IED, 0},
	{"Grenade", OtherWeapon, 0},
}

// The weapons that can be shot down or intercepted in the air.
var acledInterceptable = weaponsOf(Drone, Rocket, Mortar)

// acledInterception are the words that say a weapon was stopped in the air.
var acledInterception = newWordTable([]string{"shot down", "shoot down", "shoots down", "shooting down",
	"downed", "intercepted", "intercept", "intercepts", "intercepting", "interception", "interceptions"})

// acledTargetTypes are the target types that location and notes can name,
// in order of precedence, and acledTargetWords their words, in that order.
var (
	acledTargetTypes = []TargetType{Convoy, Diplomatic, Airport, MilitaryBase}
	acledTargetWords = newWordTable(
		[]string{"convoy", "convoys"},
		[]string{"embassy", "embassies", "consulate", "consulates"},
		[]string{"airport", "airports"},
		[]string{"base", "bases", "airbase", "airbases"},
	)
)

// convert maps one row, as the acledAdapter comment says.
func (a *acledAdapter) convert(rec []string, dst []string, from []int) (exclude string, excludeCol int, prec Precision) {
	cell := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	set := func(f field, i int) {
		dst[f], from[f] = cell(i), i
		if i >= len(rec) {
			from[f] = -1
		}
	}
	for f := range dst {
		dst[f], from[f] = "", -1
	}
	set(fID, a.id)
	set(fCountry, a.country)
	set(fProvince, a.admin1)
	set(fSite, a.location)
	set(fKilled, a.fatalities)
	set(fAttributedTo, a.actor1)
	set(fSource, a.source)
	set(fNotes, a.notes)
	set(fLatitude, a.latitude)
	set(fLongitude, a.longitude)

	set(fDate, a.date)
	switch strings.TrimSpace(cell(a.precision)) {
	case "2":
		prec = Week
	case "3":
		prec = Month
	}
	if prec != Day {
		dst[fDate] = approximateDate(dst[fDate], prec)
	}

	notes := cell(a.notes)
	weapon := OtherWeapon
	switch acledEventType(cell(a.eventType)) {
	case acledBattles, acledExplosions, acledViolence:
		weapon = a.weapon(cell(a.subEventType), notes)
	case acledStrategic:
		w, ok := a.terms.firstWeapon(notes, acledInterceptable)
		if !ok || acledInterception.first(notes) < 0 {
			exclude = fmt.Sprintf("ACLED event type %q is not an attack (only a drone, rocket or mortar shot down or intercepted is)", strings.TrimSpace(cell(a.eventType)))
			break
		}
		weapon = w
		dst[fOutcome], from[fOutcome] = string(Intercepted), a.subEventType
		dst[fIntercepted], from[fIntercepted] = "1", a.notes
		set(fAttributedTo, a.actor2)
	case acledProtests, acledRiots:
		exclude = fmt.Sprintf("ACLED event type %q is not an attack", strings.TrimSpace(cell(a.eventType)))
	default:
		exclude = fmt.Sprintf("unknown ACLED event type %q: want Battles, Explosions/Remote violence or Violence against civilians (attacks), or Protests, Riots or Strategic developments", strings.TrimSpace(cell(a.eventType)))
	}
	if exclude != "" {
		excludeCol = a.eventType
	}
	dst[fWeapon], from[fWeapon] = weapon.String(), a.subEventType

	for _, c := range []int{a.location, a.notes} {
		if t, ok := acledTarget(cell(c)); ok {
			dst[fTargetType], from[fTargetType] = string(t), c
			break
		}
	}
	return exclude, excludeCol, prec
}

// weapon returns the weapon of an attack of the sub-event with these
// notes.
func (a *acledAdapter) weapon(subEvent, notes string) Weapon {
	w, admits := OtherWeapon, allWeapons
	subEvent = strings.TrimSpace(subEvent)
	for _, r := range acledSubEventWeapons {
		if strings.EqualFold(subEvent, r.subEvent) {
			w, admits = r.weapon, r.admits
			break
		}
	}
	if named, ok := a.terms.firstWeapon(notes, admits); ok {
		return named
	}
	return w
}

// acledTarget returns the target type that s names, if any: the first
// in precedence of those it names.
func acledTarget(s string) (TargetType, bool) {
	if i := acledTargetWords.first(s); i >= 0 {
		return acledTargetTypes[i], true
	}
	return "", false
}

// approximateDate returns the first day of the week or month (prec) that
// the date s falls in, as YYYY-MM-DD: the Monday of its week, or the first
// of its month when that Monday is in the month before. It returns s as it
// is when DateParser's zero value cannot read it.
func approximateDate(s string, prec Precision) string {
	t, reason := DateParser{}.Parse(s)
	if reason != "" {
		return s
	}
	first := t.AddDate(0, 0, 1-t.Day())
	if prec == Week {
		monday := t.AddDate(0, 0, -(int(t.Weekday())+6)%7)
		if monday.After(first) {
			first = monday
		}
	}
	return first.Format(time.DateOnly)
}

// firstWeapon returns the weapon of the first term of the table found in
// s, as Match finds terms, that is in admits. Where terms start at the
// same word, the longest decides: "rocket-propelled grenade" is small arms
// even when only rocket is admitted, so it is passed over, not read as a
// rocket.
func (wt *WeaponTerms) firstWeapon(s string, admits weaponSet) (Weapon, bool) {
	if admits == 0 {
		return OtherWeapon, false
	}
	for start, end := nextWord(s, 0); start < len(s); start, end = nextWord(s, end) {
		var buf [32]byte
		key := lowerWord(buf[:0], s[start:end])
		for _, p := range wt.byFirst[string(key)] {
			if phraseAt(s, end, p.words[1:]) {
				if admits.has(p.weapon) {
					return p.weapon, true
				}
				break
			}
		}
	}
	return OtherWeapon, false
}

// wordTable finds phrases in a text as whole words, in any case, their
// words separated by runs of spaces or hyphens, as weapon terms are found.
// Each phrase has a group, its place in newWordTable's arguments.
type wordTable map[string][]wordPhrase // by first word, lower case

type wordPhrase struct {
	rest  []string // the words after the first, lower case
	group int
}

// newWordTable makes a table of groups of phrases.
func newWordTable(groups ...[]string) wordTable {
	t := make(wordTable)
	for g, phrases := range groups {
		for _, p := range phrases {
			words := strings.FieldsFunc(strings.ToLower(p), wordJoiner)
			t[words[0]] = append(t[words[0]], wordPhrase{words[1:], g})
		}
	}
	return t
}

// has reports whether s has any of the phrases.
func (t wordTable) has(s string) bool { return t.leftmost(s) >= 0 }

// leftmost returns the group of the phrase found first in s, scanning
// from its start, or -1 when none is; of phrases that start at one word,
// the one given first to newWordTable wins.
func (t wordTable) leftmost(s string) int {
	for start, end := nextWord(s, 0); start < len(s); start, end = nextWord(s, end) {
		var buf [32]byte
		for _, p := range t[string(lowerWord(buf[:0], s[start:end]))] {
			if phraseAt(s, end, p.rest) {
				return p.group
			}
		}
	}
	return -1
}

// first returns the lowest group of the phrases found in s, or -1 when
// none is.
func (t wordTable) first(s string) int {
	best := -1
	for start, end := nextWord(s, 0); start < len(s); start, end = nextWord(s, end) {
		var buf [32]byte
		for _, p := range t[string(lowerWord(buf[:0], s[start:end]))] {
			if (best < 0 || p.group < best) && phraseAt(s, end, p.rest) {
				if best = p.group; best == 0 {
					return 0
				}
			}
		}
	}
	return best
}
