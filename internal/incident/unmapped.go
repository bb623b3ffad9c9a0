package incident

import (
	"slices"
	"strings"
)

// TermCount is a weapon cell that no weapon term matched, and how many
// counted rows had it (counted as other).
type TermCount struct {
	// Term is the cell as first written; cells that differ only in case
	// and surrounding space are one term.
	Term string
	Rows int
	// FirstLine is the line of the first row that had it.
	FirstLine int
}

// maxTerms is how many different unmapped terms are listed one by one;
// the rest are summed under otherTerms.
const maxTerms = 1000

const otherTerms = "(other terms)"

// unmappedTerms counts unmapped weapon cells.
type unmappedTerms struct {
	byKey map[string]*TermCount
}

func (u *unmappedTerms) add(cell string, line int) {
	if u.byKey == nil {
		u.byKey = make(map[string]*TermCount)
	}
	key := strings.ToLower(strings.TrimSpace(cell))
	t := u.byKey[key]
	if t == nil {
		if len(u.byKey) >= maxTerms {
			key = otherTerms
			if t = u.byKey[key]; t == nil {
				t = &TermCount{Term: otherTerms, FirstLine: line}
				u.byKey[key] = t
			}
		} else {
			t = &TermCount{Term: strings.Clone(strings.TrimSpace(cell)), FirstLine: line}
			u.byKey[key] = t
		}
	}
	t.Rows++
}

func (u *unmappedTerms) sorted() []TermCount {
	out := make([]TermCount, 0, len(u.byKey))
	for _, t := range u.byKey {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b TermCount) int {
		if a.Rows != b.Rows {
			return b.Rows - a.Rows
		}
		return strings.Compare(a.Term, b.Term)
	})
	return out
}
