package main

import (
	"fmt"
	"io"
	"strings"

	"report/internal/brief"
	"report/internal/incident"
	"report/internal/stats"
	"report/internal/workbook"
)

// writeBrief composes the written brief from the figures the workbook
// shows and writes brief.md and brief.html among the outputs, the HTML
// on the workbook's paper (-paper). It returns
// the brief, whose headline run prints.
func writeBrief(out *outputs, c config, rows incident.Accounting, sum *stats.Summary, rendered []renderedChart,
	excluded map[string]int) (*brief.Brief, error) {
	in := &brief.Input{Input: c.in, Rows: rows, Summary: sum, Headline: c.headline, Excluded: excluded,
		Letter: c.paper == workbook.Letter, Through: c.asOf}
	for _, ch := range rendered {
		in.Charts = append(in.Charts, brief.Chart{Title: ch.title, File: linked(ch), PNG: ch.png})
	}
	b, err := brief.New(in)
	if err != nil {
		return nil, usageError{fmt.Errorf("-headline: %w", err)}
	}
	if err := out.write("brief.md", writerTo(b.WriteMarkdown)); err != nil {
		return nil, err
	}
	if err := out.write("brief.html", writerTo(b.WriteHTML)); err != nil {
		return nil, err
	}
	return b, nil
}

// writerTo adapts a write function to outputs.write.
func writerTo(write func(w io.Writer) error) func(io.Writer) (int64, error) {
	return func(w io.Writer) (int64, error) { return 0, write(w) }
}

// linked returns the file of a chart that brief.md links to: its PNG,
// else its SVG, as "charts/monthly.png"; "" when the run writes neither.
func linked(ch renderedChart) string {
	for _, ext := range []string{".png", ".svg"} {
		for _, f := range ch.files {
			if strings.HasSuffix(f.name, ext) {
				return "charts/" + f.name
			}
		}
	}
	return ""
}
