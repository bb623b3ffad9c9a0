package incident

import (
	"bytes"
	"fmt"
	"testing"
)

// syntheticCSV returns n valid rows in the canonical schema.
func syntheticCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,date,time,country,province,site,target_type,weapon,munitions,intercepted,killed,wounded,outcome,confidence,source_url,notes\n")
	weapons := []string{"rocket", "drone", "ied", "mortar"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "R%d,20%02d-%02d-%02d,12:30,Iraq,Anbar,Site %d,military_base,%s,%d,%d,,0,executed,high,https://example.org/%d,\"a note, quoted\"\n",
			i, 10+i%15, 1+i%12, 1+i%28, i%200, weapons[i%len(weapons)], 3, i%3, i)
	}
	return b.Bytes()
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		data := syntheticCSV(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				ds, err := Load(bytes.NewReader(data), Options{})
				if err != nil || ds.Rows.Counted != n {
					b.Fatalf("Load: %v, %+v", err, ds.Rows)
				}
			}
		})
	}
}

// BenchmarkReader reads rows without keeping them, as the report does,
// on one worker and on two.
func BenchmarkReader(b *testing.B) {
	data := syntheticCSV(100_000)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				r, err := NewReader(bytes.NewReader(data), Options{Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := r.Read(); err != nil {
						break
					}
				}
				if got := r.Rows().Counted; got != 100_000 {
					b.Fatalf("counted %d", got)
				}
				r.Close()
			}
		})
	}
}
