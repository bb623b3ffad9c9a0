package main

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressDelay is how long a run goes before it shows a progress bar:
// work shorter than that needs none.
const progressDelay = time.Second

// progress shows a bar on standard error while a long run reads its input
// (bytes read against the file's size) and then writes each output. It
// shows nothing when standard error is not a terminal, with -q, or in the
// first progressDelay. Its methods are safe on a nil or disabled progress.
type progress struct {
	mu    sync.Mutex
	out   io.Writer
	size  int64
	start time.Time
	done  int64
	bar   *progressbar.ProgressBar
	label string
}

// newProgress returns a progress on stderr for an input of size bytes;
// nil when there is to be none.
func newProgress(stderr io.Writer, quiet bool, size int64) *progress {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progress{out: stderr, size: size, start: time.Now(), label: "reading"}
}

// reader counts the bytes read from r.
func (p *progress) reader(r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return readCounter{r, p}
}

type readCounter struct {
	r io.Reader
	p *progress
}

func (c readCounter) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.add(int64(n))
	return n, err
}

func (p *progress) add(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if p.bar == nil && time.Since(p.start) >= progressDelay {
		p.bar = progressbar.NewOptions64(p.size,
			progressbar.OptionSetWriter(p.out),
			progressbar.OptionSetDescription(p.label),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetPredictTime(true))
		p.bar.Set64(p.done)
		return
	}
	if p.bar != nil {
		p.bar.Add64(n)
	}
}

// stage says what the run does now that reading is over: "charts",
// "workbook". A bar is shown for it only if the run has gone on long
// enough.
func (p *progress) stage(label string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.label = "writing " + label
	if p.bar == nil && time.Since(p.start) >= progressDelay {
		p.bar = progressbar.NewOptions64(-1, progressbar.OptionSetWriter(p.out),
			progressbar.OptionSetDescription(p.label), progressbar.OptionClearOnFinish(),
			progressbar.OptionSpinnerType(14))
	}
	if p.bar != nil {
		p.bar.Describe(p.label)
		p.bar.Add64(0)
	}
}

// finish clears the bar. It is safe to call more than once.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
		p.bar = nil
	}
	p.start = time.Now().Add(24 * time.Hour) // no bar after this
}
