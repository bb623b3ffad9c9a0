package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRun times a whole run, every output included, on a synthetic
// file of 10,000 incidents over 2021. scripts/time-run times the binary on
// larger files.
func BenchmarkRun(b *testing.B) {
	dir := b.TempDir()
	in := filepath.Join(dir, "incidents.csv")
	var sb strings.Builder
	sb.WriteString("id,date,time,site,target_type,weapon,munitions,intercepted,killed,wounded,source_url,notes\n")
	weapons := []string{"rocket", "drone", "ied", "mortar", "small_arms", "other"}
	for i := range 10000 {
		fmt.Fprintf(&sb, "S%d,2021-%02d-%02d,%02d:%02d,Site %d,military_base,%s,3,%d,0,%d,https://example.org/%d,\"synthetic, row %d\"\n",
			i, 1+i%12, 1+i%28, i%24, i%60, i%300, weapons[i%len(weapons)], i%3, i%2, i, i)
	}
	if err := os.WriteFile(in, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := run(b.Context(), []string{"-in", in, "-refs", "../../data/references.csv", "-out", filepath.Join(dir, "out")}, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
