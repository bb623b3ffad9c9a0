package main

import (
	"io"
	"math/rand/v2"
	"strconv"
)

// config is what to generate.
type config struct {
	n           int     // data rows
	seed        uint64  // random seed
	from, years int     // dates fall in years from .. from+years-1
	messy, dups float64 // shares of messy rows and of duplicate ids
}

// header is the canonical schema: the columns of data/incidents.csv, in
// its order.
var header = []string{
	"id", "date", "time", "country", "province", "site", "target_type", "weapon",
	"munitions", "intercepted", "killed", "wounded", "outcome", "attributed_to",
	"confidence", "source", "source_url", "notes", "place", "time_reported",
}

// none marks an empty count cell: "not reported". It is not a count a
// messy row writes (those are -1 to -3).
const none = -1 << 31

// kind is what a row is for: a valid row, a row report rejects, or a
// row that reuses an earlier row's id.
type kind uint8

const (
	clean kind = iota
	messy
	dup
)

// maxDupTries is how many earlier rows a duplicate tries before it gives up
// and is written as a new clean row (only when almost every row is messy or
// a duplicate).
const maxDupTries = 64

// generate writes the header and c.n rows to w. Row i depends only on the
// seed and i (a duplicate also on the earlier row it copies), so the same
// configuration gives the same bytes, and a duplicate regenerates the row
// it copies instead of keeping rows in memory.
func generate(w io.Writer, c config) error {
	g := &generator{c: c, cur: rand.NewPCG(0, 0), old: rand.NewPCG(0, 0)}
	g.r, g.ref = rand.New(g.cur), rand.New(g.old)
	buf := make([]byte, 0, 4096)
	for i, h := range header {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, h...)
	}
	buf = append(buf, '\n')
	if _, err := w.Write(buf); err != nil {
		return err
	}
	for i := range c.n {
		buf = g.appendRow(buf[:0], i)
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// generator holds two random streams: r for the row being written and ref
// for the earlier row a duplicate looks at. Each is reseeded per row.
type generator struct {
	c        config
	cur, old *rand.PCG
	r, ref   *rand.Rand
}

// seed sets p to the stream of row i.
func (g *generator) seed(p *rand.PCG, i int) { p.Seed(g.c.seed, mix(uint64(i))) }

// mix is splitmix64's finalizer: it spreads consecutive row numbers over
// the PCG's state space.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// kindOf draws the kind of row i, the first draw of its stream. Row 0 is
// never a duplicate.
func (g *generator) kindOf(r *rand.Rand, i int) kind {
	u := r.Float64()
	switch {
	case u < g.c.messy:
		return messy
	case u < g.c.messy+g.c.dups && i > 0:
		return dup
	}
	return clean
}

// appendRow appends row i, newline included, to buf.
func (g *generator) appendRow(buf []byte, i int) []byte {
	g.seed(g.cur, i)
	k := g.kindOf(g.r, i)
	var rw row
	if k == dup {
		if j, ok := g.dupTarget(i); ok {
			g.seed(g.old, j)
			g.kindOf(g.ref, j)
			fill(&rw, g.ref, j, g.c)
			if g.r.IntN(2) == 0 {
				change(&rw, g.r)
			}
			return rw.append(buf)
		}
	}
	fill(&rw, g.r, i, g.c)
	if k == messy {
		spoil(&rw, g.r)
	}
	return rw.append(buf)
}

// dupTarget picks an earlier clean row for row i to copy; false when
// maxDupTries picks found none.
func (g *generator) dupTarget(i int) (int, bool) {
	for range maxDupTries {
		j := g.r.IntN(i)
		g.seed(g.old, j)
		if g.kindOf(g.ref, j) == clean {
			return j, true
		}
	}
	return 0, false
}

// row is one incident before it is written.
type row struct {
	id               int // written as "G" and id+1
	year, month, day int
	dateRaw          string // written instead of the date when set
	hour, minute     int    // hour < 0: no time
	timeReported     string // for a row without a time
	timeSuffix       string // after the time in time_reported
	site             *site
	place            string // CSV-ready
	weapon           int    // index into weapons
	weaponRaw        string // written instead of the weapon when set
	munitions        int
	intercepted      int
	killed, wounded  int
	outcome          string
	claim            claim
	nsrc             int
	src              [maxSources]*outlet
	srcNum           [maxSources]int32
	nnotes           int
	notes            [3]string // with quotes doubled
	newline          bool      // notes joined by a newline, not a space
	updated          bool      // a changed duplicate: a note is added
	stray            bool      // a bare quote in source
	fieldDelta       int       // -1: time_reported left off; +1: an unquoted comma in place
}

const maxSources = 4

// fill draws a valid incident for row i from r.
func fill(rw *row, r *rand.Rand, i int, c config) {
	rw.id = i
	rw.year = c.from + r.IntN(c.years)
	rw.month = months.pick(r)
	rw.day = 1 + r.IntN(daysIn(rw.year, rw.month))
	s := sites.pick(r)
	rw.site = s
	rw.place = s.places.pick(r)
	rw.weapon = s.weapons.pick(r)

	rw.hour = -1
	if r.IntN(100) < 11 {
		rw.hour, rw.minute = r.IntN(24), r.IntN(60)
		rw.timeSuffix = timeSuffixes.pick(r)
	} else if r.IntN(100) < 22 {
		rw.timeReported = vagueTimes.pick(r)
	}

	rw.munitions, rw.intercepted = none, none
	rw.outcome = "executed"
	switch weapons[rw.weapon].code {
	case "rocket":
		rw.munitions = rocketMunitions.pick(r)
		rw.intercepted = rocketIntercepted.pick(r)
		if r.IntN(20) == 0 {
			rw.outcome = "foiled"
			rw.intercepted = none
		}
	case "drone":
		rw.munitions = droneMunitions.pick(r)
		switch x := r.IntN(10); {
		case x < 5:
		case x < 7:
			rw.intercepted = 0
		default:
			rw.intercepted = 1 + r.IntN(rw.munitions)
			if rw.intercepted == rw.munitions {
				rw.outcome = "intercepted"
			}
		}
	}
	cas := casualties[s.target].pick(r)
	rw.killed, rw.wounded = cas.killed, cas.wounded
	if rw.outcome == "foiled" {
		rw.killed, rw.wounded = none, none
	}
	rw.claim = claims[s.target].pick(r)

	switch x := r.IntN(100); {
	case x < 92:
		rw.nsrc = 1
	case x < 98:
		rw.nsrc = 2
	case x < 99:
		rw.nsrc = 3
	default:
		rw.nsrc = 4
	}
	for k := range rw.nsrc {
		rw.src[k] = outlets.pick(r)
		for k2 := 0; k2 < k; k2++ {
			if rw.src[k2] == rw.src[k] { // each outlet once: draw again
				rw.src[k], k2 = outlets.pick(r), -1
			}
		}
		rw.srcNum[k] = int32(10000 + r.IntN(90000))
	}

	specific := strikeNotes
	if s.target == "convoy" {
		specific = convoyNotes
	}
	if rw.outcome == "foiled" {
		rw.notes[rw.nnotes] = foiledNote
		rw.nnotes++
	}
	switch x := r.IntN(100); {
	case x < 60:
	case x < 93:
		rw.notes[rw.nnotes] = specific.pick(r)
		rw.nnotes++
	default:
		rw.notes[rw.nnotes] = specific.pick(r)
		rw.notes[rw.nnotes+1] = commonNotes.pick(r)
		rw.nnotes += 2
	}
	rw.newline = rw.nnotes > 1 && r.IntN(100) < 25
}

// spoil makes rw one of the messy rows, each kind equally likely: report
// rejects them all but the unknown weapon, which it counts as other and
// lists as an unmapped term.
func spoil(rw *row, r *rand.Rand) {
	switch r.IntN(7) {
	case 0: // unknown weapon
		rw.weaponRaw = unknownWeapons.pick(r)
	case 1: // a date that does not parse
		y, m, d := strconv.Itoa(rw.year), pad2(rw.month), pad2(rw.day)
		switch r.IntN(4) {
		case 0:
			rw.dateRaw = y + "/" + m + "/" + d
		case 1:
			rw.dateRaw = y + "." + m + "." + d // dotted dates are day first
		case 2:
			rw.dateRaw = y + m + d
		default:
			rw.dateRaw = "unknown"
		}
	case 2: // a date not in the calendar, such as 2021-02-30
		rw.dateRaw = strconv.Itoa(rw.year) + notInCalendar.pick(r)
	case 3: // a negative count
		n := -1 - r.IntN(3)
		switch r.IntN(3) {
		case 0:
			rw.munitions = n
		case 1:
			rw.killed = n
		default:
			rw.wounded = n
		}
	case 4: // intercepted above munitions
		rw.munitions = 1 + r.IntN(3)
		rw.intercepted = rw.munitions + 1 + r.IntN(2)
	case 5: // a wrong field count
		rw.fieldDelta = -1
		if r.IntN(2) == 0 {
			rw.fieldDelta = 1
		}
	default: // a stray quote; no newline, so it breaks only its own record
		rw.stray = true
		rw.newline = false
	}
}

// change alters one field of a duplicate so that it stays valid.
func change(rw *row, r *rand.Rand) {
	switch r.IntN(3) {
	case 0:
		if rw.wounded == none {
			rw.wounded = 1
		} else {
			rw.wounded++
		}
	case 1:
		rw.updated = true
	default:
		if rw.hour < 0 {
			rw.hour, rw.minute, rw.timeReported = r.IntN(24), r.IntN(60), ""
		} else {
			rw.minute = (rw.minute + 5) % 60
		}
	}
}

// append appends the row as CSV, newline included, to buf.
func (rw *row) append(buf []byte) []byte {
	buf = append(buf, 'G')
	buf = strconv.AppendInt(buf, int64(rw.id)+1, 10)
	buf = append(buf, ',')
	if rw.dateRaw != "" {
		buf = append(buf, rw.dateRaw...)
	} else {
		buf = appendDate(buf, rw.year, rw.month, rw.day, '-')
	}
	buf = append(buf, ',')
	if rw.hour >= 0 {
		buf = appendClock(buf, rw.hour, rw.minute)
	}
	s := rw.site
	buf = append(buf, ",Iraq,"...)
	buf = append(buf, s.province...)
	buf = append(buf, ',')
	buf = append(buf, s.csv...)
	buf = append(buf, ',')
	buf = append(buf, s.target...)
	buf = append(buf, ',')
	if rw.weaponRaw != "" {
		buf = append(buf, rw.weaponRaw...)
	} else {
		buf = append(buf, weapons[rw.weapon].code...)
	}
	for _, n := range [...]int{rw.munitions, rw.intercepted, rw.killed, rw.wounded} {
		buf = append(buf, ',')
		if n != none {
			buf = strconv.AppendInt(buf, int64(n), 10)
		}
	}
	buf = append(buf, ',')
	buf = append(buf, rw.outcome...)
	buf = append(buf, ',')
	buf = append(buf, rw.claim.attributed...)
	buf = append(buf, ',')
	buf = append(buf, rw.claim.confidence...)

	buf = append(buf, ',')
	for k := range rw.nsrc {
		if k > 0 {
			buf = append(buf, "; "...)
		}
		buf = append(buf, rw.src[k].name...)
		if k == 0 && rw.stray {
			buf = append(buf, ` "live" feed`...)
		}
	}
	buf = append(buf, ',')
	for k := range rw.nsrc {
		if k > 0 {
			buf = append(buf, ';')
		}
		o := rw.src[k]
		buf = append(buf, o.base...)
		if o.dated {
			buf = appendDate(buf, rw.year, rw.month, rw.day, '/')
			buf = append(buf, '/')
		}
		buf = append(buf, weapons[rw.weapon].slug...)
		buf = append(buf, '-')
		buf = strconv.AppendInt(buf, int64(rw.srcNum[k]), 10)
	}

	buf = append(buf, ',')
	if rw.nnotes > 0 || rw.updated {
		buf = append(buf, '"')
		for k := range rw.nnotes {
			if k == 1 && rw.newline {
				buf = append(buf, '\n')
			} else if k > 0 {
				buf = append(buf, ' ')
			}
			buf = append(buf, rw.notes[k]...)
		}
		if rw.updated {
			if rw.nnotes > 0 {
				buf = append(buf, ' ')
			}
			buf = append(buf, updatedNote...)
		}
		buf = append(buf, '"')
	}
	buf = append(buf, ',')
	if rw.fieldDelta > 0 {
		// The mistake the loader warns about: a comma in an unquoted value.
		buf = append(buf, "near "...)
		buf = append(buf, s.province...)
		buf = append(buf, ", Iraq"...)
	} else {
		buf = append(buf, rw.place...)
	}
	if rw.fieldDelta >= 0 {
		buf = append(buf, ',')
		if rw.hour >= 0 {
			buf = appendClock(buf, rw.hour, rw.minute)
			buf = append(buf, rw.timeSuffix...)
		} else {
			buf = append(buf, rw.timeReported...)
		}
	}
	return append(buf, '\n')
}

func appendDate(buf []byte, y, m, d int, sep byte) []byte {
	if y < 1000 {
		buf = append(buf, '0')
		if y < 100 {
			buf = append(buf, '0')
		}
		if y < 10 {
			buf = append(buf, '0')
		}
	}
	buf = strconv.AppendInt(buf, int64(y), 10)
	buf = append(buf, sep, byte('0'+m/10), byte('0'+m%10), sep)
	return append(buf, byte('0'+d/10), byte('0'+d%10))
}

func appendClock(buf []byte, h, m int) []byte {
	return append(buf, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10))
}

func pad2(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
