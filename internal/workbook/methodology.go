package workbook

// This file holds the Methodology sheet: how the report was made, in
// words composed by the caller, who knows the run's switches and sources.

// sheetMethodology is the Methodology sheet's name; it follows Summary.
const sheetMethodology = "Methodology"

// Note is one row of the Methodology sheet: a Topic under a Section
// ("Switches", "-filter") and its Text. Text may be long; it wraps.
type Note struct {
	Section, Topic, Text string
}

// withMethodology returns steps with the Methodology sheet after Summary
// when r has notes, else steps as they are.
func (b *Workbook) withMethodology(steps []sheetStep, r *Report) []sheetStep {
	if len(r.Methodology) == 0 {
		return steps
	}
	out := make([]sheetStep, 0, len(steps)+1)
	for _, s := range steps {
		out = append(out, s)
		if s.sheet == sheetSummary {
			out = append(out, sheetStep{sheetMethodology, b.methodology})
		}
	}
	return out
}

// methodology writes the notes as a table of section, topic and text, the
// text wrapped in a column of the widest width, printing one page wide.
func (b *Workbook) methodology(r *Report, sheet string) error {
	notes := r.Methodology
	return b.writeTable(sheet, &table{
		name: "tblMethodology",
		cols: []column{{name: "Section"}, {name: "Topic"}, {name: "Explanation"}},
		rows: len(notes),
		row: func(i int, dst []any) []any {
			n := &notes[i]
			return append(dst[:0], n.Section, n.Topic, n.Text)
		},
	})
}
