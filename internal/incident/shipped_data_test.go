package incident_test

// These tests keep the shipped data and the README's description of it in
// step. They read data/incidents.csv with encoding/csv, not with the
// package's loader, so that they check the file itself.

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const (
	shippedCSV    = "../../data/incidents.csv"
	shippedREADME = "../../README.md"
	// coverageHeading is the line of README.md above the coverage table.
	coverageHeading = "### Coverage against GTD"
)

// gtdEvents are the GTD ids of the events of January-June 2021 aimed at the
// coalition in Iraq (GTD January-June 2021 release), as listed in the
// project's research notes (shared/research/gtd-2021h1-coalition.md, which
// CI does not have). Every one must be on a row of data/incidents.csv.
var gtdEvents = []string{
	"202101040004", "202101050016", "202101080010", "202101180015", "202101180023",
	"202101200011", "202101210014", "202101210015", "202101220001", "202101220017",
	"202101220020", "202101310025", "202102040006", "202102060015", "202102060017",
	"202102080009", "202102100027", "202102110005", "202102150008", "202102150011",
	"202102150012", "202102150014", "202102170009", "202102180004", "202102180005",
	"202102180006", "202102200012", "202102220011", "202102220012", "202102250005",
	"202102270004", "202103020007", "202103030009", "202103030010", "202103030011",
	"202103110005", "202103110006", "202103130009", "202103150014", "202103150016",
	"202103150029", "202103180011", "202103180012", "202103180037", "202103200003",
	"202103210008", "202103250004", "202103250005", "202103290010", "202103290011",
	"202103300006", "202103310015", "202104010003", "202104040006", "202104050001",
	"202104050002", "202104050003", "202104070002", "202104070027", "202104070028",
	"202104070029", "202104080023", "202104110019", "202104130003", "202104140003",
	"202104140009", "202104140011", "202104140012", "202104140013", "202104150030",
	"202104170001", "202104180006", "202104220015", "202104220018", "202104250014",
	"202104270012", "202104270013", "202104270024", "202104270025", "202104290009",
	"202105020022", "202105020037", "202105020038", "202105030018", "202105030019",
	"202105040018", "202105040042", "202105060036", "202105060037", "202105080020",
	"202105100032", "202105110032", "202105130037", "202105140031", "202105180031",
	"202105180032", "202105230030", "202105230031", "202105230034", "202105230035",
	"202105240015", "202105250027", "202105250034", "202105270020", "202105270040",
	"202106030026", "202106060016", "202106060017", "202106080027", "202106090008",
	"202106090009", "202106130021", "202106130022", "202106140019", "202106150035",
	"202106150020", "202106160033", "202106160034", "202106160035", "202106200024",
	"202106210015", "202106260020", "202106260021", "202106260022",
}

// severalEvents are the documented exceptions to one GTD id a row: salvos
// that GTD records as one event per place hit and the data counts as one
// attack on one site (README, "The data").
var severalEvents = map[string][]string{
	"A01": {"202101220017", "202101220020"},
	"A02": {"202102150011", "202102150012", "202102150014"},
	"A04": {"202102220011", "202102220012"},
	"A12": {"202105030018", "202105030019"},
}

var gtdIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// shippedRow is a row of data/incidents.csv: its physical line and its
// fields by column name.
type shippedRow struct {
	line   int
	fields map[string]string
}

func (r shippedRow) get(col string) string { return strings.TrimSpace(r.fields[col]) }

// gtdIDs returns the row's GTD ids; several are separated by ";".
func (r shippedRow) gtdIDs() []string {
	var ids []string
	for id := range strings.SplitSeq(r.get("gtd_id"), ";") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

func readShipped(t *testing.T) []shippedRow {
	t.Helper()
	f, err := os.Open(shippedCSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		t.Fatalf("%s: header: %v", shippedCSV, err)
	}
	for i, h := range header {
		header[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
	}
	for _, col := range []string{"id", "date", "target_type", "outcome", "source_url", "gtd_id"} {
		if !slices.Contains(header, col) {
			t.Fatalf("%s: no column %q", shippedCSV, col)
		}
	}
	var rows []shippedRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", shippedCSV, err)
		}
		line, _ := cr.FieldPos(0)
		r := shippedRow{line: line, fields: make(map[string]string, len(header))}
		for i, v := range rec {
			r.fields[header[i]] = v
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", shippedCSV)
	}
	return rows
}

func readmeText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(shippedREADME)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestShippedSourceURLs(t *testing.T) {
	for _, r := range readShipped(t) {
		if r.get("source_url") == "" {
			t.Errorf("line %d (id %s): empty source_url", r.line, r.get("id"))
		}
	}
}

func TestShippedGTDIDs(t *testing.T) {
	rows := readShipped(t)
	seen := make(map[string]int) // GTD id -> line
	for _, r := range rows {
		ids := r.gtdIDs()
		for _, id := range ids {
			if !gtdIDPattern.MatchString(id) {
				t.Errorf("line %d (id %s): gtd_id %q is not 12 digits", r.line, r.get("id"), id)
			}
			if first, dup := seen[id]; dup {
				t.Errorf("line %d (id %s): GTD id %s is also on line %d", r.line, r.get("id"), id, first)
			}
			seen[id] = r.line
		}
		want, documented := severalEvents[r.get("id")]
		switch {
		case documented && !slices.Equal(ids, want):
			t.Errorf("line %d (id %s): gtd_id %q, want %q", r.line, r.get("id"), r.get("gtd_id"), strings.Join(want, ";"))
		case !documented && len(ids) > 1:
			t.Errorf("line %d (id %s): %d GTD ids on a row not in severalEvents", r.line, r.get("id"), len(ids))
		}
	}
	for _, id := range gtdEvents {
		if _, ok := seen[id]; !ok {
			t.Errorf("GTD event %s is on no row", id)
		}
	}
	for id, line := range seen {
		if !slices.Contains(gtdEvents, id) {
			t.Errorf("line %d: GTD id %s is not one of the GTD events of the research", line, id)
		}
	}
	if n := len(gtdEvents); n != 124 {
		t.Errorf("gtdEvents lists %d ids, want 124", n)
	}
}

// coverage is a row of the README's coverage table.
type coverage struct {
	gtdConvoy, gtdBase, oursConvoy, oursBase int
}

// shippedCoverage computes the coverage table from the data: GTD events by
// the month of their row and category, and the rows of January-June
// without a GTD id, with a "total" row.
func shippedCoverage(rows []shippedRow) map[string]coverage {
	cov := make(map[string]coverage)
	add := func(key string, f func(*coverage)) {
		c := cov[key]
		f(&c)
		cov[key] = c
	}
	for _, r := range rows {
		month := r.get("date")[:min(7, len(r.get("date")))]
		convoy := r.get("target_type") == "convoy"
		ids := r.gtdIDs()
		for _, key := range []string{month, "total"} {
			switch {
			case len(ids) > 0 && convoy:
				add(key, func(c *coverage) { c.gtdConvoy += len(ids) })
			case len(ids) > 0:
				add(key, func(c *coverage) { c.gtdBase += len(ids) })
			case month > "2021-06" || month < "2021-01":
				// Outside the GTD release: not in the table.
			case convoy:
				add(key, func(c *coverage) { c.oursConvoy++ })
			default:
				add(key, func(c *coverage) { c.oursBase++ })
			}
		}
	}
	for key, c := range cov {
		if c == (coverage{}) {
			delete(cov, key)
		}
	}
	return cov
}

// readmeCoverage parses the table under coverageHeading: a header row, a
// separator, then "| month | n | n | n | n |" rows.
func readmeCoverage(t *testing.T, readme string) map[string]coverage {
	t.Helper()
	_, after, ok := strings.Cut(readme, "\n"+coverageHeading+"\n")
	if !ok {
		t.Fatalf("README.md has no line %q", coverageHeading)
	}
	var table []string
	for _, line := range strings.Split(after, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "|") {
			table = append(table, line)
		} else if len(table) > 0 {
			break
		}
	}
	if len(table) < 3 {
		t.Fatalf("README.md: no table under %q", coverageHeading)
	}
	cov := make(map[string]coverage)
	for _, line := range table[2:] {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 5 {
			t.Fatalf("README.md coverage row %q: %d cells, want 5", line, len(cells))
		}
		var n [4]int
		for i, cell := range cells[1:] {
			v, err := strconv.Atoi(strings.TrimSpace(cell))
			if err != nil {
				t.Fatalf("README.md coverage row %q: %v", line, err)
			}
			n[i] = v
		}
		cov[strings.TrimSpace(cells[0])] = coverage{n[0], n[1], n[2], n[3]}
	}
	return cov
}

func TestShippedCoverageTable(t *testing.T) {
	got := shippedCoverage(readShipped(t))
	want := readmeCoverage(t, readmeText(t))
	keys := make([]string, 0, len(got)+len(want))
	for k := range got {
		keys = append(keys, k)
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, month := range keys {
		t.Run(month, func(t *testing.T) {
			g, w := got[month], want[month]
			for _, tc := range []struct {
				column     string
				data, told int
			}{
				{"GTD events, convoy", g.gtdConvoy, w.gtdConvoy},
				{"GTD events, base or diplomatic", g.gtdBase, w.gtdBase},
				{"ours not in GTD, convoy", g.oursConvoy, w.oursConvoy},
				{"ours not in GTD, base or diplomatic", g.oursBase, w.oursBase},
			} {
				if tc.data != tc.told {
					t.Errorf("%s: the data gives %d, README.md says %d", tc.column, tc.data, tc.told)
				}
			}
		})
	}
}

// TestShippedAccountingLine checks the sample accounting line of README.md
// against the rows: counted, excluded (outcome foiled) and duplicates (an
// id seen before). The data has no rejected rows; the loader's tests
// cover rejection.
func TestShippedAccountingLine(t *testing.T) {
	rows := readShipped(t)
	var counted, excluded, duplicates int
	ids := make(map[string]bool)
	for _, r := range rows {
		id := r.get("id")
		switch {
		case id != "" && ids[id]:
			duplicates++
		case strings.EqualFold(r.get("outcome"), "foiled"):
			excluded++
		default:
			counted++
		}
		ids[id] = id != ""
	}
	want := fmt.Sprintf("read %d rows: %d counted, %d excluded, %d duplicates, 0 rejected (see Data Quality)",
		len(rows), counted, excluded, duplicates)
	line := regexp.MustCompile(`(?m)^read \d+ rows: .*$`).FindString(readmeText(t))
	if line != want {
		t.Errorf("README.md accounting line\n%q\nthe data gives\n%q", line, want)
	}
}
