// Package brief writes the report as a written brief: a headline that
// answers "are we consistent with the published tally?", then five to ten
// sentences a briefer can read out, each with its number and the workbook
// sheet and row it comes from, a table of the published tallies against
// our counts, then the charts. It writes brief.md (Markdown, the charts
// linked as charts/NAME.png) and brief.html (one self-contained file, the
// charts embedded as data: URIs, that prints in two pages on A4, or on
// Letter with Input.Letter).
//
// Every number in the brief is a field of the stats.Summary or
// incident.Accounting that the workbook shows, formatted as the workbook
// formats it (shares to one decimal place, intervals to one), so that a
// reader finds each one in a cell: the brief computes nothing the
// workbook does not show.
//
// # The headline tally
//
// The headline answers one published tally (Input.Headline, the tally's
// as-of date). By default (DefaultHeadline) it is the first tally of the
// report year that counts every attack of the year: no filter, since 1
// January. For the shipped data that is the tally of 6 June 2021, "at
// least 39 attacks" on US targets since the beginning of the year. With no
// published tallies the headline gives our count and says there is
// nothing to compare it with.
package brief

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"report/internal/incident"
	"report/internal/stats"
)

// Input is what the brief is written from.
type Input struct {
	// Input is the incident file as the user named it.
	Input   string
	Rows    incident.Accounting
	Summary *stats.Summary
	// Headline is the as-of date of the published tally the headline
	// answers; the zero time means DefaultHeadline's.
	Headline time.Time
	// Charts are shown in order after the sentences; may be empty.
	Charts []Chart
	// Excluded counts the excluded rows by the column that excluded
	// them (incident.Problem.Column; "" for -filter); nil or empty
	// leaves the reasons unsaid.
	Excluded map[string]int
	// Letter prints brief.html on US Letter paper, not A4.
	Letter bool
	// Through is the last day the data covers (-as-of), as the
	// workbook's footers give it (workbook.Report.Through); zero means
	// Summary.Last.
	Through time.Time
}

// Chart is a rendered chart: File is its path beside brief.md
// ("charts/monthly.png"), which brief.md links to and brief.html embeds
// PNG from.
type Chart struct {
	Title, File string
	PNG         []byte
}

// Sentence is one sentence of the brief and where its numbers come from
// in the workbook ("Summary: Total incidents").
type Sentence struct {
	Text, Source string
}

// Brief is the composed brief, ready to write.
type Brief struct {
	Title string
	// Verdict is the headline's short answer, with our count
	// ("Consistent with AFP's “at least 39” of 6 June 2021: we count
	// 122"); Headline the sentences that explain it.
	Verdict  string
	Headline Sentence
	// Sentences are the read-out sentences, five to ten of them.
	Sentences []Sentence
	// Tallies are the published tallies against our counts, in the
	// References sheet's order.
	Tallies []Tally
	Charts  []Chart
	// Through is the last day the data covers (Input.Through, else the
	// latest incident's date); zero with neither.
	Through time.Time
	// Letter prints brief.html on US Letter paper, not A4.
	Letter bool
}

// Tally is one published tally beside our count, as the References sheet
// shows it.
type Tally struct {
	AsOf, Since, Through time.Time
	Published            string // with its bound: "at least 39"
	Ours                 string // "122", or "40 to 42" for a range
	Filter               string // "all" or the filter
	Verdict              stats.Verdict
	Wording              string
	// Headline says the headline answers this tally.
	Headline bool
}

// ErrNoSummary is returned by New when the Input has no Summary.
var ErrNoSummary = errors.New("brief: no summary to write from")

// New composes the brief of in. It fails when in has no Summary, or when
// in.Headline is set and no tally has that as-of date.
func New(in *Input) (*Brief, error) {
	if in == nil || in.Summary == nil {
		return nil, ErrNoSummary
	}
	s := in.Summary
	b := &Brief{Charts: in.Charts, Through: in.through(), Letter: in.Letter}
	b.Title = "Brief: no counted attacks"
	if s.Total.Incidents > 0 {
		b.Title = "Brief: attacks " + span(s.First, s.Last)
	}
	ref, err := headlineTally(s.References, in.Headline, s.YearToDate.Year)
	if err != nil {
		return nil, err
	}
	b.Verdict, b.Headline = headline(s, ref)
	b.Sentences = sentences(in)
	for i := range s.References {
		r := &s.References[i]
		b.Tallies = append(b.Tallies, Tally{AsOf: r.AsOf, Since: r.Since, Through: r.Through,
			Published: published(r), Ours: ours(r), Filter: filterName(r.Filter), Verdict: r.Verdict, Wording: r.Wording,
			Headline: r == ref})
	}
	return b, nil
}

// DefaultHeadline returns the index in refs of the tally the headline
// answers by default: the first, by as-of date, of year that counts every
// attack (no filter) since 1 January of its own year; when none does, the
// latest tally of year; when none is of year, the latest tally; -1 when
// refs is empty.
func DefaultHeadline(refs []stats.Reconciled, year int) int {
	best := -1
	for i := range refs {
		r := &refs[i]
		if r.AsOf.Year() == year && r.Filter.IsZero() && r.Since.Equal(jan1(r.AsOf)) &&
			(best < 0 || r.AsOf.Before(refs[best].AsOf)) {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	for _, inYear := range []bool{true, false} {
		for i := range refs {
			if (!inYear || refs[i].AsOf.Year() == year) && (best < 0 || !refs[i].AsOf.Before(refs[best].AsOf)) {
				best = i
			}
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

// headlineTally returns the tally of asOf, or the default one when asOf is
// zero; nil when there are no tallies.
func headlineTally(refs []stats.Reconciled, asOf time.Time, year int) (*stats.Reconciled, error) {
	if asOf.IsZero() {
		if i := DefaultHeadline(refs, year); i >= 0 {
			return &refs[i], nil
		}
		return nil, nil
	}
	for i := range refs {
		if refs[i].AsOf.Equal(asOf) {
			return &refs[i], nil
		}
	}
	dates := make([]string, len(refs))
	for i := range refs {
		dates[i] = refs[i].AsOf.Format(time.DateOnly)
	}
	if len(dates) == 0 {
		return nil, fmt.Errorf("brief: no published tally of %s: none was given", asOf.Format(time.DateOnly))
	}
	return nil, fmt.Errorf("brief: no published tally of %s (the tallies are of %s)",
		asOf.Format(time.DateOnly), strings.Join(dates, ", "))
}

func jan1(t time.Time) time.Time { return time.Date(t.Year(), time.January, 1, 0, 0, 0, 0, time.UTC) }

// through returns the last day the data covers: in.Through, else the
// latest incident's date.
func (in *Input) through() time.Time {
	if !in.Through.IsZero() {
		return in.Through
	}
	return in.Summary.Last
}

// scopeCount returns our count under the standard scope name over the
// tally's dates, and false when the tally has no such count.
func scopeCount(r *stats.Reconciled, name string) (int, bool) {
	for _, c := range r.ByScope {
		if c.Name == name {
			return c.Count, true
		}
	}
	return 0, false
}

// headline answers the tally ref: the verdict in a few words and the
// sentence that explains it.
func headline(s *stats.Summary, ref *stats.Reconciled) (string, Sentence) {
	if ref == nil {
		if s.Total.Incidents == 0 {
			return "No counted attacks", Sentence{
				Text:   "Our list holds no counted attacks, and no published tally was given to compare with.",
				Source: "Summary: Total incidents; References"}
		}
		return "No published tally to compare with", Sentence{
			Text: fmt.Sprintf("%s our list holds %s; no published tally was given to compare it with.",
				capital(span(s.First, s.Last)), attacks(s.Total.Incidents)),
			Source: "Summary: First incident, Last incident, Total incidents; References"}
	}
	r := ref
	who := "the "
	if o := strings.TrimSpace(r.Outlet); o != "" {
		who = o + "'s "
	}
	verdict := fmt.Sprintf("%s %s%s of %s: we count %s", map[stats.Verdict]string{
		stats.Consistent: "Consistent with", stats.Above: "Above", stats.Below: "Below"}[r.Verdict],
		who, quoted(r), date(r.AsOf), ours(r))
	var t strings.Builder
	fmt.Fprintf(&t, "The tally of %s%s counted %s %s %s", date(r.AsOf), publisher(r), published(r),
		noun(r.Published), sinceThrough(r))
	var about []string
	if w := strings.TrimSpace(r.Wording); w != "" {
		about = append(about, w)
	}
	if sc := strings.TrimSpace(r.Scope); sc != "" {
		about = append(about, "covering "+sc)
	}
	if len(about) > 0 {
		fmt.Fprintf(&t, " (%s)", strings.Join(about, "; "))
	}
	fmt.Fprintf(&t, "; over the same dates we count %s", ours(r))
	if !r.Filter.IsZero() {
		fmt.Fprintf(&t, " of the attacks it counts (%s)", r.Filter)
	} else if hc, ok := scopeCount(r, "high_confidence"); ok && r.OursHigh > 0 {
		fmt.Fprintf(&t, ", %d of them high-confidence", hc)
	}
	fmt.Fprintf(&t, ". %s", why(r))
	return verdict, Sentence{Text: t.String(),
		Source: fmt.Sprintf("References: the row as of %s, its Ours, Verdict and Ours by scope", r.AsOf.Format(time.DateOnly))}
}

// publisher says who published a tally: " by AFP" from its outlet, and
// ", as published by rtl.be" after it when its first URL is of another
// site; " by rtl.be" from the URL alone without an outlet; "" with
// neither. The URL's host is named without "www.".
func publisher(r *stats.Reconciled) string {
	host := ""
	if len(r.SourceURLs) > 0 {
		if u, err := url.Parse(strings.TrimSpace(r.SourceURLs[0])); err == nil {
			host = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	outlet := strings.TrimSpace(r.Outlet)
	switch {
	case outlet == "" && host == "":
		return ""
	case outlet == "":
		return " by " + host
	case host == "" || strings.Contains(strings.ToLower(host), strings.ToLower(strings.ReplaceAll(outlet, " ", ""))):
		return " by " + outlet
	}
	return " by " + outlet + ", as published by " + host + ","
}

// quoted returns the tally's number as the verdict gives it: with its
// bound in quotes, “at least 39”, or bare when exact, 44.
func quoted(r *stats.Reconciled) string {
	if r.Bound == incident.Exact {
		return published(r)
	}
	return "“" + published(r) + "”"
}

// why says which of our counts meet the tally and why: the bound read
// with the tally, and our counts under the standard scopes that meet it
// and that do not.
func why(r *stats.Reconciled) string {
	var meet, miss []string
	for _, c := range r.ByScope {
		item := fmt.Sprintf("%s (%d)", stats.ScopeNames[c.Name], c.Count)
		if stats.Judge(c.Count, c.Count, r.Published, r.Bound) == stats.Consistent {
			meet = append(meet, item)
		} else {
			miss = append(miss, item)
		}
	}
	p, tol := r.Published, stats.AboutTolerance(r.Published)
	rule := map[incident.Bound]string{
		incident.AtLeast:  fmt.Sprintf("any count of %d or more meets “%s”", p, published(r)),
		incident.MoreThan: fmt.Sprintf("any count above %d meets “%s”", p, published(r)),
		incident.AtMost:   fmt.Sprintf("any count of %d or fewer meets “%s”", p, published(r)),
		incident.Exact:    fmt.Sprintf("only a count of exactly %d meets it", p),
		incident.About:    fmt.Sprintf("a count from %d to %d meets “%s”", p-tol, p+tol, published(r)),
	}[r.Bound]
	out := capital(rule)
	switch {
	case len(meet) == 0:
		out += ", and none of our counts does: " + list(miss)
	case len(miss) == 0:
		out += ", and every count of ours does: " + list(meet)
	default:
		out += "; of our counts, " + list(meet) + verb(len(meet), " meets", " meet") + " it, " +
			list(miss) + verb(len(miss), " does not", " do not")
	}
	switch d := r.Difference; {
	case d > 0:
		out += fmt.Sprintf(". We count %d more than the tally", d)
	case d < 0:
		out += fmt.Sprintf(". We count %d fewer than the tally", -d)
	}
	return out + "."
}

// published returns the tally's number with its bound: "at least 39".
func published(r *stats.Reconciled) string { return r.Bound.Phrase(r.Published) }

// ours returns our count of a tally, or its range when approximate dates
// straddle the tally's.
func ours(r *stats.Reconciled) string {
	if r.OursLow != r.OursHigh {
		return fmt.Sprintf("%d to %d", r.OursLow, r.OursHigh)
	}
	return fmt.Sprint(r.Ours)
}

func filterName(f incident.Scope) string {
	if f.IsZero() {
		return "all"
	}
	return f.String()
}

// sinceThrough gives a tally's dates: "from 1 January to 6 June 2021".
func sinceThrough(r *stats.Reconciled) string {
	return span(r.Since, r.Through)
}

// span gives two dates as "from 4 January to 29 July 2021", the year said
// once when both share it; "on 4 January 2021" when they are one day.
func span(from, to time.Time) string {
	switch {
	case from.Equal(to):
		return "on " + date(from)
	case from.Year() == to.Year():
		return fmt.Sprintf("from %s to %s", from.Format("2 January"), date(to))
	}
	return fmt.Sprintf("from %s to %s", date(from), date(to))
}

func date(t time.Time) string { return t.Format("2 January 2006") }

func attacks(n int) string { return fmt.Sprintf("%d %s", n, noun(n)) }

func noun(n int) string {
	if n == 1 {
		return "attack"
	}
	return "attacks"
}

// verb returns one for n == 1, else many.
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// list joins items as "a, b and c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
