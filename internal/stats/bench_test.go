package stats

import (
	"fmt"
	"testing"
	"time"

	"report/internal/incident"
)

func BenchmarkSummarize(b *testing.B) {
	for _, n := range []int{1000, 1_000_000} {
		incs := make([]incident.Incident, n)
		start := d("2010-01-01")
		for i := range incs {
			incs[i] = incident.Incident{
				Date:      start.Add(time.Duration(i%5000) * 24 * time.Hour),
				Site:      fmt.Sprintf("Site %d", i%300),
				Weapon:    incident.Weapon(i % incident.NumWeapons),
				Munitions: incident.Count{N: 1 + i%4, Known: true},
			}
		}
		refs := []incident.Reference{{AsOf: d("2015-06-01"), Since: d("2015-01-01"), Published: 10}}
		b.Run(fmt.Sprintf("incidents=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Summarize(incs, refs, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
