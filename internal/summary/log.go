package summary

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"report/internal/incident"
)

// ProblemLog holds a run's problems for summary.json in temporary files
// rather than in memory, since a big file may have a million bad rows.
// Set it as File.Log: Write then copies the problems (and the probable
// duplicates) in, giving the same bytes as with them in File's lists.
type ProblemLog struct {
	parts [4]logPart // rejected, duplicates, excluded, probable_duplicates
}

type logPart struct {
	file *os.File
	w    *bufio.Writer
	n    int
	buf  []byte
}

// NewProblemLog returns a log in temporary files in dir ("" for the
// system's); Close removes them.
func NewProblemLog(dir string) (*ProblemLog, error) {
	l := &ProblemLog{}
	for i := range l.parts {
		f, err := os.CreateTemp(dir, "report-problems-*.json")
		if err != nil {
			l.Close()
			return nil, err
		}
		l.parts[i] = logPart{file: f, w: bufio.NewWriterSize(f, 64<<10)}
	}
	return l, nil
}

// Add logs a problem under its status; a counted row's is ignored.
func (l *ProblemLog) Add(p *incident.Problem) error {
	i := -1
	switch p.Status {
	case incident.Rejected:
		i = 0
	case incident.Duplicate:
		i = 1
	case incident.Excluded:
		i = 2
	}
	if i < 0 {
		return nil
	}
	return l.parts[i].add(problemOf(p))
}

// AddPair logs a probable duplicate. It writes the JSON by hand, as
// encoding/json indents it, since a big file of dense incidents has
// hundreds of thousands of pairs.
func (l *ProblemLog) AddPair(p Pair) error {
	part := &l.parts[3]
	site, err := json.Marshal(p.Site)
	if err != nil {
		return err
	}
	b := part.buf[:0]
	if part.n > 0 {
		b = append(b, ",\n"...)
	}
	part.n++
	b = append(b, "    {\n      \"line\": "...)
	b = strconv.AppendInt(b, int64(p.Line), 10)
	b = append(b, ",\n      \"of_line\": "...)
	b = strconv.AppendInt(b, int64(p.OfLine), 10)
	b = append(b, ",\n      \"site\": "...)
	b = append(b, site...)
	b = append(b, ",\n      \"weapon\": \""...)
	b = append(b, p.Weapon...) // a weapon code: no escaping
	b = append(b, "\",\n      \"date\": \""...)
	b = time.Time(p.Date).AppendFormat(b, time.DateOnly)
	b = append(b, "\",\n      \"of_date\": \""...)
	b = time.Time(p.OfDate).AppendFormat(b, time.DateOnly)
	b = append(b, "\"\n    }"...)
	part.buf = b
	_, err = part.w.Write(b)
	return err
}

// add appends one element to the part's JSON list.
func (part *logPart) add(v any) error {
	b, err := json.MarshalIndent(v, "    ", "  ")
	if err != nil {
		return err
	}
	if part.n > 0 {
		part.w.WriteString(",\n")
	}
	part.n++
	part.w.WriteString("    ")
	_, err = part.w.Write(b)
	return err
}

// Close removes the temporary files. It is safe to call more than once.
func (l *ProblemLog) Close() {
	for i := range l.parts {
		if f := l.parts[i].file; f != nil {
			f.Close()
			os.Remove(f.Name())
			l.parts[i].file = nil
		}
	}
}

// writeWithLog writes f, whose problem lists must be empty, with the
// problems of its log put in.
func writeWithLog(w io.Writer, f *File) error {
	if len(f.Rejected)+len(f.Duplicates)+len(f.Excluded)+len(f.ProbableDuplicates) > 0 {
		return errors.New("summary: problems both in the lists and in a log")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	out := buf.Bytes()
	for i, key := range []string{"rejected", "duplicates", "excluded", "probable_duplicates"} {
		empty := []byte("\n  \"" + key + "\": [],")
		at := bytes.Index(out, empty)
		if at < 0 {
			return fmt.Errorf("summary: no %s list to fill", key)
		}
		if _, err := w.Write(out[:at]); err != nil {
			return err
		}
		out = out[at+len(empty):]
		part := &f.Log.parts[i]
		if part.n == 0 {
			if _, err := w.Write(empty); err != nil {
				return err
			}
			continue
		}
		if err := part.w.Flush(); err != nil {
			return err
		}
		if _, err := part.file.Seek(0, io.SeekStart); err != nil {
			return err
		}
		fmt.Fprintf(w, "\n  %q: [\n", key)
		if _, err := io.Copy(w, part.file); err != nil {
			return err
		}
		if _, err := io.WriteString(w, "\n  ],"); err != nil {
			return err
		}
	}
	_, err := w.Write(out)
	return err
}
