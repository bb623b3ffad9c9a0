package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"report/internal/changes"
	"report/internal/incident"
	"report/internal/summary"
	"report/internal/workbook"
)

// snapshot is a run's incidents snapshot (see package changes), written
// into a temporary file as the rows are read, then compared with the
// -previous report's and copied into the report with the other files.
type snapshot struct {
	file *os.File
	w    *changes.Writer
}

func newSnapshot() (*snapshot, error) {
	f, err := os.CreateTemp("", "report-snapshot-*.csv")
	if err != nil {
		return nil, fmt.Errorf("cannot make a temporary file: %w", err)
	}
	return &snapshot{file: f, w: changes.NewWriter(f)}, nil
}

// add writes a counted row; it ignores the others.
func (s *snapshot) add(row *incident.Row) error {
	if row.Status != incident.Counted {
		return nil
	}
	if err := s.w.Add(&row.Incident); err != nil {
		return fmt.Errorf("cannot write a temporary file: %w", err)
	}
	return nil
}

// finish writes what is buffered, once every row was added.
func (s *snapshot) finish() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("cannot write a temporary file: %w", err)
	}
	return nil
}

// reader returns the finished snapshot from its start.
func (s *snapshot) reader() (io.Reader, error) {
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("cannot read a temporary file: %w", err)
	}
	return bufio.NewReaderSize(s.file, 64<<10), nil
}

// writeTo copies the finished snapshot to w, for outputs.write.
func (s *snapshot) writeTo(w io.Writer) (int64, error) {
	r, err := s.reader()
	if err != nil {
		return 0, err
	}
	return io.Copy(w, r)
}

// close removes the temporary file. It is safe on a nil snapshot and more
// than once.
func (s *snapshot) close() {
	if s == nil || s.file == nil {
		return
	}
	s.file.Close()
	os.Remove(s.file.Name())
	s.file = nil
}

// previousPath returns the snapshot of the report in dir.
func previousPath(dir string) string { return filepath.Join(dir, changes.FileName) }

// checkPrevious fails early, before the input is read, when -previous
// names a directory without a snapshot.
func checkPrevious(dir string) error {
	if dir == "" {
		return nil
	}
	if _, err := os.Stat(previousPath(dir)); err != nil {
		return previousError(dir, err)
	}
	return nil
}

func previousError(dir string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("-previous %s: no %s there (an earlier run writes it)", dir, changes.FileName)
	}
	return fmt.Errorf("-previous %s: %w", dir, err)
}

// comparison is what changed since the report in previous.
type comparison struct {
	previous string
	c        *changes.Changes
}

// compareSnapshot finishes the run's snapshot and, when previous names a
// directory, compares the snapshot there with it; nil when there is none
// to compare with.
func compareSnapshot(s *snapshot, previous string) (*comparison, error) {
	if err := s.finish(); err != nil {
		return nil, err
	}
	if previous == "" {
		return nil, nil
	}
	path := previousPath(previous)
	f, err := os.Open(path)
	if err != nil {
		return nil, previousError(previous, err)
	}
	defer f.Close()
	cur, err := s.reader()
	if err != nil {
		return nil, err
	}
	c, err := changes.Compare(bufio.NewReaderSize(f, 64<<10), cur)
	var pe *changes.ParseError
	switch {
	case errors.As(err, &pe) && pe.Snapshot == "previous" && pe.Line > 0:
		return nil, fmt.Errorf("-previous %s: %s:%d: %w", previous, path, pe.Line, pe.Err)
	case errors.As(err, &pe) && pe.Snapshot == "previous":
		return nil, fmt.Errorf("-previous %s: %s: %w", previous, path, pe.Err)
	case err != nil:
		return nil, fmt.Errorf("this run's snapshot: %w", err) // a bug: the run wrote it
	}
	return &comparison{previous, c}, nil
}

// workbook returns the Changes sheet's content; nil (no sheet) on a nil
// comparison.
func (cm *comparison) workbook() *workbook.Changes {
	if cm == nil {
		return nil
	}
	return &workbook.Changes{Previous: cm.previous, Changes: cm.c}
}

// summary returns summary.json's "changes"; nil (null) on a nil
// comparison.
func (cm *comparison) summary() *summary.Changes {
	if cm == nil {
		return nil
	}
	return summary.NewChanges(cm.previous, cm.c)
}

// print writes one line of what changed, as "since out-march: 1 added,
// 0 removed, 2 edited; by month: 2021-02 +1, 2021-03 -1"; nothing on a nil
// comparison.
func (cm *comparison) print(w io.Writer) {
	if cm == nil {
		return
	}
	c := cm.c
	if c.Empty() {
		fmt.Fprintf(w, "since %s: no changes (see Changes)\n", cm.previous)
		return
	}
	var months []string
	for _, m := range c.ByMonth {
		if m.Delta != 0 {
			months = append(months, fmt.Sprintf("%s %+d", m.Month, m.Delta))
		}
	}
	by := ""
	if len(months) > 0 {
		by = "; by month: " + strings.Join(months, ", ")
	}
	fmt.Fprintf(w, "since %s: %d added, %d removed, %d edited%s (see Changes)\n",
		cm.previous, len(c.Added), len(c.Removed), len(c.Edited), by)
}
