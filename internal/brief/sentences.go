package brief

import (
	"fmt"
	"slices"
	"strings"

	"report/internal/stats"
)

// sentences composes the read-out sentences: the period, the month in
// focus, the sites, the weapons, the casualties, the hours, the published
// tallies and the rows left out. With no counted incidents the figures
// that need incidents give way to one sentence that says so.
func sentences(in *Input) []Sentence {
	s := in.Summary
	var out []Sentence
	add := func(source, format string, args ...any) {
		out = append(out, Sentence{Text: fmt.Sprintf(format, args...), Source: source})
	}
	if s.Total.Incidents == 0 {
		add("Summary: Total incidents", "Our list holds no counted attacks, so there are no months, sites or weapons to report.")
	} else {
		add("Summary: First incident, Last incident, Total incidents",
			"%s our list holds %s; the data runs through %s.", capital(span(s.First, s.Last)),
			attacks(s.Total.Incidents), date(in.through()))
	}
	if f := s.Focus; f != nil {
		text := "The month in focus, " + f.Words()
		source := "Summary: In words"
		for i := range s.Months {
			if m := &s.Months[i]; m.Start.Equal(f.Month) {
				text += fmt.Sprintf("; allowing for chance, its true level lies between %.1f and %.1f (95%% interval)", m.CILow, m.CIHigh)
				source += "; By Month: 95% low, 95% high"
			}
		}
		add(source, "%s.", text)
	}
	if len(s.Sites) > 0 {
		add("By Site", "%s", sites(s))
	}
	if s.Total.Incidents > 0 {
		add("By Weapon: Incidents, Share of incidents", "%s", weapons(s))
		add("Summary: Killed, Wounded, Munitions, Intercepted",
			"Reported casualties: %d killed and %d wounded; the attacks used %d munitions, %d of them intercepted (an unreported number counts as 0, munitions as 1).",
			s.Total.Killed, s.Total.Wounded, s.Total.Munitions, s.Total.Intercepted)
		add("Time: Incidents with a time", "%s", hours(s))
	}
	add("References: Verdict", "%s", tallies(s.References))
	r := in.Rows
	add("Summary: Rows read, Rows counted, Rows excluded, Duplicate rows, Rejected rows; Data Quality",
		"Of %d %s read from %s, %d %s counted and %d left out: %d excluded%s, %d %s and %d rejected, each listed with its reason on the Data Quality sheet.",
		r.Read, verb(r.Read, "row", "rows"), in.Input, r.Counted, verb(r.Counted, "is", "are"),
		r.Excluded+r.Duplicates+r.Rejected, r.Excluded, exclusions(in.Excluded),
		r.Duplicates, verb(r.Duplicates, "duplicate", "duplicates"), r.Rejected)
	return out
}

// exclusionWords names the rows each column excludes, by the column.
var exclusionWords = map[string][2]string{
	"outcome":     {"foiled attack", "foiled attacks"},
	"confidence":  {"low-confidence row left out by -exclude-low-confidence", "low-confidence rows left out by -exclude-low-confidence"},
	"target_type": {"row of a target type left out by -exclude-target-type", "rows of target types left out by -exclude-target-type"},
	"":            {"row outside -filter", "rows outside -filter"},
}

// exclusions words the excluded rows by what excluded them, most first:
// " (7 foiled attacks, 2 rows outside -filter)"; "" for none.
func exclusions(byColumn map[string]int) string {
	cols := make([]string, 0, len(byColumn))
	for col, n := range byColumn {
		if n > 0 {
			cols = append(cols, col)
		}
	}
	slices.SortFunc(cols, func(a, b string) int {
		if byColumn[a] != byColumn[b] {
			return byColumn[b] - byColumn[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(cols))
	for i, col := range cols {
		n := byColumn[col]
		words, ok := exclusionWords[col]
		if !ok {
			words = [2]string{"row excluded by its " + col, "rows excluded by their " + col}
		}
		parts[i] = fmt.Sprintf("%d %s", n, verb(n, words[0], words[1]))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// sites words the most-attacked site and the two after it; sites tied
// for the most (up to three named) share the first place: "The
// most-attacked sites are A and B, with 4 attacks each".
func sites(s *stats.Summary) string {
	kind := "site"
	if s.SitesByGroup {
		kind = "site group"
	}
	top := &s.Sites[0]
	tied := 1
	for tied < len(s.Sites) && s.Sites[tied].Incidents == top.Incidents {
		tied++
	}
	var text string
	if tied == 1 {
		text = fmt.Sprintf("The most-attacked %s is %s, with %s %s", kind, top.Name, attacks(top.Incidents), span(top.First, top.Last))
	} else {
		names := make([]string, 0, 3)
		for _, site := range s.Sites[:min(tied, 3)] {
			names = append(names, site.Name)
		}
		if tied > 3 {
			names = append(names, fmt.Sprintf("%d more", tied-3))
		}
		text = fmt.Sprintf("The most-attacked %ss are %s, with %s each", kind, list(names), attacks(top.Incidents))
	}
	var next []string
	for _, site := range s.Sites[tied:max(tied, min(3, len(s.Sites)))] {
		next = append(next, fmt.Sprintf("%s (%d)", site.Name, site.Incidents))
	}
	if len(next) > 0 {
		text += "; next " + verb(len(next), "comes ", "come ") + list(next)
	}
	return fmt.Sprintf("%s, of %d %ss in all.", text, len(s.Sites), kind)
}

// weapons words the main weapon and the two after it, with their shares.
func weapons(s *stats.Summary) string {
	ws := make([]stats.WeaponTotals, 0, len(s.Weapons))
	for _, w := range s.Weapons {
		if w.Incidents > 0 {
			ws = append(ws, w)
		}
	}
	// Most used first; the vocabulary's order breaks ties.
	slices.SortStableFunc(ws, func(a, b stats.WeaponTotals) int { return b.Incidents - a.Incidents })
	main := ws[0]
	text := fmt.Sprintf("%s were used in %d of the %d attacks (%.1f%%)", capital(main.Weapon.Plural()),
		main.Incidents, s.Total.Incidents, 100*main.Share)
	var next []string
	for _, w := range ws[1:min(3, len(ws))] {
		next = append(next, fmt.Sprintf("%s in %d (%.1f%%)", w.Weapon.Plural(), w.Incidents, 100*w.Share))
	}
	if len(next) > 0 {
		text += ", " + list(next)
	}
	return text + "."
}

// hours words the busiest local hour of the attacks with a time; hours
// tied for the most are all named, up to three ("00:00 to 00:59 and
// 21:00 to 21:59, with 2 each"), more only counted.
func hours(s *stats.Summary) string {
	if s.TimesKnown == 0 {
		return "No attack has a reported local time, so there is no hour of day to report."
	}
	most := slices.Max(s.Hours[:])
	var peaks []string
	n := 0
	for h, c := range s.Hours {
		if c == most {
			if n++; n <= 3 {
				peaks = append(peaks, fmt.Sprintf("%02d:00 to %02d:59", h, h))
			}
		}
	}
	text := fmt.Sprintf("A local time is known for %d of the %d attacks; ", s.TimesKnown, s.Total.Incidents)
	switch {
	case n == 1:
		return text + fmt.Sprintf("the busiest hour is %s, with %d.", peaks[0], most)
	case n > 3:
		return text + fmt.Sprintf("no hour has more than %d, which %d hours have.", most, n)
	}
	return text + fmt.Sprintf("the busiest hours are %s, with %d each.", list(peaks), most)
}

// tallies sums up the verdicts of the published tallies.
func tallies(refs []stats.Reconciled) string {
	if len(refs) == 0 {
		return "No published tallies were given to compare with."
	}
	n := map[stats.Verdict]int{}
	for _, r := range refs {
		n[r.Verdict]++
	}
	word := verb(len(refs), "tally", "tallies")
	var parts []string
	if c := n[stats.Consistent]; c > 0 {
		parts = append(parts, fmt.Sprintf("%d%s consistent with our count", c, verb(c, " is", " are")))
	}
	if c := n[stats.Above]; c > 0 {
		parts = append(parts, fmt.Sprintf("%d%s below our count (we count more)", c, verb(c, " is", " are")))
	}
	if c := n[stats.Below]; c > 0 {
		parts = append(parts, fmt.Sprintf("%d%s above our count (we count fewer)", c, verb(c, " is", " are")))
	}
	return fmt.Sprintf("Of %d published %s, each set against our count of the same dates and kind of attack, %s: see the table below.",
		len(refs), word, list(parts))
}
