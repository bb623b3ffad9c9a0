// Command recalccheck checks that the workbook's figures equal
// summary.json's twice over: as cached in report.xlsx (what a reader that
// does not recalculate shows) and as LibreOffice recalculates its formulas.
// It compares every count of By Month, By Site, By Weapon and Month x
// Weapon, and their Total rows, and prints each difference with its sheet,
// row and column; it exits 1 on any.
//
//	go run ./internal/recalccheck -summary out/summary.json -xlsx out/report.xlsx -csv DIR
//
// DIR holds LibreOffice's CSV of each sheet, report-<Sheet>.csv, made with
// recalculation on (.ci/run shows how). Months are matched by position,
// since LibreOffice writes them in the locale's words; sites and weapons by
// name, the Total rows by a first cell that starts with "Total".
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
	"report/internal/summary"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "recalccheck:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("recalccheck", flag.ContinueOnError)
	sum := fs.String("summary", "", "summary.json")
	book := fs.String("xlsx", "", "report.xlsx, for its cached values")
	dir := fs.String("csv", "", "the directory of LibreOffice's report-<Sheet>.csv")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *sum == "" || *book == "" || *dir == "" {
		return errors.New("-summary, -xlsx and -csv are all needed")
	}
	f, err := os.Open(*sum)
	if err != nil {
		return err
	}
	want, err := summary.Read(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *sum, err)
	}
	tables := expected(want)
	cached, err := workbookGrids(*book, tables)
	if err != nil {
		return err
	}
	recalculated, err := csvGrids(*dir, strings.TrimSuffix(filepath.Base(*book), ".xlsx"), tables)
	if err != nil {
		return err
	}
	checked := 0
	var problems []string
	for _, src := range []struct {
		name  string
		grids map[string][][]string
	}{{"cached", cached}, {"LibreOffice", recalculated}} {
		n, p := compare(src.name, tables, src.grids)
		checked += n
		problems = append(problems, p...)
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d of %d figures differ from summary.json", len(problems), checked)
	}
	fmt.Fprintf(stdout, "%d figures equal summary.json's, cached and recalculated by LibreOffice (%d each)\n", checked, checked/2)
	return nil
}

// table is what summary.json says a sheet shows.
type table struct {
	sheet string
	rows  []row
}

// row is one row of a sheet: found by its first cell, key, or when key is
// "" by its position, pos (1 for the first row under the header); name
// says which row it is in messages. figures are its numbers by column.
type row struct {
	key, name string
	pos       int
	figures   map[string]int
}

// expected returns the tables that summary.json describes.
func expected(s *summary.File) []table {
	weapons := func(m map[string]int, c summary.WeaponCounts) map[string]int {
		for w, n := range c {
			m[incident.Weapon(w).Label()] = n
		}
		return m
	}
	// counts are the figures of a By Month or By Weapon row.
	counts := func(incidents, munitions, intercepted, killed, wounded int) map[string]int {
		return map[string]int{"Incidents": incidents, "Munitions": munitions,
			"Intercepted": intercepted, "Killed": killed, "Wounded": wounded}
	}
	totals := func(t *summary.Totals) map[string]int {
		return weapons(counts(t.Incidents, t.Munitions, t.Intercepted, t.Killed, t.Wounded), t.ByWeapon)
	}
	month := table{sheet: "By Month"}
	cross := table{sheet: "Month x Weapon"}
	for i := range s.ByMonth {
		m := &s.ByMonth[i]
		month.rows = append(month.rows, row{name: m.Month, pos: i + 1, figures: totals(&m.Totals)})
		cross.rows = append(cross.rows, row{name: m.Month, pos: i + 1,
			figures: weapons(map[string]int{"Total": m.Incidents}, m.ByWeapon)})
	}
	site := table{sheet: "By Site"}
	for _, st := range s.BySite {
		site.rows = append(site.rows, row{key: st.Site, name: st.Site,
			figures: weapons(map[string]int{"Incidents": st.Incidents}, st.ByWeapon)})
	}
	weapon := table{sheet: "By Weapon"}
	for _, w := range s.ByWeapon {
		label := w.Weapon
		if x, ok := incident.ParseWeapon(w.Weapon); ok {
			label = x.Label()
		}
		weapon.rows = append(weapon.rows, row{key: label, name: label,
			figures: counts(w.Incidents, w.Munitions, w.Intercepted, w.Killed, w.Wounded)})
	}
	t := &s.Totals
	if t.Incidents > 0 {
		total := func(f map[string]int) row { return row{key: "Total", name: "Total", figures: f} }
		month.rows = append(month.rows, total(totals(t)))
		cross.rows = append(cross.rows, total(weapons(map[string]int{"Total": t.Incidents}, t.ByWeapon)))
		site.rows = append(site.rows, total(weapons(map[string]int{"Incidents": t.Incidents}, t.ByWeapon)))
		weapon.rows = append(weapon.rows, total(counts(t.Incidents, t.Munitions, t.Intercepted, t.Killed, t.Wounded)))
	}
	return []table{month, site, weapon, cross}
}

// compare checks the grids, by sheet name, against the tables, and returns
// how many figures it compared and a line for each that differs or is
// missing, naming src.
func compare(src string, tables []table, grids map[string][][]string) (checked int, problems []string) {
	for _, t := range tables {
		g := grids[t.sheet]
		if len(g) == 0 {
			problems = append(problems, fmt.Sprintf("%s: %s: no such sheet, or empty", src, t.sheet))
			continue
		}
		cols := map[string]int{}
		for j, h := range g[0] {
			if _, dup := cols[h]; !dup {
				cols[h] = j
			}
		}
		for _, r := range t.rows {
			cells := find(g, r)
			if cells == nil {
				problems = append(problems, fmt.Sprintf("%s: %s: no row %s", src, t.sheet, r.name))
				continue
			}
			for _, col := range slices.Sorted(maps.Keys(r.figures)) {
				checked++
				want := r.figures[col]
				j, ok := cols[col]
				got := ""
				if ok && j < len(cells) {
					got = strings.TrimSpace(cells[j])
				}
				if n, err := strconv.Atoi(got); err != nil || n != want {
					problems = append(problems, fmt.Sprintf("%s: %s, row %s, %s: %q, summary.json %d",
						src, t.sheet, r.name, col, got, want))
				}
			}
		}
	}
	return checked, problems
}

// find returns the cells of r in g, nil when it has none. The Total row
// is the last whose first cell starts with "Total" ("Total (12 sites)"),
// so that a site named "Total Camp" above it is not taken for it.
func find(g [][]string, r row) []string {
	if r.key == "" {
		if r.pos < len(g) {
			return g[r.pos]
		}
		return nil
	}
	if r.key == "Total" {
		for i := len(g) - 1; i > 0; i-- {
			if len(g[i]) > 0 && strings.HasPrefix(g[i][0], "Total") {
				return g[i]
			}
		}
		return nil
	}
	for _, cells := range g[1:] {
		if len(cells) > 0 && cells[0] == r.key {
			return cells
		}
	}
	return nil
}

// workbookGrids reads the tables' sheets of the workbook with their cached
// values, as a reader that does not recalculate shows them.
func workbookGrids(name string, tables []table) (map[string][][]string, error) {
	f, err := excelize.OpenFile(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	grids := map[string][][]string{}
	for _, t := range tables {
		rows, err := f.GetRows(t.sheet)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		grids[t.sheet] = rows
	}
	return grids, nil
}

// csvGrids reads LibreOffice's CSV of each of the tables' sheets,
// DIR/PREFIX-<Sheet>.csv.
func csvGrids(dir, prefix string, tables []table) (map[string][][]string, error) {
	grids := map[string][][]string{}
	for _, t := range tables {
		f, err := os.Open(filepath.Join(dir, prefix+"-"+t.sheet+".csv"))
		if err != nil {
			return nil, err
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			return nil, err
		}
		grids[t.sheet] = rows
	}
	return grids, nil
}
