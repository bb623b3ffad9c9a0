package workbook

import (
	"bytes"
	"hash/crc32"
	"io"
	"os"
	"sync"

	"github.com/klauspost/compress/flate"
)

// deflateLevel is the compression of the streamed sheets: level 1 writes
// a sheet of a million rows several times faster than level 5 for a file
// about a third larger.
const deflateLevel = 1

// segmentSize is how much sheet XML is compressed at a time.
const segmentSize = 1 << 20

// deflated is raw deflate data in a temporary file, made of blocks that
// end on a byte boundary with no final block (flushed, not closed), so
// that it can sit in a zip entry between other such pieces: see
// zipSplicer. Writes are compressed a segment at a time on several
// goroutines and written to the file in order.
type deflated struct {
	file *os.File
	// crc, size are the CRC-32 and length of the data before
	// compression; csize the length after.
	crc         uint32
	size, csize int64

	buf   []byte
	queue chan *segment
	sem   chan struct{}
	done  chan error
}

type segment struct {
	raw  []byte
	out  bytes.Buffer
	done chan struct{}
}

var flaters = sync.Pool{New: func() any {
	w, err := flate.NewWriter(io.Discard, deflateLevel)
	if err != nil {
		panic(err)
	}
	return w
}}

var segments = sync.Pool{New: func() any { return &segment{raw: make([]byte, 0, segmentSize+64<<10)} }}

// newDeflated returns a deflated writing to a new temporary file in dir
// ("" for the system's), compressing on up to workers goroutines.
func newDeflated(dir string, workers int) (*deflated, error) {
	f, err := os.CreateTemp(dir, "report-sheet-*.deflate")
	if err != nil {
		return nil, err
	}
	d := &deflated{file: f, queue: make(chan *segment, 2*workers), sem: make(chan struct{}, workers), done: make(chan error, 1)}
	d.buf = segments.Get().(*segment).raw[:0]
	go d.writeOut()
	return d, nil
}

// Write takes sheet XML.
func (d *deflated) Write(p []byte) (int, error) {
	d.buf = append(d.buf, p...)
	if len(d.buf) >= segmentSize {
		d.dispatch()
	}
	return len(p), nil
}

// dispatch hands the filled buffer to a compressing goroutine.
func (d *deflated) dispatch() {
	s := segments.Get().(*segment)
	s.raw, d.buf = d.buf, s.raw[:0]
	s.out.Reset()
	s.done = make(chan struct{})
	d.sem <- struct{}{}
	d.queue <- s
	go func() {
		w := flaters.Get().(*flate.Writer)
		w.Reset(&s.out)
		w.Write(s.raw)
		w.Flush()
		flaters.Put(w)
		<-d.sem
		close(s.done)
	}()
}

// writeOut writes the compressed segments to the file in order.
func (d *deflated) writeOut() {
	var err error
	for s := range d.queue {
		<-s.done
		d.crc = crc32.Update(d.crc, crc32.IEEETable, s.raw)
		d.size += int64(len(s.raw))
		d.csize += int64(s.out.Len())
		if err == nil {
			_, err = d.file.Write(s.out.Bytes())
		}
		segments.Put(s)
	}
	d.done <- err
}

// finish compresses what is left and waits until all is in the file.
func (d *deflated) finish() error {
	if len(d.buf) > 0 {
		d.dispatch()
	}
	close(d.queue)
	if err := <-d.done; err != nil {
		return err
	}
	_, err := d.file.Seek(0, io.SeekStart)
	return err
}

// remove deletes the temporary file.
func (d *deflated) remove() {
	if d.file != nil {
		d.file.Close()
		os.Remove(d.file.Name())
		d.file = nil
	}
}

// deflateBytes compresses p into a flushed piece, or a closed (final) one.
func deflateBytes(p []byte, final bool) []byte {
	var b bytes.Buffer
	w := flaters.Get().(*flate.Writer)
	w.Reset(&b)
	w.Write(p)
	if final {
		w.Close()
	} else {
		w.Flush()
	}
	flaters.Put(w)
	return b.Bytes()
}

// crc32Combine returns the CRC-32 (IEEE) of A followed by B from crc1,
// that of A, crc2, that of B, and the length of B: zlib's
// crc32_combine, by squaring the matrix of one zero bit's effect.
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1
	}
	var even, odd [32]uint32
	odd[0] = 0xedb88320 // the reversed polynomial
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	square := func(dst, src *[32]uint32) {
		for n := 0; n < 32; n++ {
			dst[n] = times(src, src[n])
		}
	}
	square(&even, &odd) // two zero bits
	square(&odd, &even) // four zero bits
	for {
		square(&even, &odd)
		if len2&1 != 0 {
			crc1 = times(&even, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		square(&odd, &even)
		if len2&1 != 0 {
			crc1 = times(&odd, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}
