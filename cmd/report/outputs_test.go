package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputsFailedRun writes two files, the second of which fails
// halfway: the earlier report must stay as it was and no temporary file
// may be left behind.
func TestOutputsFailedRun(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"report.xlsx", "summary.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("earlier "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o := newOutputs(dir)
	fill := func(s string) func(io.Writer) (int64, error) {
		return func(w io.Writer) (int64, error) { n, err := io.WriteString(w, s); return int64(n), err }
	}
	if err := o.write("report.xlsx", fill("new workbook")); err != nil {
		t.Fatal(err)
	}
	err := o.write("summary.json", func(w io.Writer) (int64, error) {
		io.WriteString(w, `{"input": `)
		return 0, errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "summary.json: disk full") {
		t.Fatalf("write = %v, want an error naming summary.json", err)
	}
	o.discard()
	for _, name := range []string{"report.xlsx", "summary.json"} {
		if data, _ := os.ReadFile(filepath.Join(dir, name)); string(data) != "earlier "+name {
			t.Errorf("%s = %q, want the earlier report", name, data)
		}
	}
	assertNoTempFiles(t, dir)
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries in the output directory, want 2", len(entries))
	}
}

// TestOutputsCommit renames every file into place, creating directories.
func TestOutputsCommit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	o := newOutputs(dir)
	for _, name := range []string{filepath.Join("charts", "a.png"), "b.json"} {
		if err := o.write(name, func(w io.Writer) (int64, error) { n, err := io.WriteString(w, name); return int64(n), err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.commit(); err != nil {
		t.Fatal(err)
	}
	o.discard() // a no-op after commit
	for _, name := range []string{filepath.Join("charts", "a.png"), "b.json"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(data) != name {
			t.Errorf("%s = %q, %v; want %q", name, data, err, name)
		}
	}
	if got, want := strings.Join(o.written, " "), filepath.Join(dir, "charts", "a.png")+" "+filepath.Join(dir, "b.json"); got != want {
		t.Errorf("written = %q, want %q", got, want)
	}
	assertNoTempFiles(t, dir)
}
