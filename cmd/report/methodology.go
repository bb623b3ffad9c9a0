package main

import (
	"fmt"
	"strings"

	"report/internal/incident"
	"report/internal/workbook"
)

// methodology words the Methodology sheet for this run: what one row
// means, what counts, each switch as it was in force, the scopes, the
// vocabularies and the sources with how to cite them. format is the
// input's layout (canonical, acled or gtd); gazetteer says the sites file
// was read; charts are the charts drawn (map.png brings Natural Earth in).
func (c config) methodology(format string, gazetteer bool, refs []incident.Reference, charts []renderedChart) []workbook.Note {
	var notes []workbook.Note
	section := ""
	add := func(topic, format string, args ...any) {
		notes = append(notes, workbook.Note{Section: section, Topic: topic, Text: fmt.Sprintf(format, args...)})
	}
	onOff := func(on bool, yes, no string) string {
		if on {
			return "on: " + yes
		}
		return "off: " + no
	}
	given := func(v, what, dflt string) string {
		if v == "" {
			return dflt
		}
		return fmt.Sprintf("%q: %s", v, what)
	}

	section = "One row"
	add("Incident", "One row of the input is one incident: one attack on one site on one day. A salvo of 14 rockets is one incident with munitions 14; each convoy hit is its own incident.")
	add("Empty numbers", "An empty killed, wounded or intercepted cell means not reported and counts as 0; an empty munitions cell counts as 1.")
	add("Dates", "The local date at the site. A date known only to its week or month counts on the week's or month's first day, and a published tally that cuts through it gets a range.")

	section = "What counts"
	add("counted", "In every figure, chart and sheet.")
	add("excluded", "A valid row that a counting switch leaves out (foiled attacks by default); on Data Quality with the switch that did it.")
	add("duplicate", "A row whose id was on an earlier counted or excluded row (the earlier row stands), or with -merge-probable a probable duplicate; on Data Quality.")
	add("rejected", "A row with a value that fails its check (a date not in the calendar, a negative count, an unknown term); on Data Quality with its line, column and reason.")
	add("probable duplicate", "Two rows with other ids and no source in common, at the same site with the same weapon, a day apart at most: listed on Data Quality; both are counted unless -merge-probable is on (see Switches in force).")

	section = "Switches in force"
	read := format
	if c.sheet != "" {
		read += fmt.Sprintf(", its sheet %q (-sheet)", c.sheet)
	}
	if c.delimiter != "" {
		read += fmt.Sprintf(", fields split by %s (-delimiter)", c.delimiter)
	}
	add("-in", "%s, read as %s.", c.in, read)
	add("-refs", "%s", orNone(c.refs, len(refs) > 0, fmt.Sprintf("%d published tallies", len(refs)), "no published tallies"))
	add("-sites", "%s", orNone(c.sites, gazetteer, "the gazetteer of sites", "no gazetteer: sites as written"))
	add("-sites-by", "%s: By Site, the brief and the sites, map and heatmap charts count by %s.", c.sitesBy, map[string]string{"site": "site", "group": "the gazetteer's site group"}[c.sitesBy])
	add("-filter", "%s", given(c.filter, "only the incidents that match it are counted; the others are excluded", "not given: no filter"))
	add("-exclude-low-confidence", "%s", onOff(c.excludeLowConfidence, "low-confidence rows are excluded", "low-confidence rows are counted"))
	add("-include-foiled", "%s", onOff(c.includeFoiled, "foiled attacks are counted", "foiled attacks (never launched) are excluded"))
	add("-exclude-target-type", "%s", given(c.excludeTargetTypes, "these target types are excluded", "not given: every target type is counted"))
	add("-merge-probable", "%s", onOff(c.mergeProbable, "probable duplicates count once", "probable duplicates are both counted"))
	add("-year", "%s", orDefault(c.year != 0, fmt.Sprint(c.year), "not given: the year of the latest incident"))
	add("-month", "%s", orDefault(!c.month.IsZero(), c.month.Format("2006-01"), "not given: the month of the latest incident"))
	add("-as-of", "%s", orDefault(!c.asOf.IsZero(), c.asOf.Format("2006-01-02"), "not given: the data runs through the latest incident"))
	add("-headline", "%s", orDefault(!c.headline.IsZero(), c.headline.Format("2006-01-02"),
		"not given: the brief answers the year's first tally of every attack since 1 January"))
	add("-tz", "%s: the sites' time zone, for date-times with an offset.", c.tz)
	add("-date-order", "%s", orDefault(c.dateOrder != "", c.dateOrder, "not given: decided by the file's own slashed dates"))
	add("-weapons", "%s", orDefault(c.weapons != "", c.weapons+": more weapon terms", "not given: the built-in weapon terms"))
	add("-previous", "%s", orDefault(c.previous != "", c.previous+": the Changes sheet compares with it", "not given: no comparison"))
	formats := make([]string, len(c.formats))
	for i, f := range c.formats {
		formats[i] = string(f)
	}
	add("-no-incidents-sheet", "%s", onOff(c.noIncidents, "the Incidents sheet lists no rows; every figure still counts them",
		"every counted row is listed on the Incidents sheet"))
	add("-formats", "%s: the chart files written.", strings.Join(formats, ","))
	add("-paper", "%s: the workbook prints on it, landscape, and brief.html upright.", c.paper)
	add("-marking", "%s", orDefault(c.marking != "", fmt.Sprintf("%q: in every page's header", c.marking), "not given: no handling marking"))

	section = "Scopes"
	for _, ns := range incident.StandardScopes() {
		def := "The filter " + ns.Scope.String()
		if ns.Scope.IsZero() {
			def = "Every counted incident"
		}
		add(strings.ReplaceAll(ns.Name, "_", " "), "%s. Every tally is also counted under it (References).", def)
	}
	add("A tally's own", "Each published tally is counted under its own filter (References: Filter; empty means all) and over its own dates, Since to Through, and judged by its bound: at least, more than, about (within 10%%, at least 2), at most or exact.")

	section = "Vocabulary"
	for _, w := range incident.Weapons() {
		add("weapon "+w.String(), "%s, drawn in %s in every chart and sheet.", w.Label(), w.Color())
	}
	targets := map[incident.TargetType]string{
		incident.MilitaryBase: "a base or air base where US or coalition forces are",
		incident.Diplomatic:   "an embassy or consulate",
		incident.Airport:      "an airport, its military part included",
		incident.Convoy:       "a logistics convoy on the road: a route, not a fixed site",
		incident.OtherTarget:  "any other target",
	}
	for _, t := range incident.TargetTypes {
		add("target_type "+string(t), "%s: %s.", t.Label(), targets[t])
	}
	outcomes := map[incident.Outcome]string{
		incident.Executed:    "the attack was carried out (an empty cell)",
		incident.Intercepted: "the munitions were shot down or intercepted",
		incident.Foiled:      "never launched (weapons found or seized): excluded unless -include-foiled",
	}
	for _, o := range incident.Outcomes {
		add("outcome "+string(o), "%s: %s.", o.Label(), outcomes[o])
	}
	add("confidence high", "%s: the default, for an empty cell.", incident.High.Label())
	add("confidence low", "%s: rests only on outlets close to the armed groups or on re-posts.", incident.Low.Label())

	section = "Sources"
	add("Incidents", "%s (%s layout). Cite each figure as this report, made from %s; each row's own sources are in its source and source_url columns (Incidents sheet).", c.in, format, c.in)
	switch format {
	case "gtd":
		add("GTD", "Global Terrorism Database, National Consortium for the Study of Terrorism and Responses to Terrorism (START), University of Maryland. Its terms ask that it be cited as the GTD, with the date of the download.")
	case "acled":
		add("ACLED", "Armed Conflict Location & Event Data Project (ACLED). Its terms of use ask that ACLED be named as the source, with the date of the export.")
	}
	if len(refs) > 0 {
		add("Published tallies", "%s: each tally's wording and source URL are on the References sheet; cite the outlet, not this report.", c.refs)
	}
	if gazetteer {
		add("Gazetteer", "%s: the sites' names, groups, target types and positions.", c.sites)
	}
	for _, ch := range charts {
		if len(ch.files) > 0 && strings.HasPrefix(ch.files[0].name, "map.") {
			add("Map", "Boundaries from Natural Earth (naturalearthdata.com), public domain.")
		}
	}
	return notes
}

// orNone names path with what it gave when it was read, else says so.
func orNone(path string, read bool, what, none string) string {
	if read {
		return path + ": " + what
	}
	return "none read: " + none
}

// orDefault returns v when it was given, else dflt.
func orDefault(isGiven bool, v, dflt string) string {
	if isGiven {
		return v
	}
	return dflt
}
