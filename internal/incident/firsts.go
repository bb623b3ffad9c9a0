package incident

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
)

// firstRows keeps, in a temporary file, the values of every row that was
// the first to have its id, so that a later row with the same id can be
// told identical to it or not, field by field, without holding the rows
// in memory. The file is made on first use and removed by close.
type firstRows struct {
	file *os.File
	w    *bufio.Writer
	size int64
	buf  []byte
	err  error
}

// next returns where put will store the next record.
func (f *firstRows) next() uint64 { return uint64(f.size) }

// put stores a record and returns where.
func (f *firstRows) put(rec []string) uint64 {
	if f.err != nil {
		return 0
	}
	if f.file == nil {
		if f.file, f.err = os.CreateTemp("", "report-ids-*"); f.err != nil {
			return 0
		}
		f.w = bufio.NewWriterSize(f.file, 256<<10)
	}
	body := f.buf[:0]
	body = binary.AppendUvarint(body, uint64(len(rec)))
	for _, v := range rec {
		body = binary.AppendUvarint(body, uint64(len(v)))
		body = append(body, v...)
	}
	var head [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(head[:], uint64(len(body)))
	off := uint64(f.size)
	f.w.Write(head[:n])
	f.w.Write(body)
	f.size += int64(n + len(body))
	f.buf = body
	return off
}

// get returns the record stored at off.
func (f *firstRows) get(off uint64) ([]string, error) {
	if f.err != nil {
		return nil, f.err
	}
	if err := f.w.Flush(); err != nil {
		return nil, err
	}
	var head [binary.MaxVarintLen64]byte
	n, _ := f.file.ReadAt(head[:], int64(off))
	size, k := binary.Uvarint(head[:n])
	if k <= 0 {
		return nil, fmt.Errorf("ids file: bad record at %d", off)
	}
	body := make([]byte, size)
	if _, err := f.file.ReadAt(body, int64(off)+int64(k)); err != nil {
		return nil, fmt.Errorf("ids file: %w", err)
	}
	count, k := binary.Uvarint(body)
	body = body[k:]
	rec := make([]string, 0, count)
	for range count {
		l, k := binary.Uvarint(body)
		rec = append(rec, string(body[k:k+int(l)]))
		body = body[k+int(l):]
	}
	return rec, nil
}

// close removes the file.
func (f *firstRows) close() {
	if f.file != nil {
		f.file.Close()
		os.Remove(f.file.Name())
		f.file = nil
	}
}

// differing returns the names of the columns whose values, trimmed,
// differ between two records of one header.
func differing(header, a, b []string) []string {
	var names []string
	for i := range header {
		var x, y string
		if i < len(a) {
			x = strings.TrimSpace(a[i])
		}
		if i < len(b) {
			y = strings.TrimSpace(b[i])
		}
		if x != y {
			names = append(names, strings.TrimSpace(header[i]))
		}
	}
	return names
}
