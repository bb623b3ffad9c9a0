package incident

import (
	"fmt"
	"net/url"
	"strings"
)

// gtdFormat is an export of the Global Terrorism Database (START,
// University of Maryland): one row per GTD event, in GTD's 135 columns
// (eventid, iyear, imonth, iday, approxdate, ..., country_txt, provstate,
// city, latitude, longitude, summary, ..., success, ..., attacktype1_txt,
// targtype1_txt, target1, gname, weaptype1_txt, weapsubtype1_txt,
// weapdetail, nkill, nwound, ..., scite1, scite2, scite3, ...). The official
// release is .xlsx; CSV copies are Latin-1, which the reader decodes. Only
// the columns below are read; the adapter finds them by name, in any order.
//
// The canonical values are made so:
//
//   - id is eventid. date is iyear-imonth-iday. A number written as a float,
//     "2021.0", as some CSV copies have it, is read as the whole number. An
//     iday of 0 (GTD's "day unknown") gives the 1st of the month at Month
//     precision, so the event counts in its month. An imonth of 0 leaves
//     only the year: such a row is excluded (at imonth), since it cannot be
//     counted in a month; its date is given as 1 January so that it is still
//     a date. approxdate, GTD's wording of an uncertain date, is not read:
//     iday is GTD's best estimate. A year, month or day that is not a whole
//     number is passed on as written ("2021-x-4"), and a day not in the
//     month ("2021-02-30") as it is, for the reader to reject at that column.
//   - country is country_txt; province is provstate, empty when "Unknown".
//   - target_type: convoy when target1 says so ("Convoy", "Supply trucks",
//     "Logistics convoy", ...), or when target1 names no site (see site) and
//     summary says convoy; not from targsubtype1_txt, whose "Military
//     Unit/Patrol/Convoy" and "Military Transportation/Vehicle (excluding
//     convoys)" say convoy of units that are not convoys. Otherwise GTD's
//     targtype1_txt: Military is military_base, Government (Diplomatic) is
//     diplomatic, Airports & Aircraft is airport; any other type is read from
//     the words of target1 (embassy, consulate: diplomatic; airport,
//     airfield: airport; base, camp, garrison, barracks: military_base), and
//     is other when they say none of these.
//   - site: a convoy's site is "Supply route, <province>" ("Supply route,
//     province unknown" without one), as in the shipped data. Otherwise
//     target1 when it names a site (it has a word such as base, airport,
//     embassy, consulate, camp, compound, center, headquarters), else city
//     when GTD knows it (not "Unknown"), else empty, which the reader
//     rejects at city: GTD gives no place for the event.
//   - weapon, from weaptype1_txt, weapsubtype1_txt, weapdetail and summary,
//     terms matched as DefaultWeaponTerms().Match matches them: Firearms is
//     small_arms. Explosives is the weapon weapdetail names when it names
//     one (an explosives-laden drone is a drone, "Katyusha rockets" a
//     rocket); else, for "Projectile (rockets, mortars, RPGs, etc.)", the
//     weapon summary names, or rocket; for an unknown, other or unnamed
//     explosive type, the weapon summary names, or ied; Grenade is other;
//     every other kind of explosive (Remote Trigger, Pressure Trigger, Time
//     Fuse, Vehicle, Suicide, Mine, Pipe Bomb, ...) is ied. Unknown is the
//     weapon weapdetail or summary names, or other. Any other type
//     (Incendiary, Melee, ...) is the weapon weapdetail names, or other.
//   - outcome: success 1 (or any value but 0) is executed. success 0 is
//     intercepted when summary or weapdetail says so ("shot down",
//     "intercepted", "C-RAM"), foiled when they say the device was found
//     before it went off ("found", "defused", "dismantled", "before it
//     exploded", ...), so the reader excludes it as never launched (when
//     both are said, intercepted: a launcher found after a drone was shot
//     down does not make the attack foiled), and
//     executed otherwise: GTD's failed attacks (a bomb that went off early
//     or not at all, rockets that fell short) were made, and count.
//   - killed and wounded are nkill and nwound; GTD's -99 and -9 (unknown)
//     are empty, not reported.
//   - attributed_to is gname, empty when "Unknown". GTD's guncertain1 (the
//     attribution is suspected) is not read.
//   - source is "GTD", or "GTD, citing <scite1>; <scite2>; <scite3>" with
//     the citations GTD gives; source_url is the event's GTD page,
//     https://www.start.umd.edu/gtd/search/IncidentSummary.aspx?gtdid=<eventid>.
//   - notes is summary; latitude and longitude are GTD's (city level).
//   - time, munitions, intercepted and confidence are left empty: GTD has
//     no time of day or count of munitions, and as a curated database its
//     events are high confidence.
//
// Every GTD event is an attack, so the only row excluded is one dated by
// its year alone. doubtterr, GTD's doubt that an event is terrorism (rather
// than insurgency or other violence), does not exclude a row: this tool
// counts attacks on sites whatever their label. Nor is a row excluded for
// its target: choosing the events of interest (GTD's 547 Iraqi events of
// January to June 2021 hold 124 on the coalition) is the input's work.
var gtdFormat = &Format{
	Name:     "gtd",
	Label:    gtdLabel,
	Required: []string{"eventid", "iyear", "imonth", "iday"},
	// latitude and longitude are GTD's too, but the canonical schema's as
	// well, so they would make a canonical header look like GTD's.
	Marks: []string{"approxdate", "country_txt", "provstate", "city", "summary",
		"success", "attacktype1_txt", "targtype1_txt", "target1", "gname",
		"weaptype1_txt", "weapsubtype1_txt", "weapdetail", "nkill", "nwound"},
	adapter: newGTDAdapter,
}

func init() { Formats = append(Formats, gtdFormat) }

const gtdLabel = "a GTD export"

// gtdColumn is a GTD column the adapter reads.
type gtdColumn int

const (
	gEventID gtdColumn = iota
	gYear
	gMonth
	gDay
	gCountry
	gProvince
	gCity
	gLatitude
	gLongitude
	gSummary
	gSuccess
	gTargType
	gTarget
	gGroup
	gWeapType
	gWeapSubtype
	gWeapDetail
	gKilled
	gWounded
	gCite1
	gCite2
	gCite3
	numGTDColumns
)

// gtdColumnNames are the GTD columns' names, as normalize gives them.
var gtdColumnNames = [numGTDColumns]string{
	"eventid", "iyear", "imonth", "iday", "country_txt", "provstate", "city",
	"latitude", "longitude", "summary", "success", "targtype1_txt", "target1", "gname", "weaptype1_txt",
	"weapsubtype1_txt", "weapdetail", "nkill", "nwound", "scite1", "scite2",
	"scite3",
}

// gtdURL is the address of a GTD event's page, without its id.
const gtdURL = "https://www.start.umd.edu/gtd/search/IncidentSummary.aspx?gtdid="

// gtdAdapter maps the records of one GTD header. It is not changed after
// newGTDAdapter, so convert may run on several goroutines at once.
type gtdAdapter struct {
	// col is the record index of each GTD column, or -1 when the header
	// lacks it (an optional column's value is then empty).
	col   [numGTDColumns]int
	terms *WeaponTerms
}

// newGTDAdapter maps a GTD header. A header without eventid, iyear, imonth
// and iday gives a *MissingColumnsError; a column named twice is read from
// its first place.
func newGTDAdapter(header []string, terms *WeaponTerms) (adapter, error) {
	a := &gtdAdapter{terms: terms}
	for c := range a.col {
		a.col[c] = -1
	}
	byName := make(map[string]gtdColumn, numGTDColumns)
	for c, name := range gtdColumnNames {
		byName[name] = gtdColumn(c)
	}
	for i, h := range header {
		if c, ok := byName[normalize(h)]; ok && a.col[c] < 0 {
			a.col[c] = i
		}
	}
	var missing []string
	for c := gEventID; c <= gDay; c++ { // gtdFormat.Required
		if a.col[c] < 0 {
			missing = append(missing, gtdColumnNames[c])
		}
	}
	if missing != nil {
		return nil, &MissingColumnsError{Missing: missing, Found: append([]string(nil), header...), Resembles: gtdLabel}
	}
	return a, nil
}

// get returns the trimmed value of column c in rec, or "" when the header
// lacks it.
func (a *gtdAdapter) get(rec []string, c gtdColumn) string {
	if i := a.col[c]; i >= 0 && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// convert implements adapter; gtdFormat's comment gives the rules.
func (a *gtdAdapter) convert(rec []string, dst []string, from []int) (exclude string, excludeCol int, prec Precision) {
	for f := range numFields {
		dst[f], from[f] = "", -1
	}
	set := func(f field, v string, c gtdColumn) {
		dst[f], from[f] = v, a.col[c]
	}
	get := func(c gtdColumn) string { return a.get(rec, c) }
	excludeCol = -1

	id := gtdWhole(get(gEventID))
	set(fID, id, gEventID)

	date, dateCol, prec, yearOnly := gtdDate(get(gYear), get(gMonth), get(gDay))
	set(fDate, date, dateCol)
	if yearOnly {
		exclude = "GTD gives only the year (imonth 0): an event not known to its month cannot be counted by month"
		excludeCol = a.col[gMonth]
	}

	set(fCountry, get(gCountry), gCountry)
	province := known(get(gProvince))
	set(fProvince, province, gProvince)

	target, summary, detail := get(gTarget), get(gSummary), get(gWeapDetail)
	namesSite := gtdSiteWords.has(target)
	convoy := gtdConvoyWords.has(target) || !namesSite && gtdConvoyWords.has(summary)
	switch {
	case convoy:
		set(fTargetType, string(Convoy), gTarget)
		if province == "" {
			set(fSite, "Supply route, province unknown", gProvince)
		} else {
			set(fSite, "Supply route, "+province, gProvince)
		}
	default:
		set(fTargetType, string(gtdTargetType(get(gTargType), target)), gTargType)
		if city := known(get(gCity)); namesSite {
			set(fSite, target, gTarget)
		} else if city != "" {
			set(fSite, city, gCity)
		} else if a.col[gCity] >= 0 {
			from[fSite] = a.col[gCity]
		} else {
			from[fSite] = a.col[gTarget]
		}
	}

	w, wc := a.weapon(get(gWeapType), get(gWeapSubtype), detail, summary)
	set(fWeapon, w.String(), wc)

	outcome := Executed
	if gtdWhole(get(gSuccess)) == "0" {
		switch {
		case gtdInterceptedWords.has(summary) || gtdInterceptedWords.has(detail):
			outcome = Intercepted
		case gtdFoiledWords.has(summary) || gtdFoiledWords.has(detail):
			outcome = Foiled
		}
	}
	set(fOutcome, string(outcome), gSuccess)

	set(fKilled, gtdCount(get(gKilled)), gKilled)
	set(fWounded, gtdCount(get(gWounded)), gWounded)
	set(fAttributedTo, known(get(gGroup)), gGroup)

	source := "GTD"
	var cites []string
	for _, c := range []gtdColumn{gCite1, gCite2, gCite3} {
		if v := get(c); v != "" {
			cites = append(cites, v)
		}
	}
	if cites != nil {
		source += ", citing " + strings.Join(cites, "; ")
	}
	set(fSource, source, gCite1)
	if id != "" {
		set(fSourceURL, gtdURL+url.QueryEscape(id), gEventID)
	}
	set(fNotes, summary, gSummary)
	set(fLatitude, get(gLatitude), gLatitude)
	set(fLongitude, get(gLongitude), gLongitude)
	return exclude, excludeCol, prec
}

// gtdDate builds a canonical date from GTD's year, month and day, and says
// which of them the date stands or falls by. A day of 0 gives the 1st at
// Month precision; a month of 0 gives 1 January with yearOnly set.
// Values that are not whole numbers are joined as written, for the date
// parser to reject.
func gtdDate(year, month, day string) (date string, col gtdColumn, prec Precision, yearOnly bool) {
	if year == "" && month == "" && day == "" {
		return "", gYear, Day, false
	}
	parts := [3]string{gtdWhole(year), gtdWhole(month), gtdWhole(day)}
	var n [3]int
	for i, p := range parts {
		var ok bool
		if n[i], ok = atoiN(p); !ok {
			return parts[0] + "-" + parts[1] + "-" + parts[2], gYear + gtdColumn(i), Day, false
		}
	}
	y, m, d := n[0], n[1], n[2]
	switch {
	case m == 0:
		return fmt.Sprintf("%04d-01-01", y), gMonth, Month, true
	case m > 12:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, max(d, 1)), gMonth, Day, false
	case d == 0:
		return fmt.Sprintf("%04d-%02d-01", y, m), gDay, Month, false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), gDay, Day, false
}

// gtdWhole returns s without the zero fraction of a whole number written
// as a float, as some CSV copies of GTD write numbers: "2021.0" is "2021",
// "-99.0" "-99". Any other s is returned as it is.
func gtdWhole(s string) string {
	i := strings.IndexByte(s, '.')
	if i < 0 || strings.Trim(s[i+1:], "0") != "" {
		return s
	}
	if n := strings.TrimPrefix(s[:i], "-"); !digits(n) {
		return s
	}
	return s[:i]
}

// gtdCount returns a GTD count (nkill, nwound) as a canonical count cell:
// the whole number, or "" for GTD's unknown, -99 or -9. Other values are
// returned as they are, for the reader to reject.
func gtdCount(s string) string {
	s = gtdWhole(s)
	if s == "-99" || s == "-9" {
		return ""
	}
	return s
}

// known returns s, or "" when it is GTD's "Unknown".
func known(s string) string {
	if strings.EqualFold(s, "unknown") {
		return ""
	}
	return s
}

// gtdTargetType maps GTD's target type, and the words of target1 for a type
// of GTD's that is none of this project's, onto a target type.
func gtdTargetType(targtype, target string) TargetType {
	switch strings.ToLower(targtype) {
	case "military":
		return MilitaryBase
	case "government (diplomatic)":
		return Diplomatic
	case "airports & aircraft":
		return Airport
	}
	if g := gtdTargetWords.leftmost(target); g >= 0 {
		return gtdTargetTypes[g]
	}
	return OtherTarget
}

// weapon returns the weapon of a GTD event and the column that decided it.
func (a *gtdAdapter) weapon(typ, subtype, detail, summary string) (Weapon, gtdColumn) {
	named := func(s string) (Weapon, bool) {
		w, _, ok := a.terms.Match(s)
		return w, ok
	}
	sub := strings.ToLower(subtype)
	switch strings.ToLower(typ) {
	case "firearms":
		return SmallArms, gWeapType
	case "explosives":
		if w, ok := named(detail); ok {
			return w, gWeapDetail
		}
		switch {
		case strings.HasPrefix(sub, "projectile"):
			if w, ok := named(summary); ok {
				return w, gSummary
			}
			return Rocket, gWeapSubtype
		case sub == "" || sub == "unknown explosive type" || sub == "other explosive type":
			if w, ok := named(summary); ok {
				return w, gSummary
			}
			return IED, gWeapSubtype
		case sub == "grenade":
			return OtherWeapon, gWeapSubtype
		}
		return IED, gWeapSubtype
	case "unknown", "":
		if w, ok := named(detail); ok {
			return w, gWeapDetail
		}
		if w, ok := named(summary); ok {
			return w, gSummary
		}
		return OtherWeapon, gWeapType
	}
	if w, ok := named(detail); ok {
		return w, gWeapDetail
	}
	return OtherWeapon, gWeapType
}

var (
	// gtdConvoyWords say that a target is a convoy: GTD's target1 for the
	// coalition's supply convoys is "Convoy", "Trucks transporting
	// supplies", "Logistics convoy" and the like.
	gtdConvoyWords = newWordTable([]string{"convoy", "convoys", "supply truck", "supply trucks",
		"supply vehicle", "supply vehicles", "transporting supplies",
		"transporting logistical", "transporting logistic", "logistics truck",
		"logistics trucks", "logistical support", "logistic support"})
	// gtdSiteWords say that target1 names a site rather than people or
	// vehicles.
	gtdSiteWords = newWordTable([]string{"base", "bases", "airbase", "air base", "airport",
		"airfield", "embassy", "consulate", "camp", "compound", "center",
		"centre", "headquarters", "garrison", "barracks", "outpost", "complex",
		"facility", "palace", "green zone"})
	// gtdTargetWords map the words of target1 onto a target type (group
	// i is gtdTargetTypes[i]), for a GTD target type that is none of this
	// project's.
	gtdTargetWords = newWordTable(
		[]string{"embassy", "consulate", "diplomatic"},
		[]string{"airport", "airfield"},
		[]string{"base", "airbase", "camp", "garrison", "barracks"})
	gtdTargetTypes = []TargetType{Diplomatic, Airport, MilitaryBase}
	// gtdInterceptedWords say that a failed attack (success 0) was stopped
	// in the air.
	gtdInterceptedWords = newWordTable([]string{"shot down", "intercepted", "intercept",
		"downed", "c ram", "air defense", "air defence", "air defenses",
		"air defences"})
	// gtdFoiledWords say that a failed attack's device was found before it
	// went off.
	gtdFoiledWords = newWordTable([]string{"found", "discovered", "defused", "defuse",
		"dismantled", "dismantle", "disarmed", "disarm", "neutralized",
		"neutralised", "controlled explosion", "controlled detonation",
		"before it exploded", "before it detonated", "before it went off",
		"before it could", "before detonation", "before exploding"})
)
