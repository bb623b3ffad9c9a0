package incident

import (
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestProbableDuplicates(t *testing.T) {
	input := "id,date,site,weapon,target_type,place,source\n" +
		"A1,2021-01-01,Balad Air Base,rocket,military_base,,AFP\n" + // 2
		"A2,2021-01-02,Balad Air Base,rocket,military_base,,Reuters\n" + // 3: of 2, a day apart
		"A3,2021-01-02,Balad Air Base,drone,military_base,,AP\n" + // 4: another weapon
		"A4,2021-01-04,Balad Air Base,rocket,military_base,,AP\n" + // 5: two days after 3
		"C1,2021-01-05,\"Supply route, Babil\",ied,convoy,Hilla,Shafaq\n" + // 6
		"C2,2021-01-05,\"Supply route, Babil\",ied,convoy,hilla,Mehr\n" + // 7: of 6, same town
		"C3,2021-01-05,\"Supply route, Babil\",ied,convoy,Musayyib,Mehr\n" + // 8: another town: real
		"C4,2021-01-05,\"Supply route, Babil\",ied,convoy,,Mehr\n" + // 9: no town: not told
		",2021-01-01,Balad Air Base,rocket,military_base,,\n" + // 10: no id nor source, of 2
		"C5,2021-01-06,\"Supply route, Babil\",ied,convoy,Hilla,Mehr\n" + // 11: a convoy the next day
		"A5,2021-01-02,Balad Air Base,rocket,military_base,,AFP\n" // 12: AFP's second attack: of 3
	for _, merge := range []bool{false, true} {
		rd, err := NewReader(strings.NewReader(input), Options{MergeProbable: merge})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for {
			row, err := rd.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case row.Probable != nil:
				got = append(got, row.Probable.Reason())
			case row.Status == Duplicate:
				got = append(got, row.Problems[0].String())
			}
		}
		want := []string{
			"probable duplicate of line 2: another id and source, but the same site, the same weapon (rocket) and dates a day apart",
			"probable duplicate of line 6: another id and source, but the same site, the same weapon (ied) and dates the same day",
			"probable duplicate of line 2: another id and source, but the same site, the same weapon (rocket) and dates the same day",
			"probable duplicate of line 3: another id and source, but the same site, the same weapon (rocket) and dates the same day",
		}
		acct := Accounting{Read: 11, Counted: 11}
		if merge {
			for i, w := range want {
				line := []int{3, 7, 10, 12}[i]
				want[i] = strings.Replace(w, "probable", strconv.Itoa(line)+":1: site: probable", 1) + " (merged by -merge-probable)"
			}
			acct = Accounting{Read: 11, Counted: 7, Duplicates: 4}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("merge %v:\n%s\nwant:\n%s", merge, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if rd.Rows() != acct {
			t.Errorf("merge %v: rows %v, want %v", merge, rd.Rows(), acct)
		}
	}
}

func TestGazetteerInReader(t *testing.T) {
	f, err := os.Open("../../data/sites.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := LoadGazetteer(f)
	if err != nil {
		t.Fatal(err)
	}
	input := "date,site,weapon,province\n" +
		"2021-06-06,Al Asad Airbase,drone,\n" +
		"2021-06-07,BIAP,rocket,Baghdad\n" +
		"2021-06-08,Forward Base X,rocket,\n"
	ds, err := Load(strings.NewReader(input), Options{Sites: g})
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := ds.Incidents[0], ds.Incidents[1], ds.Incidents[2]
	if a.Site != "Ain al-Asad Air Base" || a.Province != "Anbar" || a.Position == nil || a.TargetType != MilitaryBase || !a.KnownSite {
		t.Errorf("Al Asad Airbase = %+v", a)
	}
	if b.Group != "Baghdad airport complex" || b.Province != "Baghdad" {
		t.Errorf("BIAP = %+v", b)
	}
	if c.Site != "Forward Base X" || c.Group != "Forward Base X" || c.KnownSite || c.Position != nil {
		t.Errorf("unknown site = %+v", c)
	}
	rd, err := readAll(t, input, Options{Sites: g})
	if err != nil {
		t.Fatal(err)
	}
	if got := rd.UnknownSites(); len(got) != 1 || got[0] != (TermCount{Term: "Forward Base X", Rows: 1, FirstLine: 4}) {
		t.Errorf("UnknownSites = %+v", got)
	}
}
