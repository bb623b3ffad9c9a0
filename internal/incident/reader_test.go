package incident

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
)

// loadWith loads data with the given workers and chunk size.
func loadWith(tb testing.TB, data []byte, workers, chunk int) (*Dataset, error) {
	tb.Helper()
	return Load(bytes.NewReader(data), Options{Workers: workers, ChunkSize: chunk})
}

// TestReaderChunks reads files cut into chunks of every size from 1 byte
// to past the file's end, by one and by three workers, and checks that
// every way gives what reading in one piece gives: cuts inside quoted
// values that span lines, and quotes that fool the cutter, included.
func TestReaderChunks(t *testing.T) {
	inputs := map[string]string{
		"quoted lines": "id,date,site,weapon,notes\n" +
			"A,2021-01-01,\"Camp\nVictory\",rocket,\"a \"\"b\"\"\nc\"\n" +
			"B,2021-01-02,Balad,drone,\n\n" +
			"A,2021-01-03,Balad,ied,\"dup,\nof A\"\r\n" +
			"C,2021-01-04,Erbil,laser,x\n",
		// A bare quote makes the quote count odd where csv is outside
		// quotes, so cuts by count fall inside csv's quoted values.
		"bare quote": "date,site,weapon\n" +
			"2021-01-01,Ba\"lad,rocket\n" +
			"2021-01-02,\"x\ny\",rocket\n" +
			"2021-01-03,\"p\nq\",rocket\n" +
			"2021-01-04,Erbil,drone\n",
		"quote error": "date,site,weapon\n" +
			"2021-01-01,\"ab\"c,rocket\n" +
			"2021-01-02,\"open\nstill\n" +
			"2021-01-03,Balad,rocket\n",
		"open at end": "date,site,weapon\n2021-01-01,Balad,rocket\n2021-01-02,\"open,\nrocket\n",
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			want, werr := loadWith(t, []byte(in), 1, 1<<20)
			for chunk := 1; chunk <= len(in)+1; chunk++ {
				for _, workers := range []int{1, 3} {
					got, err := loadWith(t, []byte(in), workers, chunk)
					if !reflect.DeepEqual(err, werr) || !reflect.DeepEqual(got, want) {
						t.Fatalf("chunk %d, %d workers:\n got %+v, %v\nwant %+v, %v", chunk, workers, got, err, want, werr)
					}
				}
			}
		})
	}
}

func TestRecordOpen(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"a,b\n", false},
		{"\"a\nb\n", true},
		{"\"a\"\"\n", true},
		{"\"a\"\"\"\n", false},
		{"x,\"a,\nb\",c\n", false},
		{"x,\"a,\nb\n", true},
		{"x\"y,\"a\n", false}, // a bare quote ends the record with its line
		{"\"ab\"c,\"d\n", false},
		{"\n\r\n\"open\n", true},
		{"", false},
		{"a,b,", false},
	}
	for _, tt := range tests {
		if got := recordOpen([]byte(tt.in), ','); got != tt.want {
			t.Errorf("recordOpen(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCutPoint(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"a\nb\n", 4},
		{"a\nb", 2},
		{"\"a\nb\n", -1},
		{"x\n\"a\nb\n", 2},
		{"x\n\"a\nb\"\nc", 8},
		{"abc", -1},
	}
	for _, tt := range tests {
		if got := cutPoint([]byte(tt.in)); got != tt.want {
			t.Errorf("cutPoint(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// FuzzReaderChunks checks that reading in small chunks by several
// workers gives exactly what reading in one piece gives, on any bytes.
func FuzzReaderChunks(f *testing.F) {
	f.Add([]byte("date,site,weapon\n2021-01-01,\"a\nb\",rocket\n2021-01-02,x\"y,drone\n"), uint8(7))
	f.Add([]byte("id,date,site,weapon\nA,2021-01-01,\"x\",rocket\nA,2021-01-01,\"x\"\"\n,\",rocket\n"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		want, werr := loadWith(t, data, 1, 1<<20)
		got, err := loadWith(t, data, 3, int(chunk)+1)
		if !reflect.DeepEqual(err, werr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("chunk %d:\n got %+v, %v\nwant %+v, %v", int(chunk)+1, got, err, want, werr)
		}
	})
}

// TestReaderClose stops reading early without leaving goroutines blocked.
func TestReaderClose(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("date,site,weapon\n")
	for range 5000 {
		sb.WriteString("2021-01-01,Balad,rocket\n")
	}
	r, err := NewReader(strings.NewReader(sb.String()), Options{Workers: 2, ChunkSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		if _, err := r.Read(); err != nil {
			t.Fatal(err)
		}
	}
	r.Close()
	r.Close()
	if got := r.Rows().Read; got != 10 {
		t.Errorf("Rows().Read = %d, want 10", got)
	}
}

// TestReaderEnd returns io.EOF after the last row, and again after that.
func TestReaderEnd(t *testing.T) {
	r, err := NewReader(strings.NewReader("date,site,weapon\n2021-01-01,Balad,rocket\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if row, err := r.Read(); err != nil || row.Status != Counted || row.Incident.Line != 2 {
		t.Fatalf("Read = %+v, %v; want a counted row on line 2", row, err)
	}
	for range 2 {
		if _, err := r.Read(); err != io.EOF {
			t.Fatalf("Read at the end = %v, want io.EOF", err)
		}
	}
}
