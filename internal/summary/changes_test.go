package summary

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"report/internal/changes"
)

// TestChangesRoundTrip writes a changes section and reads it back; a count
// not reported is null, lists are empty, never null.
func TestChangesRoundTrip(t *testing.T) {
	c := &changes.Changes{
		Before: 2, After: 2,
		Added: []changes.Row{{ID: "A04", Date: "2021-02-20", Precision: "day", Month: "2021-02", Site: "Union III",
			Weapon: "drone", Munitions: "1", Outcome: "intercepted", Confidence: "low"}},
		Removed: []changes.Row{{ID: "A03", Date: "2021-03-03", Precision: "day", Month: "2021-03", Site: "Ain al-Asad",
			Weapon: "rocket", Munitions: "10", Killed: "0"}},
		ByMonth: []changes.MonthDelta{{Month: "2021-02", Before: 1, After: 2, Delta: 1}, {Month: "2021-03", Before: 1, After: 0, Delta: -1}},
	}
	f := &File{Changes: NewChanges("out-march", c)}
	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"previous": "out-march"`, `"intercepted": null`, `"killed": 0`, `"edited": []`, `"delta": -1`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("summary.json lacks %s:\n%s", want, buf.String())
		}
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Changes, f.Changes) {
		t.Errorf("read back:\n got %+v\nwant %+v", got.Changes, f.Changes)
	}

	buf.Reset()
	if err := Write(&buf, &File{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"changes": null`) {
		t.Errorf("no -previous: summary.json lacks \"changes\": null:\n%s", buf.String())
	}
}
