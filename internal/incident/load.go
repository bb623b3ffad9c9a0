package incident

import (
	"io"
	"strings"
)

// Dataset is a whole incident file in memory, as Load reads it. The
// report itself reads row by row with a Reader; Load is for small files
// and tests.
type Dataset struct {
	// Header holds the header's column names as written, in file order.
	Header []string
	// ExtraColumns names the columns outside the schema, as written, in
	// file order; Incident.Extra follows this order. A column with an empty
	// header is named "column N" (N counted from 1), or dropped when it
	// holds no value in any row.
	ExtraColumns []string
	// Incidents are the counted rows, in file order.
	Incidents []Incident
	// Problems are the excluded, duplicate and rejected rows, in file
	// order; a rejected row has one Problem per bad field.
	Problems []Problem
	Rows     Accounting
}

// Load reads a whole incident CSV from r with a Reader. Row problems do
// not stop it: they are recorded in Dataset.Problems and counted in
// Dataset.Rows. Load returns an error only for a problem with the whole
// file: a read error, an empty file (ErrEmpty), a header it cannot use
// (*PositionError, *MissingColumnsError) or no data rows (ErrNoRows).
func Load(r io.Reader, opts Options) (*Dataset, error) {
	rd, err := NewReader(r, opts)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	ds := &Dataset{Header: rd.Header(), ExtraColumns: rd.ExtraColumns()}
	for {
		row, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if row.Status == Counted {
			ds.Incidents = append(ds.Incidents, row.Incident)
		}
		for _, p := range row.Problems {
			p.Record = append([]string(nil), p.Record...)
			ds.Problems = append(ds.Problems, p)
		}
	}
	ds.Rows = rd.Rows()
	unnamed := make([]bool, len(rd.s.extra))
	for j, i := range rd.s.extra {
		unnamed[j] = strings.TrimSpace(rd.s.header[i]) == ""
	}
	ds.dropEmptyExtras(unnamed)
	return ds, nil
}

// dropEmptyExtras removes the extra columns with no header and no values.
func (ds *Dataset) dropEmptyExtras(unnamed []bool) {
	var keep []int
	for j := range ds.ExtraColumns {
		used := !unnamed[j]
		for k := 0; !used && k < len(ds.Incidents); k++ {
			used = ds.Incidents[k].Extra[j] != ""
		}
		if used {
			keep = append(keep, j)
		}
	}
	if len(keep) == len(ds.ExtraColumns) {
		return
	}
	names := make([]string, len(keep))
	for k, j := range keep {
		names[k] = ds.ExtraColumns[j]
	}
	ds.ExtraColumns = names
	for n := range ds.Incidents {
		inc := &ds.Incidents[n]
		kept := make([]string, len(keep))
		for k, j := range keep {
			kept[k] = inc.Extra[j]
		}
		inc.Extra = kept
	}
}
