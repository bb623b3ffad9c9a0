package incident

import (
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ProbablePair is a counted row that probably reports again an earlier
// counted row: two outlets telling of one attack. The rows have
// different ids (or none), no source in common (sources are the parts of
// the source cell between semicolons; a row without one shares none: one
// outlet telling of two attacks at one place is taken at its word), the
// same site (as the gazetteer names it), the same weapon, and dates at
// most a day apart, both known to the day. Convoy hits on one route on one
// day are common and real, so two convoy rows pair only when they are on
// the same day and both name the same place (the place column: the town),
// never when either names none.
type ProbablePair struct {
	Line, OfLine int
	Site         string
	Weapon       Weapon
	Date, OfDate time.Time
}

// Reason says why the row is taken for the earlier one.
func (p *ProbablePair) Reason() string { return string(p.AppendReason(make([]byte, 0, 128))) }

// AppendReason appends Reason's text to b: a big file of dense incidents
// has many pairs.
func (p *ProbablePair) AppendReason(b []byte) []byte {
	when := "the same day"
	if !p.Date.Equal(p.OfDate) {
		when = "a day apart"
	}
	b = append(b, "probable duplicate of line "...)
	b = strconv.AppendInt(b, int64(p.OfLine), 10)
	b = append(b, ": another id and source, but the same site, the same weapon ("...)
	b = append(b, p.Weapon.String()...)
	b = append(b, ") and dates "...)
	return append(b, when...)
}

// probableIndex finds probable duplicates in file order. It keeps the
// first counted row of each site, weapon, place and day: memory grows
// with the number of such days, not with the rows.
type probableIndex struct {
	seed  maphash.Seed
	first map[uint64]probableEntry
	// sources holds the hashes of the entries' sources, each entry's in
	// a run.
	sources []uint64
	// place is the record position of the place column, or -1.
	place int
}

type probableEntry struct {
	line, day int32
	id        uint64 // a hash of the row's id; 0 for none
	// from and n place the hashes of the row's sources in
	// probableIndex.sources.
	from, n uint32
}

// check returns the pair a counted incident makes with an earlier one,
// and records it when it is the first of its day.
func (x *probableIndex) check(inc *Incident, place string) *ProbablePair {
	if inc.Site == "" || inc.Precision != Day {
		return nil
	}
	if inc.TargetType == Convoy && place == "" {
		return nil
	}
	if x.first == nil {
		x.seed = maphash.MakeSeed()
		x.first = make(map[uint64]probableEntry)
	}
	var h maphash.Hash
	h.SetSeed(x.seed)
	h.WriteString(inc.Site)
	h.WriteByte(0)
	if inc.TargetType == Convoy {
		writeFolded(&h, place)
	}
	h.WriteByte(byte(inc.Weapon))
	base := h.Sum64()
	var id uint64
	if inc.ID != "" {
		id = maphash.String(x.seed, inc.ID) | 1
	}
	// The row's source hashes go at the end of x.sources, where they stay
	// if the row is the first of its day.
	from := len(x.sources)
	for rest := inc.Source; rest != ""; {
		var s string
		s, rest, _ = strings.Cut(rest, ";")
		if s = strings.TrimSpace(s); s != "" {
			h.Reset()
			writeFolded(&h, s)
			x.sources = append(x.sources, h.Sum64())
		}
	}
	mine := x.sources[from:]
	day := dayOf(inc.Date)
	key := func(d int) uint64 { return base ^ uint64(d)*0x9E3779B97F4A7C15 }
	days := []int{day, day - 1, day + 1}
	if inc.TargetType == Convoy {
		days = days[:1]
	}
	var pair *ProbablePair
	taken := false
	for _, d := range days {
		e, ok := x.first[key(d)]
		if d == day {
			taken = ok
		}
		if ok && (id == 0 || e.id != id) && !x.shareSource(e, mine) {
			pair = &ProbablePair{Line: inc.Line, OfLine: int(e.line), Site: inc.Site, Weapon: inc.Weapon,
				Date: inc.Date, OfDate: time.Unix(int64(e.day)*86400, 0).UTC()}
			break
		}
	}
	if taken {
		x.sources = x.sources[:from]
	} else {
		x.first[key(day)] = probableEntry{int32(inc.Line), int32(day), id, uint32(from), uint32(len(mine))}
	}
	return pair
}

// shareSource reports whether entry e has one of the source hashes.
func (x *probableIndex) shareSource(e probableEntry, hashes []uint64) bool {
	for _, a := range x.sources[e.from : e.from+e.n] {
		if slices.Contains(hashes, a) {
			return true
		}
	}
	return false
}

// writeFolded writes s to h in lower case, without allocating.
func writeFolded(h *maphash.Hash, s string) {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			h.WriteByte(byte(r))
		} else {
			var b [utf8.UTFMax]byte
			h.Write(b[:utf8.EncodeRune(b[:], unicode.ToLower(r))])
		}
	}
}

// dayOf counts the days from 1 January 1970 to t's date (00:00 UTC).
func dayOf(t time.Time) int {
	s := t.Unix()
	if s < 0 {
		return int((s - 86399) / 86400)
	}
	return int(s / 86400)
}

// bytes estimates the memory the index holds: a map entry of 8 and 24
// bytes, at the fill Go's maps keep, and 8 bytes a source.
func (x *probableIndex) bytes() int64 { return int64(len(x.first))*48 + int64(cap(x.sources))*8 }
