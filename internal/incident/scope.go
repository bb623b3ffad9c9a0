package incident

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scope is a filter over incidents: which incidents a published tally
// counts. Its zero value is the empty scope, which matches every incident.
//
// A scope is written as clauses joined by ";", each a field, an operator
// and a comma list of values:
//
//	target_type=convoy
//	confidence=high; outcome!=foiled
//	weapon=ied,rocket; country!=syria
//
// The fields are confidence, target_type, weapon, outcome, country and
// province, each at most once; the operator is = (the field's value is one
// of the list) or != (it is none of them). Field names match like header
// names (any case, "-" for "_"). Values are read as the incident CSV reads
// them: weapon through ParseWeapon, target_type, outcome and confidence
// through their term lists, country and province as free text compared
// case-insensitively after trimming. Space around names, operators and
// values is ignored; an empty expression is the empty scope.
//
// Scopes are comparable: two scopes are == when they have the same
// operator and the same set of values on every field, however the values
// were spelled or ordered. Operators are kept as written, so
// confidence!=low and confidence=high, which match the same incidents, are
// different scopes.
type Scope struct {
	confidence, targetType, weapon, outcome termSet
	country, province                       textSet
}

// scopeOp is a clause's operator; opNone means the field is not filtered.
type scopeOp uint8

const (
	opNone  scopeOp = iota
	opIn            // =
	opNotIn         // !=
)

func (op scopeOp) String() string {
	if op == opNotIn {
		return "!="
	}
	return "="
}

// termSet filters a field with a fixed vocabulary: bit i of bits stands
// for the vocabulary's term i. A value outside the vocabulary (a target
// type not given) has a bit that no list sets.
type termSet struct {
	op   scopeOp
	bits uint8
}

func (t termSet) match(i uint) bool {
	switch t.op {
	case opIn:
		return t.bits&(1<<i) != 0
	case opNotIn:
		return t.bits&(1<<i) == 0
	}
	return true
}

// textSet filters a free-text field. vals holds the values lower-cased,
// sorted, without repeats and joined by ",", which no value contains: a
// string keeps Scope comparable and Match free of allocations.
type textSet struct {
	op   scopeOp
	vals string
}

func (t textSet) match(v string) bool {
	if t.op == opNone {
		return true
	}
	v = strings.TrimSpace(v)
	in := false
	for rest := t.vals; rest != ""; {
		w := rest
		if i := strings.IndexByte(rest, ','); i >= 0 {
			w, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if equalLower(v, w) {
			in = true
			break
		}
	}
	return in == (t.op == opIn)
}

// Match reports whether inc is in the scope. An empty Confidence counts as
// High and an empty Outcome as Executed, as in the incident CSV; an empty
// TargetType, Country or Province is in no = list and passes every !=
// list. Match does not allocate.
func (s Scope) Match(inc *Incident) bool {
	return s.confidence.match(termBit(inc.Confidence, Confidences, High)) &&
		s.targetType.match(termBit(inc.TargetType, TargetTypes, "")) &&
		s.weapon.match(uint(min(inc.Weapon, 7))) &&
		s.outcome.match(termBit(inc.Outcome, Outcomes, Executed)) &&
		s.country.match(inc.Country) &&
		s.province.match(inc.Province)
}

// IsZero reports whether s is the empty scope, which matches every
// incident.
func (s Scope) IsZero() bool { return s == Scope{} }

// termBit returns the bit of a term: its index in list, which ParseScope
// uses too, with "" taken as dflt; 7 for any value outside the list.
func termBit[T ~string](v T, list []T, dflt T) uint {
	if v == "" {
		v = dflt
	}
	if i := slices.Index(list, v); i >= 0 {
		return uint(i)
	}
	return 7
}

// scopeField is a field a scope can filter, in canonical order.
type scopeField uint8

const (
	sfConfidence scopeField = iota
	sfTargetType
	sfWeapon
	sfOutcome
	sfCountry
	sfProvince
	numScopeFields
)

var scopeFieldNames = [numScopeFields]string{"confidence", "target_type", "weapon", "outcome", "country", "province"}

// String returns the scope's canonical form: its clauses in the order
// confidence, target_type, weapon, outcome, country, province, joined by
// "; "; the values of a fixed vocabulary in their display order (the order
// of Confidences, TargetTypes, Weapons, Outcomes), free-text values lower
// case and sorted bytewise, all joined by ",". Equal scopes give the same
// string, ParseScope(s.String()) gives s back, and the empty scope prints
// "".
func (s Scope) String() string {
	var b strings.Builder
	clause := func(f scopeField, op scopeOp, vals []string) {
		if op == opNone {
			return
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(scopeFieldNames[f])
		b.WriteString(op.String())
		list := strings.Join(vals, ",")
		if list != "" && strings.IndexByte(opChars, list[0]) >= 0 {
			// A value that starts like an operator ("!") would be read
			// as part of it: a space keeps them apart.
			b.WriteByte(' ')
		}
		b.WriteString(list)
	}
	terms := func(t termSet, codes []string) []string {
		var vals []string
		for i, c := range codes {
			if t.bits&(1<<i) != 0 {
				vals = append(vals, c)
			}
		}
		return vals
	}
	clause(sfConfidence, s.confidence.op, terms(s.confidence, termStrings(Confidences)))
	clause(sfTargetType, s.targetType.op, terms(s.targetType, termStrings(TargetTypes)))
	clause(sfWeapon, s.weapon.op, terms(s.weapon, weaponCodes()))
	clause(sfOutcome, s.outcome.op, terms(s.outcome, termStrings(Outcomes)))
	clause(sfCountry, s.country.op, []string{s.country.vals})
	clause(sfProvince, s.province.op, []string{s.province.vals})
	return b.String()
}

func termStrings[T ~string](terms []T) []string {
	s := make([]string, len(terms))
	for i, t := range terms {
		s[i] = string(t)
	}
	return s
}

func weaponCodes() []string {
	codes := make([]string, NumWeapons)
	for i, t := range weaponTerms {
		codes[i] = t.code
	}
	return codes
}

// ScopeError is a scope expression that does not parse. Pos is the 1-based
// character (not byte) column in the expression where the problem is.
type ScopeError struct {
	Pos int
	Err error
}

// Error gives the error as "filter:12: unknown field ...".
func (e *ScopeError) Error() string { return fmt.Sprintf("filter:%d: %v", e.Pos, e.Err) }

func (e *ScopeError) Unwrap() error { return e.Err }

// ParseScope parses a scope expression (see Scope). Every error is a
// *ScopeError: a clause without a field, an unknown field, a field given
// twice, an operator other than = or !=, an empty list or an empty value in
// a list, an unknown value of a fixed vocabulary, an empty clause (a stray
// ";", also at the start or end), text that is not UTF-8. The error is the
// first one found, left to right.
func ParseScope(expr string) (Scope, error) {
	var s Scope
	fail := func(off int, format string, args ...any) (Scope, error) {
		return Scope{}, &ScopeError{Pos: utf8.RuneCountInString(expr[:off]) + 1, Err: fmt.Errorf(format, args...)}
	}
	if !utf8.ValidString(expr) {
		off := 0
		for off < len(expr) {
			r, n := utf8.DecodeRuneInString(expr[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return fail(off, "not valid UTF-8")
	}
	if strings.TrimSpace(expr) == "" {
		return Scope{}, nil
	}
	var seen [numScopeFields]int // 1 + the offset of the field's clause
	for start := 0; start <= len(expr); {
		end := len(expr)
		if i := strings.IndexByte(expr[start:], ';'); i >= 0 {
			end = start + i
		}
		clause := expr[start:end]
		if strings.TrimSpace(clause) == "" {
			// A stray ";": blame the one after the empty clause, or the one
			// before at the end of the expression.
			if end < len(expr) {
				return fail(end, `stray ";": want field=values or field!=values on each side`)
			}
			return fail(start-1, `stray ";": want field=values or field!=values on each side`)
		}
		// The field name.
		off := start + skipSpace(clause)
		nameEnd := end
		if i := strings.IndexFunc(expr[off:end], isNameEnd); i >= 0 {
			nameEnd = off + i
		}
		name := expr[off:nameEnd]
		if name == "" {
			return fail(off, "missing field: want one of %s", strings.Join(scopeFieldNames[:], ", "))
		}
		f, ok := parseScopeField(name)
		if !ok {
			return fail(off, "unknown field %q: want one of %s", name, strings.Join(scopeFieldNames[:], ", "))
		}
		if seen[f] != 0 {
			return fail(off, "field %s appears twice (at %d and %d): give one list per field",
				scopeFieldNames[f], utf8.RuneCountInString(expr[:seen[f]-1])+1, utf8.RuneCountInString(expr[:off])+1)
		}
		seen[f] = off + 1
		// The operator.
		opStart := nameEnd + skipSpace(expr[nameEnd:end])
		opEnd := opStart
		for opEnd < end && strings.IndexByte(opChars, expr[opEnd]) >= 0 {
			opEnd++
		}
		var op scopeOp
		switch expr[opStart:opEnd] {
		case "=":
			op = opIn
		case "!=":
			op = opNotIn
		case "":
			return fail(opStart, "missing operator after %s: want = or !=", name)
		default:
			return fail(opStart, "bad operator %q: want = or !=", expr[opStart:opEnd])
		}
		// The values.
		if strings.TrimSpace(expr[opEnd:end]) == "" {
			return fail(opEnd, "empty list after %s%s: want one or more values separated by commas", name, op)
		}
		var bits uint8
		var texts []string
		for vStart := opEnd; ; {
			vEnd := end
			if i := strings.IndexByte(expr[vStart:end], ','); i >= 0 {
				vEnd = vStart + i
			}
			v := strings.TrimSpace(expr[vStart:vEnd])
			vOff := vStart + skipSpace(expr[vStart:vEnd])
			if v == "" {
				return fail(vOff, "empty value in the list of %s", scopeFieldNames[f])
			}
			var bit int
			switch f {
			case sfConfidence:
				c, ok := parseTerm(v, Confidences)
				if !ok {
					return fail(vOff, "confidence: unknown confidence %q: want one of %s", v, termList(Confidences))
				}
				bit = slices.Index(Confidences, c)
			case sfTargetType:
				t, ok := parseTerm(v, TargetTypes)
				if !ok {
					return fail(vOff, "target_type: unknown target type %q: want one of %s", v, termList(TargetTypes))
				}
				bit = slices.Index(TargetTypes, t)
			case sfWeapon:
				w, ok := ParseWeapon(v)
				if !ok {
					return fail(vOff, "weapon: unknown weapon %q: want one of %s", v, WeaponCodes())
				}
				bit = int(w)
			case sfOutcome:
				o, ok := parseTerm(v, Outcomes)
				if !ok {
					return fail(vOff, "outcome: unknown outcome %q: want one of %s", v, termList(Outcomes))
				}
				bit = slices.Index(Outcomes, o)
			default:
				texts = append(texts, strings.ToLower(v))
				bit = -1
			}
			if bit >= 0 {
				bits |= 1 << bit
			}
			if vEnd == end {
				break
			}
			vStart = vEnd + 1
		}
		switch f {
		case sfConfidence:
			s.confidence = termSet{op, bits}
		case sfTargetType:
			s.targetType = termSet{op, bits}
		case sfWeapon:
			s.weapon = termSet{op, bits}
		case sfOutcome:
			s.outcome = termSet{op, bits}
		case sfCountry, sfProvince:
			slices.Sort(texts)
			t := textSet{op, strings.Join(slices.Compact(texts), ",")}
			if f == sfCountry {
				s.country = t
			} else {
				s.province = t
			}
		}
		start = end + 1
	}
	return s, nil
}

func parseScopeField(name string) (scopeField, bool) {
	key := normalize(name)
	for f, n := range scopeFieldNames {
		if key == n {
			return scopeField(f), true
		}
	}
	return 0, false
}

// opChars are the characters read as an operator, so that a mistyped one
// ("==", "<>", ":") is reported as a bad operator.
const opChars = "=!<>~:"

// isNameEnd reports whether r ends a field name.
func isNameEnd(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(opChars, r) }

// skipSpace returns the number of bytes of leading white space in s.
func skipSpace(s string) int {
	return len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
}

// NamedScope is a scope with the name the report shows it under.
type NamedScope struct {
	Name  string
	Scope Scope
}

// StandardScopes returns the scopes every tally is also counted under, so
// that a reader sees which choice explains a gap: all (the empty scope),
// high_confidence (confidence=high), no_convoys (target_type!=convoy) and
// convoys_only (target_type=convoy), in that order.
func StandardScopes() []NamedScope {
	return []NamedScope{
		{"all", Scope{}},
		{"high_confidence", Scope{confidence: termSet{opIn, 1 << termBit(High, Confidences, High)}}},
		{"no_convoys", Scope{targetType: termSet{opNotIn, 1 << termBit(Convoy, TargetTypes, "")}}},
		{"convoys_only", Scope{targetType: termSet{opIn, 1 << termBit(Convoy, TargetTypes, "")}}},
	}
}

// lineColors are the colours of the year-to-date lines (see LineColor).
var lineColors = [...]string{"#222222", "#56B4E9", "#6A3D9A"}

// LineColor returns the colour "#RRGGBB" of the i-th year-to-date line,
// one a scope in the order of the report's lines, repeating past the
// third: near-black (the charts' text colour) for all our incidents, then a sky blue (Okabe-Ito's) and a
// purple far from every weapon colour for the other scopes the tallies
// use. A tally takes the colour of its scope's line, in the charts and the
// workbook alike.
func LineColor(i int) string { return lineColors[i%len(lineColors)] }
