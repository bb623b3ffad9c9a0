package changes

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"report/internal/incident"
)

// snapshotOf writes a snapshot of n made-up counted incidents.
func snapshotOf(tb testing.TB, n int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	day := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		inc := incident.Incident{ID: fmt.Sprintf("R%07d", i), Date: day.AddDate(0, 0, i%3650),
			Site: "Ain al-Asad Air Base", Province: "Anbar", Country: "Iraq", TargetType: incident.MilitaryBase,
			Weapon: incident.Rocket, Munitions: incident.Count{N: 1 + i%14, Known: true},
			Killed: incident.Count{N: 0, Known: true}, Outcome: incident.Executed, Confidence: incident.High}
		if err := w.Add(&inc); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkWriter(b *testing.B) {
	inc := incident.Incident{ID: "R0000001", Date: time.Date(2021, 3, 3, 0, 0, 0, 0, time.UTC),
		Site: "Ain al-Asad Air Base", Province: "Anbar", Country: "Iraq", TargetType: incident.MilitaryBase,
		Weapon: incident.Rocket, Munitions: incident.Count{N: 10, Known: true}, Outcome: incident.Executed, Confidence: incident.High}
	w := NewWriter(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Add(&inc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompare compares two snapshots of 100,000 rows that are the
// same: the cost of a run's -previous on a big file.
func BenchmarkCompare(b *testing.B) {
	snap := snapshotOf(b, 100_000)
	b.SetBytes(int64(len(snap)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(bytes.NewReader(snap), bytes.NewReader(snap)); err != nil {
			b.Fatal(err)
		}
	}
}
