package main

import (
	"math/rand/v2"
	"strings"
)

// The tables below were counted by hand from the 88 rows of
// data/incidents.csv (January to July 2021); the weights are the counts.

// opt is a value and its weight.
type opt[T any] struct {
	v T
	w int
}

// table is a weighted choice among values.
type table[T any] struct {
	opts  []opt[T]
	total int
}

func tab[T any](opts ...opt[T]) table[T] {
	t := table[T]{opts: opts}
	for _, o := range opts {
		t.total += o.w
	}
	return t
}

// pick draws one value with probability weight/total.
func (t table[T]) pick(r *rand.Rand) T {
	n := r.IntN(t.total)
	for _, o := range t.opts {
		if n < o.w {
			return o.v
		}
		n -= o.w
	}
	panic("unreachable")
}

// strs is a table of strings written as CSV fields, quoted when needed.
func strs(pairs ...any) table[string] {
	var opts []opt[string]
	for k := 0; k < len(pairs); k += 2 {
		opts = append(opts, opt[string]{csvField(pairs[k].(string)), pairs[k+1].(int)})
	}
	return tab(opts...)
}

// csvField returns s as a CSV field: quoted, with quotes doubled, when it
// holds a comma, a quote or a line break.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// months weights the months. The shipped data ends in July; August to
// December get 13, about the mean of January to July.
var months = tab(
	opt[int]{1, 16}, opt[int]{2, 6}, opt[int]{3, 21}, opt[int]{4, 7},
	opt[int]{5, 9}, opt[int]{6, 17}, opt[int]{7, 12}, opt[int]{8, 13},
	opt[int]{9, 13}, opt[int]{10, 13}, opt[int]{11, 13}, opt[int]{12, 13},
)

// weapon is a weapon code and the word for it in a URL.
type weapon struct{ code, slug string }

// weapons are the canonical weapon codes; site tables refer to them by
// index.
var weapons = []weapon{
	{"rocket", "rocket"}, {"drone", "drone"}, {"mortar", "mortar"},
	{"ied", "ied"}, {"small_arms", "gunfire"}, {"other", "explosion"},
}

const (
	wRocket = iota
	wDrone
	wMortar
	wIED
	wSmallArms
	wOther
)

// site is a site with its province and target type, and the weapons and
// places seen there.
type site struct {
	name, province, target string
	csv                    string // the name as a CSV field
	weapons                table[int]
	places                 table[string] // CSV fields; "" is an empty cell
}

func mkSite(name, province, target string, weapons table[int], places table[string]) *site {
	return &site{name: name, province: province, target: target, csv: csvField(name),
		weapons: weapons, places: places}
}

func ws(pairs ...int) table[int] {
	var opts []opt[int]
	for k := 0; k < len(pairs); k += 2 {
		opts = append(opts, opt[int]{pairs[k], pairs[k+1]})
	}
	return tab(opts...)
}

var sites = tab(
	opt[*site]{mkSite("Supply route, Babil", "Babil", "convoy", ws(wIED, 1),
		strs("", 6, "Hilla", 6, "Hilla highway", 1, "Babil highway", 1, "Babil expressway", 1, "al-Nil", 1)), 16},
	opt[*site]{mkSite("Supply route, Al-Qadisiyah", "Al-Qadisiyah", "convoy", ws(wIED, 9, wOther, 1),
		strs("Diwaniyah", 9, "Diwaniyah highway", 1)), 10},
	opt[*site]{mkSite("Supply route, Baghdad", "Baghdad", "convoy", ws(wIED, 1),
		strs("Abu Ghraib", 3, "Yusufiya", 3, "Abu Ghraib highway", 1, "Yusufiya road", 1, "near Baghdad", 1)), 9},
	opt[*site]{mkSite("Supply route, Dhi Qar", "Dhi Qar", "convoy", ws(wIED, 1),
		strs("Nasiriyah", 6, "near Nasiriyah", 1, "", 1)), 8},
	opt[*site]{mkSite("Ain al-Asad Air Base", "Anbar", "military_base", ws(wRocket, 6, wDrone, 2),
		strs("", 7, "village near the base", 1)), 8},
	opt[*site]{mkSite("Supply route, Muthanna", "Muthanna", "convoy", ws(wIED, 1),
		strs("", 5, "Samawah", 1)), 6},
	opt[*site]{mkSite("Balad Air Base", "Salah al-Din", "military_base", ws(wRocket, 1),
		strs("", 5, "al-Bu Asi village", 1)), 6},
	opt[*site]{mkSite("Camp Victory (BIAP)", "Baghdad", "military_base", ws(wDrone, 3, wRocket, 2),
		strs("", 1)), 5},
	opt[*site]{mkSite("US Embassy Baghdad", "Baghdad", "diplomatic", ws(wRocket, 3, wDrone, 1),
		strs("Green Zone", 3, "Mansour", 1)), 4},
	opt[*site]{mkSite("Supply route, Anbar", "Anbar", "convoy", ws(wIED, 1),
		strs("Anbar highway", 1, "Fallujah highway", 1, "Saqlawiya", 1, "highway west of Ramadi", 1)), 4},
	opt[*site]{mkSite("Supply route, Salah al-Din", "Salah al-Din", "convoy", ws(wIED, 1),
		strs("", 1, "Salah al-Din highway", 1, "Samarra", 1)), 3},
	opt[*site]{mkSite("Erbil Air Base", "Erbil", "military_base", ws(wDrone, 2, wRocket, 1),
		strs("", 1, "Erbil International Airport", 1, "Erbil International Airport (coalition section) and the city", 1)), 3},
	opt[*site]{mkSite("Baghdad International Airport", "Baghdad", "airport", ws(wRocket, 1),
		strs("BIAP area", 1, "al-Jihad", 1)), 2},
	opt[*site]{mkSite("Baghdad Diplomatic Support Center", "Baghdad", "diplomatic", ws(wRocket, 1),
		strs("", 1)), 1},
	opt[*site]{mkSite("US Consulate site, Erbil", "Erbil", "diplomatic", ws(wDrone, 1),
		strs("Bragh village", 1)), 1},
	opt[*site]{mkSite("Supply route, Basra", "Basra", "convoy", ws(wIED, 1),
		strs("", 1)), 1},
	opt[*site]{mkSite("Bashur / Harir Air Base", "Erbil", "military_base", ws(wDrone, 1),
		strs("", 1)), 1},
)

// Munitions and intercepted, by weapon; IEDs and other weapons leave both
// empty, as every such row of the shipped data does.
var (
	rocketMunitions   = ws(1, 4, 2, 6, 3, 5, 4, 1, 5, 1, 10, 2, 14, 2)
	rocketIntercepted = ws(none, 16, 0, 2, 1, 3)
	droneMunitions    = ws(1, 6, 2, 2, 3, 2)
)

// casualty is a killed and wounded pair; none is an empty cell.
type casualty struct{ killed, wounded int }

var casualties = map[string]table[casualty]{
	"convoy": tab(opt[casualty]{casualty{none, none}, 37}, opt[casualty]{casualty{none, 1}, 4},
		opt[casualty]{casualty{0, 0}, 16}),
	"military_base": tab(opt[casualty]{casualty{none, none}, 2}, opt[casualty]{casualty{0, 0}, 17},
		opt[casualty]{casualty{0, 1}, 1}, opt[casualty]{casualty{0, 2}, 2}, opt[casualty]{casualty{1, 9}, 1}),
	"diplomatic": tab(opt[casualty]{casualty{0, 0}, 6}),
	"airport":    tab(opt[casualty]{casualty{none, none}, 1}, opt[casualty]{casualty{0, 0}, 1}),
}

// claim is an attributed_to (a CSV field) and a confidence.
type claim struct{ attributed, confidence string }

func cl(attributed, confidence string, w int) opt[claim] {
	return opt[claim]{claim{csvField(attributed), confidence}, w}
}

var claims = map[string]table[claim]{
	"convoy": tab(cl("", "high", 23), cl("unnamed claim", "high", 4), cl("", "low", 11),
		cl("Ashab al-Kahf", "low", 5), cl("Qasem al-Jabbarin (2 of 3)", "low", 3),
		cl("Saraya Qassim al-Jabbarin", "low", 2), cl("several claims", "low", 5),
		cl("unnamed claim", "low", 4)),
	"military_base": tab(cl("", "high", 19), cl("Saraya Awliya al-Dam", "high", 1),
		cl("brigades to avenge al-Muhandis (self-styled)", "high", 1),
		cl("unnamed claim", "high", 1), cl("", "low", 1)),
	"diplomatic": tab(cl("", "high", 1)),
	"airport":    tab(cl("", "high", 1)),
}

// outlet is a news source: its name (no commas or quotes) and the start
// of its article URLs, which dated outlets follow with YYYY/MM/DD/.
type outlet struct {
	name, base string
	dated      bool
}

func ol(name, base string, dated bool, w int) opt[*outlet] {
	return opt[*outlet]{&outlet{name, base, dated}, w}
}

var outlets = tab(
	ol("Shafaq News", "https://shafaq.com/en/", false, 15),
	ol("South Front", "https://southfront.press/", false, 14),
	ol("Uprooted Palestinians", "https://uprootedpalestinians.wordpress.com/", true, 10),
	ol("The New Arab", "https://www.newarab.com/news/", false, 6),
	ol("Hathalyoum", "https://english.hathalyoum.net/", false, 4),
	ol("Mehr News", "https://en.mehrnews.com/news/", false, 3),
	ol("IswNews", "https://english.iswnews.com/", false, 3),
	ol("News Front", "https://en.news-front.su/", true, 3),
	ol("ZeroHedge", "https://www.zerohedge.com/", false, 3),
	ol("Crisis24", "https://crisis24.garda.com/alerts/", true, 2),
	ol("Rudaw", "https://www.rudaw.net/english/", false, 2),
	ol("Military.com", "https://www.military.com/", true, 2),
	ol("Zhyan", "https://zhyan.org/en/", false, 2),
	ol("WorldAware", "https://www.worldaware.com/alerts/", true, 1),
	ol("Reuters", "https://www.reuters.com/world/", false, 1),
	ol("Al-Manar", "https://english.almanar.com.lb/", false, 1),
	ol("Médias24", "https://medias24.com/", true, 1),
)

// Times: about one row in nine has a time; time_reported repeats it,
// sometimes naming who reported it, and a row without a time sometimes
// has words instead.
var (
	timeSuffixes = strs("", 6, " (OIR)", 3, " (Security Media Cell)", 1)
	vagueTimes   = strs("evening", 4, "night", 3, "about midday", 1, "late evening", 1,
		"early morning", 1, "pre-dawn", 1, "dawn", 1, "about 02:00", 1, "about 00:00", 1,
		"night of 21/22", 1)
)

// notes is a table of notes with quotes doubled, for use inside a quoted
// field: note, weight, note, weight ... Short notes weigh more than long
// ones, which keeps rows near the size of the reference file
// (about 190 bytes a row).
func notes(pairs ...any) table[string] {
	var opts []opt[string]
	for k := 0; k < len(pairs); k += 2 {
		opts = append(opts, opt[string]{strings.ReplaceAll(pairs[k].(string), `"`, `""`), pairs[k+1].(int)})
	}
	return tab(opts...)
}

var (
	convoyNotes = notes(
		"IED on a supply convoy for US-led forces.", 4,
		"Reported only by an outlet close to the armed groups or a re-post.", 2,
		"3 convoys hit (Hilla; Nasiriyah twice).", 4,
		"4 convoys hit. Casualties: none reported, so left empty.", 2,
		"Only the governorate is named.", 4,
		"Trucks damaged; casualties not reported.", 4,
		"One claim reported for the day's attacks; which convoy(s) it covers is not stated, so every row of the day carries it.", 1,
		"Several claims for the day's attacks, not matched to hits.", 2,
		"Injuries alleged by the claim are unverified, so casualties are left empty.", 1,
		"Material damage only.", 4,
		`The claim calls it "a response to the occupation", without naming the convoy.`, 1,
		`Driver "lightly injured" per local police, not confirmed.`, 2,
	)
	strikeNotes = notes(
		"Sources differ: 4 rockets (107 mm) per the Iraqi military, 3 per first reports; 4 is used.", 1,
		"At least 2 rockets reported; 2 is used.", 4,
		"Time not reported.", 4,
		"Explosive-laden drone shot down by C-RAM.", 4,
		"No injuries or damage (coalition spokesman).", 4,
		"Hit a contractor dormitory and canteen, per AFP.", 2,
		`Launch site found near the base, with a "rail" of unused rockets.`, 2,
		`The statement spoke of "precise strikes"; no damage was confirmed.`, 2,
		"Wounded: 2 Iraqi security personnel per the base commander (used); AFP reported 5.", 1,
	)
	commonNotes = notes(
		"Casualties: none reported, so left empty.", 4,
		"Date uncertain: the first of two days reported is used.", 2,
		"Casualties not reported.", 4,
		"Sources differ on the time, so it is left empty.", 2,
	)
	foiledNote  = "Foiled, not executed: rockets seized before launch. Not an attack by most counts."
	updatedNote = "Updated: casualty figures revised by a later report."
)

// Messy values.
var (
	unknownWeapons = strs("laser", 1, "artillery", 1, "rpg", 1, "missile", 1, "grenade", 1, "car bomb", 1)
	notInCalendar  = strs("-02-30", 2, "-02-31", 1, "-04-31", 1, "-06-31", 1, "-09-31", 1, "-11-31", 1)
)
