package brief

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/png"
	"io"
	"math"
	"strings"
	"time"
)

// WriteMarkdown writes the brief as Markdown: the title, the verdict and
// headline, the numbered sentences each followed by its source in
// italics, the table of tallies and the charts, linked by their File (a
// chart without one is left out).
func (b *Brief) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", mdEscape(b.Title))
	fmt.Fprintf(bw, "**%s.** %s *(%s)*\n\n", mdEscape(b.Verdict), mdEscape(b.Headline.Text), mdEscape(b.Headline.Source))
	for i, s := range b.Sentences {
		fmt.Fprintf(bw, "%d. %s *(%s)*\n", i+1, mdEscape(s.Text), mdEscape(s.Source))
	}
	if len(b.Tallies) > 0 {
		bw.WriteString("\n## Published tallies against our count\n\n")
		bw.WriteString(verdictNote + " The headline's tally is in bold.\n\n")
		bw.WriteString("| As of | Dates | Published | Ours | Which attacks | Verdict | Wording |\n")
		bw.WriteString("|---|---|---:|---:|---|---|---|\n")
		for _, t := range b.Tallies {
			verdict := string(t.Verdict)
			if t.Headline {
				verdict = "**" + verdict + "**"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n", t.AsOf.Format(time.DateOnly),
				cellEscape(dates(t)), t.Published, t.Ours, cellEscape(t.Filter), verdict, cellEscape(t.Wording))
		}
	}
	if len(b.Charts) > 0 {
		bw.WriteString("\n## Charts\n")
		for _, c := range b.Charts {
			if c.File != "" {
				fmt.Fprintf(bw, "\n![%s](%s)\n", mdEscape(c.Title), c.File)
			}
		}
	}
	return bw.Flush()
}

// verdictNote explains the verdicts under the tallies' heading.
// Its example ranges are those stats.Judge allows.
const verdictNote = "Each tally is set against our count of its own dates and of the attacks it counts (Which attacks: all, or the References sheet's Filter). Consistent: our count is one the tally's words allow (“at least 39”: 39 or more; “about 50”: 45 to 55); above or below: our count is higher or lower than any they allow."

// dates gives a tally's dates as "2021-01-01 to 2021-06-06".
func dates(t Tally) string {
	return t.Since.Format(time.DateOnly) + " to " + t.Through.Format(time.DateOnly)
}

// mdEscape keeps text from being read as Markdown: the characters that
// start emphasis, links, code or HTML are escaped with a backslash.
func mdEscape(s string) string {
	return mdEscaper.Replace(strings.Join(strings.Fields(s), " "))
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`)

// cellEscape is mdEscape for a table cell, which a | would end.
func cellEscape(s string) string { return strings.ReplaceAll(mdEscape(s), "|", `\|`) }

// WriteHTML writes the brief as one self-contained HTML page: no external
// file, font or script; the charts embedded as PNG data: URIs. Its print
// style sets A4 (Letter with b.Letter) with 15 mm margins and starts the
// charts on a page of their own, two to a row, so that it prints on two
// pages. Widths and the
// page break are also given as HTML attributes and inline style, which
// LibreOffice Writer reads where it ignores the style sheet. The charts
// are 87 mm wide, all narrower when their rows would overflow the page;
// a chart that is not a PNG is embedded without a size.
func (b *Brief) WriteHTML(w io.Writer) error {
	type chart struct {
		Title         string
		URI           template.URL
		Width, Height int // pixels at 96 dpi, 0 when the PNG cannot be read
	}
	data := struct {
		*Brief
		Rows    [][]chart // the charts two to a row
		Through string
		Note    string
	}{Brief: b, Note: verdictNote}
	// Each chart is chartWidth wide, all narrower by one factor when
	// their rows would not fit on the page.
	var aspects []float64 // height / width; 0 when the PNG cannot be read
	rowsMM := 0.0
	for i, c := range b.Charts {
		a := 0.0
		if cfg, err := png.DecodeConfig(bytes.NewReader(c.PNG)); err == nil && cfg.Width > 0 {
			a = float64(cfg.Height) / float64(cfg.Width)
		}
		aspects = append(aspects, a)
		if i%2 == 1 || i == len(b.Charts)-1 {
			rowsMM += chartWidth*max(a, aspects[i-i%2]) + chartGap
		}
	}
	height := chartsHeight
	if b.Letter {
		height = letterChartsHeight
	}
	scale := min(1, height/max(rowsMM, 1))
	for i, c := range b.Charts {
		if i%2 == 0 {
			data.Rows = append(data.Rows, nil)
		}
		row := &data.Rows[len(data.Rows)-1]
		ch := chart{Title: c.Title, URI: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(c.PNG))}
		if a := aspects[i]; a > 0 {
			ch.Width = int(math.Round(chartWidth * scale * pixelsPerMM))
			ch.Height = int(math.Round(float64(ch.Width) * a))
		}
		*row = append(*row, ch)
	}
	if !b.Through.IsZero() {
		data.Through = date(b.Through)
	}
	return page.Execute(w, data)
}

// The charts' layout in brief.html, in millimetres: two to a row within
// A4's 180 mm between 15 mm margins (Letter has 186), on a page of their
// own whose 267 mm less the heading leave chartsHeight for their rows;
// Letter's 249 mm leave letterChartsHeight.
const (
	chartWidth         = 87.0
	chartGap           = 2.0 // under each row
	chartsHeight       = 250.0
	letterChartsHeight = 232.0
	pixelsPerMM        = 96 / 25.4 // CSS pixels
)

var page = template.Must(template.New("brief").Funcs(template.FuncMap{
	"date":  func(t time.Time) string { return t.Format(time.DateOnly) },
	"dates": dates,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
@page { size: {{if .Letter}}letter{{else}}A4{{end}} portrait; margin: 15mm; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.3; color: #000; margin: 0 auto; max-width: 180mm; }
h1 { font-size: 15pt; margin: 0 0 3mm 0; }
h2 { font-size: 11pt; margin: 4mm 0 2mm 0; }
.verdict { font-size: 13pt; font-weight: bold; margin: 0 0 1mm 0; }
.headline { margin: 0 0 3mm 0; }
.source { color: #555; font-size: 8pt; font-style: italic; }
ol { margin: 0; padding-left: 6mm; }
li { margin-bottom: 1.5mm; }
table { border-collapse: collapse; font-size: 8pt; width: 99%; }
.note { font-size: 8pt; margin: 0 0 1.5mm 0; }
th, td { border: 0.5pt solid #999; padding: 0.5mm 1mm; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.charts { page-break-before: always; break-before: page; }
.charts table, .charts td { border: none; padding: 0 1mm 2mm 0; }
.footer { color: #555; font-size: 8pt; margin-top: 3mm; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="verdict">{{.Verdict}}.</p>
<p class="headline">{{.Headline.Text}} <span class="source">({{.Headline.Source}})</span></p>
<ol>
{{- range .Sentences}}
<li>{{.Text}} <span class="source">({{.Source}})</span></li>
{{- end}}
</ol>
{{- if .Tallies}}
<h2>Published tallies against our count</h2>
<p class="note">{{.Note}} The headline's tally is in bold.</p>
<table cellspacing="0" cellpadding="2">
<tr><th width="13%">As of</th><th width="31%">Dates</th><th width="14%">Published</th><th width="7%">Ours</th><th width="22%">Which attacks</th><th width="13%">Verdict</th></tr>
{{- range .Tallies}}
<tr{{if .Headline}} style="font-weight: bold"{{end}}><td>{{if .Headline}}<b>{{date .AsOf}}</b>{{else}}{{date .AsOf}}{{end}}</td><td nowrap>{{dates .}}</td><td class="n">{{.Published}}</td><td class="n">{{.Ours}}</td><td>{{.Filter}}</td><td>{{if .Headline}}<b>{{.Verdict}}</b>{{else}}{{.Verdict}}{{end}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- if .Through}}
<p class="footer">Data through {{.Through}}. Every number is a cell of the workbook report.xlsx; the source after each sentence names its sheet and row.</p>
{{- end}}
{{- if .Rows}}
<div class="charts">
<h2 style="page-break-before: always">Charts</h2>
<table cellspacing="0" cellpadding="0">
{{- range .Rows}}
<tr>{{range .}}<td><img src="{{.URI}}" alt="{{.Title}}"{{if .Width}} width="{{.Width}}" height="{{.Height}}" style="width: {{.Width}}px; height: {{.Height}}px"{{end}}></td>{{end}}</tr>
{{- end}}
</table>
</div>
{{- end}}
</body>
</html>
`))
