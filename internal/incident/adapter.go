package incident

import (
	"fmt"
	"strings"
)

// Format is a source's layout of incident rows: the canonical CSV, or an
// export of a database (ACLED, GTD) that an adapter maps onto the
// canonical columns. The container (CSV or .xlsx) is independent of it.
type Format struct {
	// Name is the -format name: "canonical", "acled", "gtd".
	Name string
	// Label names the format for people: "an ACLED export".
	Label string
	// Required are the columns, as normalize gives them, that a header
	// must have to be read as this format; Marks are columns that make a
	// header look like it even when some required ones are missing.
	Required, Marks []string
	// adapter makes the adapter for a header of this format, reading
	// weapon words through terms; nil for the canonical format, whose
	// columns need no mapping.
	adapter func(header []string, terms *WeaponTerms) (adapter, error)
}

// adapter maps one source record onto the canonical columns, so that every
// source's rows are checked alike. It is used from several goroutines at
// once, so convert must not change the adapter.
type adapter interface {
	// convert fills dst, one value per canonical field in Columns()
	// order, from the source record rec (its length is the header's),
	// and from, per canonical field, the index in rec of the column the
	// value came from (-1 when none: a problem with it is shown at the
	// row's first column). It returns a reason to exclude the row ("" to
	// keep it), with the index of the column that says so, and the
	// precision of the row's date.
	convert(rec []string, dst []string, from []int) (exclude string, excludeCol int, prec Precision)
}

// Precision is how precisely a row's date is known.
type Precision uint8

// The precisions. A week or month date is the first day of the week or
// month it stands for, and counts there.
const (
	Day Precision = iota
	Week
	Month
)

func (p Precision) String() string {
	switch p {
	case Week:
		return "week"
	case Month:
		return "month"
	}
	return "day"
}

// Formats lists the formats a header is matched against, in that order.
var Formats = []*Format{
	{Name: "canonical", Label: "a canonical incident file", Required: []string{"date", "site", "weapon"}},
}

// FormatByName returns the format named name ("canonical", "acled",
// "gtd"), or an error listing the names.
func FormatByName(name string) (*Format, error) {
	var names []string
	for _, f := range Formats {
		if f.Name == strings.ToLower(strings.TrimSpace(name)) {
			return f, nil
		}
		names = append(names, f.Name)
	}
	return nil, fmt.Errorf("unknown format %q: want one of %s", name, strings.Join(names, ", "))
}

// detectFormat returns the format of a header: the first whose required
// columns are all there. When none fits, the error lists the columns
// found and says which format the header most resembles and what it lacks.
func detectFormat(header []string) (*Format, error) {
	have := columnSet(header)
	var best *Format
	var bestMissing []string
	bestScore := -1
	for _, f := range Formats {
		missing := f.missing(have)
		if missing == nil {
			return f, nil
		}
		score := len(f.Required) - len(missing)
		for _, c := range f.Marks {
			if have[c] {
				score++
			}
		}
		if score > bestScore {
			best, bestMissing, bestScore = f, missing, score
		}
	}
	err := &MissingColumnsError{Missing: bestMissing, Found: header}
	if best != Formats[0] && bestScore > 0 {
		err.Resembles = best.Label
	}
	return nil, err
}

// columnSet returns the set of a header's columns, as normalize gives
// them.
func columnSet(header []string) map[string]bool {
	have := make(map[string]bool, len(header))
	for _, h := range header {
		have[normalize(h)] = true
	}
	return have
}

// missing returns the required columns of f that are not in have, in
// f.Required order; nil when none are.
func (f *Format) missing(have map[string]bool) []string {
	var missing []string
	for _, c := range f.Required {
		if !have[c] {
			missing = append(missing, c)
		}
	}
	return missing
}
