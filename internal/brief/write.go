package brief

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

// WriteMarkdown writes the brief as Markdown: the title, the verdict and
// headline, the numbered sentences each followed by its source in
// italics, the table of tallies and the charts, linked by their File.
func (b *Brief) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", mdEscape(b.Title))
	fmt.Fprintf(bw, "**%s.** %s *(%s)*\n\n", mdEscape(b.Verdict), mdEscape(b.Headline.Text), mdEscape(b.Headline.Source))
	for i, s := range b.Sentences {
		fmt.Fprintf(bw, "%d. %s *(%s)*\n", i+1, mdEscape(s.Text), mdEscape(s.Source))
	}
	if len(b.Tallies) > 0 {
		bw.WriteString("\n## Published tallies against our count\n\n")
		bw.WriteString("| As of | Dates | Published | Ours | Filter | Verdict | Wording |\n")
		bw.WriteString("|---|---|---:|---:|---|---|---|\n")
		for _, t := range b.Tallies {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n", t.AsOf.Format(time.DateOnly),
				cellEscape(dates(t)), t.Published, t.Ours, cellEscape(t.Filter), t.Verdict, cellEscape(t.Wording))
		}
	}
	if len(b.Charts) > 0 {
		bw.WriteString("\n## Charts\n")
		for _, c := range b.Charts {
			fmt.Fprintf(bw, "\n![%s](%s)\n", mdEscape(c.Title), c.File)
		}
	}
	return bw.Flush()
}

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
// style sets A4 with 15 mm margins and starts the charts on a page of
// their own, two to a row, so that it prints on two pages.
func (b *Brief) WriteHTML(w io.Writer) error {
	type chart struct {
		Title string
		URI   template.URL
	}
	data := struct {
		*Brief
		Rows    [][]chart // the charts two to a row
		Through string
	}{Brief: b}
	for i, c := range b.Charts {
		if i%2 == 0 {
			data.Rows = append(data.Rows, nil)
		}
		row := &data.Rows[len(data.Rows)-1]
		*row = append(*row, chart{c.Title, template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(c.PNG))})
	}
	if !b.Through.IsZero() {
		data.Through = date(b.Through)
	}
	return page.Execute(w, data)
}

var page = template.Must(template.New("brief").Funcs(template.FuncMap{
	"date":  func(t time.Time) string { return t.Format(time.DateOnly) },
	"dates": dates,
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
@page { size: A4 portrait; margin: 15mm; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.3; color: #000; margin: 0 auto; max-width: 180mm; }
h1 { font-size: 15pt; margin: 0 0 3mm 0; }
h2 { font-size: 11pt; margin: 4mm 0 2mm 0; }
.verdict { font-size: 13pt; font-weight: bold; margin: 0 0 1mm 0; }
.headline { margin: 0 0 3mm 0; }
.source { color: #555; font-size: 8pt; font-style: italic; }
ol { margin: 0; padding-left: 6mm; }
li { margin-bottom: 1.5mm; }
table { border-collapse: collapse; font-size: 8pt; width: 100%; }
th, td { border: 0.5pt solid #999; padding: 0.5mm 1mm; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.charts { page-break-before: always; break-before: page; }
.charts table, .charts td { border: none; padding: 0 1mm 2mm 0; }
.charts img { width: 87mm; height: auto; }
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
<table>
<tr><th>As of</th><th>Dates</th><th>Published</th><th>Ours</th><th>Filter</th><th>Verdict</th></tr>
{{- range .Tallies}}
<tr><td>{{date .AsOf}}</td><td>{{dates .}}</td><td class="n">{{.Published}}</td><td class="n">{{.Ours}}</td><td>{{.Filter}}</td><td>{{.Verdict}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- if .Through}}
<p class="footer">Data through {{.Through}}. Every number is a cell of the workbook report.xlsx; the source after each sentence names its sheet and row.</p>
{{- end}}
{{- if .Rows}}
<div class="charts">
<h2>Charts</h2>
<table>
{{- range .Rows}}
<tr>{{range .}}<td><img src="{{.URI}}" alt="{{.Title}}"></td>{{end}}</tr>
{{- end}}
</table>
</div>
{{- end}}
</body>
</html>
`))
