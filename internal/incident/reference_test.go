package incident

import (
	"reflect"
	"strings"
	"testing"
)

func TestLoadReferences(t *testing.T) {
	input := "\uFEFFAs_Of,since,published,wording,scope,source_url\n" +
		"2021-06-06,,39,\"\"\"at least 39 attacks\"\"\",\"embassy, bases\",https://a.example/1;https://b.example/2\n" +
		"2021-04-04,2021-01-20,14,14th attack,US interests,\n"
	refs, err := LoadReferences(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	want := []Reference{
		{Line: 2, AsOf: date("2021-06-06"), Since: date("2021-01-01"), Published: 39,
			Wording: `"at least 39 attacks"`, Scope: "embassy, bases",
			SourceURLs: []string{"https://a.example/1", "https://b.example/2"}},
		{Line: 3, AsOf: date("2021-04-04"), Since: date("2021-01-20"), Published: 14,
			Wording: "14th attack", Scope: "US interests"},
	}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("got  %+v\nwant %+v", refs, want)
	}
}

func TestLoadReferencesErrors(t *testing.T) {
	const header = "as_of,since,published\n"
	tests := []struct{ name, input, want string }{
		{"empty", "", "file is empty: want a header row, then one row per published tally"},
		{"column twice", "as_of,published,Published \n", `1:17: header: column "Published" appears twice (columns 2 and 3)`},
		{"missing column", "as_of,count\n", `missing required column published (columns found: "as_of", "count")`},
		{"bad date", header + "2021-06-31,,39\n", `2:1: as_of: "2021-06-31" is not a calendar date`},
		{"bad since", header + "2021-06-06,June,39\n", `2:12: since: cannot parse "June" as a date: want YYYY-MM-DD`},
		{"since after as_of", header + "2021-06-06,2021-07-01,39\n", "2:12: since: 2021-07-01 is after as_of 2021-06-06"},
		{"bad published", header + "2021-06-06,,about 40\n", `2:13: published: cannot parse "about 40" as a number`},
		{"empty published", header + "2021-06-06,,\n", "2:13: published: required value is empty"},
		{"field count", header + "2021-06-06,39\n", "2:12: row: row has 2 fields but the header has 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadReferences(strings.NewReader(tt.input))
			if err == nil {
				t.Fatal("LoadReferences succeeded, want an error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q, want %q", got, tt.want)
			}
		})
	}
}
