package incident

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// defaultWeaponTerms is the shipped table of weapon terms; its comments say
// how terms match and why some map as they do.
//
//go:embed weapon_terms.csv
var defaultWeaponTerms string

// WeaponTerms reads weapon cells that are not weapon codes: a table of
// terms, each naming a weapon, matched as whole words in the cell. A
// WeaponTerms is safe for concurrent Match calls once no Merge runs.
type WeaponTerms struct {
	// terms maps a term (lower case, words separated by one space) to its
	// phrase.
	terms map[string]*weaponPhrase
	// byFirst maps a first word to the phrases that start with it, most
	// words first.
	byFirst map[string][]*weaponPhrase
}

// weaponPhrase is one term of a WeaponTerms.
type weaponPhrase struct {
	term   string
	words  []string // lower case
	weapon Weapon
}

// DefaultWeaponTerms returns a new copy of the shipped table of weapon
// terms (weapon_terms.csv).
func DefaultWeaponTerms() *WeaponTerms {
	wt := &WeaponTerms{terms: make(map[string]*weaponPhrase)}
	if err := wt.Merge(strings.NewReader(defaultWeaponTerms)); err != nil {
		panic("incident: weapon_terms.csv: " + err.Error())
	}
	return wt
}

// Merge adds the terms of a CSV file of term,weapon lines to the table; a
// term already in the table takes the new weapon. The file may start with
// a byte-order mark and a header line "term,weapon"; lines starting with
// "#" are comments. The weapon is a code or spelling that ParseWeapon
// accepts. A term is one or more words of letters and digits separated by
// spaces or hyphens, matched as written in any case.
//
// On the first bad line Merge returns a *PositionError with its line and
// column and changes nothing: a line without two fields, an empty term, a
// term with other characters, an unknown weapon, a term given twice with
// different weapons, or a term that is itself a weapon code or spelling
// ("rockets") for another weapon.
func (wt *WeaponTerms) Merge(r io.Reader) error {
	cr := csv.NewReader(NewDecodingReader(r, UTF8BOM))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	add := make(map[string]*weaponPhrase)
	lines := make(map[string]int)
	for first := true; ; first = false {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvError(err, "row")
		}
		at := func(i int, column string, err error) error {
			line, col := cr.FieldPos(i)
			return &PositionError{Line: line, Col: col, Column: column, Err: err}
		}
		if len(rec) != 2 {
			return at(0, "row", fmt.Errorf("%d fields, want 2: term,weapon", len(rec)))
		}
		if first && normalize(rec[0]) == "term" && normalize(rec[1]) == "weapon" {
			continue
		}
		p, err := newWeaponPhrase(rec[0])
		if err != nil {
			return at(0, "term", err)
		}
		w, ok := ParseWeapon(rec[1])
		if !ok {
			return at(1, "weapon", fmt.Errorf("unknown weapon %q: want one of %s", strings.TrimSpace(rec[1]), WeaponCodes()))
		}
		p.weapon = w
		if code, ok := ParseWeapon(p.term); ok && code != w {
			return at(1, "weapon", fmt.Errorf("%q names the weapon %s, so it cannot be a term for %s", p.term, code, w))
		}
		if q, dup := add[p.term]; dup && q.weapon != w {
			line, _ := cr.FieldPos(0)
			return at(1, "weapon", fmt.Errorf("term %q is %s on line %d but %s on line %d", p.term, q.weapon, lines[p.term], w, line))
		}
		add[p.term] = p
		lines[p.term], _ = cr.FieldPos(0)
	}
	if wt.terms == nil {
		wt.terms = make(map[string]*weaponPhrase)
	}
	for term, p := range add {
		wt.terms[term] = p
	}
	wt.index()
	return nil
}

// newWeaponPhrase splits a term into lower-case words.
func newWeaponPhrase(term string) (*weaponPhrase, error) {
	words := strings.FieldsFunc(strings.ToLower(term), wordJoiner)
	if len(words) == 0 {
		return nil, errors.New("term is empty")
	}
	for _, w := range words {
		if i := strings.IndexFunc(w, func(r rune) bool { return !wordRune(r) }); i >= 0 {
			r, _ := utf8.DecodeRuneInString(w[i:])
			return nil, fmt.Errorf("term %q has %q: want words of letters and digits, separated by spaces or hyphens", strings.TrimSpace(term), r)
		}
	}
	return &weaponPhrase{term: strings.Join(words, " "), words: words}, nil
}

// index rebuilds byFirst from terms.
func (wt *WeaponTerms) index() {
	wt.byFirst = make(map[string][]*weaponPhrase)
	for _, p := range wt.terms {
		wt.byFirst[p.words[0]] = append(wt.byFirst[p.words[0]], p)
	}
	for _, ps := range wt.byFirst {
		slices.SortFunc(ps, func(a, b *weaponPhrase) int {
			if len(a.words) != len(b.words) {
				return len(b.words) - len(a.words)
			}
			return strings.Compare(a.term, b.term)
		})
	}
}

// Terms returns a copy of the table: each term, lower case with its words
// separated by one space, and its weapon.
func (wt *WeaponTerms) Terms() map[string]Weapon {
	m := make(map[string]Weapon, len(wt.terms))
	for term, p := range wt.terms {
		m[term] = p.weapon
	}
	return m
}

// Match returns the weapon that a weapon cell names and the term that
// named it. A cell that ParseWeapon accepts, a code or one of its
// spellings, names that weapon and the term is the code. Otherwise the
// cell names the weapon of the first term found in it, scanning from the
// start, as whole words in any case; where terms of different lengths
// start at the same word, the one with the most words wins. So "Katyusha
// rockets" is Rocket by "katyusha", "rocket and drone" is Rocket by
// "rocket", and "rocket-propelled grenade" is SmallArms by
// "rocket-propelled grenade". A cell with no term gives OtherWeapon, "",
// false: the caller counts it as other and lists it.
func (wt *WeaponTerms) Match(cell string) (w Weapon, term string, ok bool) {
	if fewFields(cell, maxCodeFields) {
		if w, ok := ParseWeapon(cell); ok {
			return w, w.String(), true
		}
	}
	for start, end := nextWord(cell, 0); start < len(cell); start, end = nextWord(cell, end) {
		var buf [32]byte
		key := lowerWord(buf[:0], cell[start:end])
		for _, p := range wt.byFirst[string(key)] {
			if phraseAt(cell, end, p.words[1:]) {
				return p.weapon, p.term, true
			}
		}
	}
	return OtherWeapon, "", false
}

// maxCodeFields is the most fields, separated as normalize separates them,
// that a cell ParseWeapon accepts can have: "small arms" has 2. Match asks
// ParseWeapon only about cells with no more, since normalizing a longer
// cell allocates.
var maxCodeFields = func() int {
	n := 1
	for key := range weaponIndex {
		n = max(n, strings.Count(key, "_")+1)
	}
	return n
}()

// fewFields reports whether s has at most n fields separated by runs of
// spaces, tabs and hyphens, as normalize trims and splits it.
func fewFields(s string, n int) bool {
	s = strings.TrimSpace(s)
	fields, in := 0, false
	for i := 0; i < len(s); i++ {
		sep := s[i] == ' ' || s[i] == '-' || s[i] == '\t'
		if !sep && !in {
			if fields++; fields > n {
				return false
			}
		}
		in = !sep
	}
	return true
}

// phraseAt reports whether words follow in s from i, each after a run of
// spaces or hyphens.
func phraseAt(s string, i int, words []string) bool {
	for _, word := range words {
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !wordJoiner(r) {
				break
			}
			j += n
		}
		if j == i {
			return false
		}
		start, end := nextWord(s, j)
		if start != j || !equalLower(s[start:end], word) {
			return false
		}
		i = end
	}
	return true
}

// nextWord returns the bounds of the first word of s at or after i: a run
// of letters and digits. start is len(s) when there is none.
func nextWord(s string, i int) (start, end int) {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if wordRune(r) {
			break
		}
		i += n
	}
	start = i
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !wordRune(r) {
			break
		}
		i += n
	}
	return start, i
}

func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiDigit(byte(r)) || asciiLetter(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordJoiner reports whether r may join the words of a term: a space
// (including tab and no-break space) or a hyphen.
func wordJoiner(r rune) bool {
	return r == ' ' || r == '-' || r == '\t' || r == '\u00A0'
}

// lowerWord appends word, lower case, to dst.
func lowerWord(dst []byte, word string) []byte {
	for _, r := range word {
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// equalLower reports whether word, lower case, is lower.
func equalLower(word, lower string) bool {
	for _, r := range word {
		l, n := utf8.DecodeRuneInString(lower)
		if n == 0 || unicode.ToLower(r) != l {
			return false
		}
		lower = lower[n:]
	}
	return lower == ""
}
