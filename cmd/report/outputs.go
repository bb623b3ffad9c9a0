package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// outputs writes report files under temporary names beside their final
// ones and renames them all into place only when every one was written, so
// a failed run leaves no half-written file and the previous report as it
// was.
type outputs struct {
	dir     string
	pending []pendingFile
	// written lists the final paths, once committed.
	written []string
}

type pendingFile struct{ tmp, final string }

func newOutputs(dir string) *outputs { return &outputs{dir: dir} }

// write creates name (a path relative to the output directory) under a
// temporary name and fills it with fill. Closing the file is part of
// writing it: a close error fails the write.
func (o *outputs) write(name string, fill func(io.Writer) (int64, error)) (err error) {
	final := filepath.Join(o.dir, name)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said below
		}
		return fmt.Errorf("cannot create output directory %s: %w", filepath.Dir(final), err)
	}
	f, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", final, err)
	}
	o.pending = append(o.pending, pendingFile{f.Name(), final})
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("cannot write %s: %w", final, cerr)
		}
	}()
	if _, err := fill(f); err != nil {
		return fmt.Errorf("cannot write %s: %w", final, err)
	}
	return nil
}

// commit renames every pending file into place.
func (o *outputs) commit() error {
	for i, p := range o.pending {
		if err := os.Chmod(p.tmp, 0o644); err != nil {
			return fmt.Errorf("cannot write %s: %w", p.final, err)
		}
		if err := os.Rename(p.tmp, p.final); err != nil {
			return fmt.Errorf("cannot write %s: %w", p.final, err)
		}
		o.pending[i].tmp = ""
		o.written = append(o.written, p.final)
	}
	o.pending = nil
	return nil
}

// discard removes the temporary files not yet committed.
func (o *outputs) discard() {
	for _, p := range o.pending {
		if p.tmp != "" {
			os.Remove(p.tmp)
		}
	}
	o.pending = nil
}
