package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// zipSplicer is the excelize.ZipWriter of a report workbook (through
// excelize.File.SetZipWriter). It holds excelize's parts in memory, which
// are small, and at Close writes them to the output in name order, so the
// same workbook gives the same bytes, with these changes:
//   - into the sheets named in rows, after the header row excelize wrote,
//     it splices the rows streamed and compressed beforehand, and their
//     hyperlinks, if any, as a <hyperlinks> element in the sheet and
//     relationships in the sheet's .rels part;
//   - [Content_Types].xml, which excelize writes from a map, in an order
//     that changes from run to run, has its entries sorted;
//   - every entry has the same modification time, modified;
//   - the tables named in totals get their totals row (tableTotals), and
//     the formulas of the other sheets their numeric cached values
//     (numericFormulas), and charts what excelize misses (fixChart).
//
// It writes straight into out: excelize then hands its own buffer, left
// empty, to the writer it was given.
type zipSplicer struct {
	out      io.Writer
	modified time.Time
	parts    map[string]*bytes.Buffer
	// rows maps a sheet name to its streamed rows.
	rows map[string]*sheetRows
	// totals describes the totals row of each table that has one, by
	// table name.
	totals map[string][]totalsColumn
	// points colours the points of chart series (see chartPoints).
	points map[string][]string
	// dates are the chart categories drawn on a date axis (see
	// dateAxis).
	dates map[string]dateAxis
}

func (z *zipSplicer) Create(name string) (io.Writer, error) {
	if _, dup := z.parts[name]; dup {
		return nil, fmt.Errorf("zip: %s written twice", name)
	}
	b := new(bytes.Buffer)
	z.parts[name] = b
	return b, nil
}

func (z *zipSplicer) AddFS(fs.FS) error { return errors.New("zip: AddFS is not supported") }

// Close writes the archive.
func (z *zipSplicer) Close() error {
	sheets, err := z.sheetParts()
	if err != nil {
		return err
	}
	rels := make(map[string]*sheetRows)
	for name, r := range sheets {
		if r.links == nil {
			continue
		}
		rel := path.Join(path.Dir(name), "_rels", path.Base(name)+".rels")
		rels[rel] = r
		if _, ok := z.parts[rel]; !ok {
			z.parts[rel] = bytes.NewBufferString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`)
		}
	}
	zw := zip.NewWriter(z.out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, deflateLevel)
	})
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		data := z.parts[name].Bytes()
		if name == "[Content_Types].xml" {
			if data, err = sortContentTypes(data); err != nil {
				return err
			}
		}
		if r, ok := sheets[name]; ok {
			if err := z.splice(zw, name, data, r); err != nil {
				return err
			}
			continue
		}
		if r, ok := rels[name]; ok {
			if err := z.spliceRels(zw, name, data, r); err != nil {
				return err
			}
			continue
		}
		switch {
		case strings.HasPrefix(name, "xl/worksheets/sheet") && bytes.Contains(data, []byte("<f>")):
			data = numericFormulas(data)
		case strings.HasPrefix(name, "xl/charts/chart"):
			data = fixChart(data, z.points, z.dates)
		case strings.HasPrefix(name, "xl/tables/table"):
			if data, err = tableTotals(data, z.totals); err != nil {
				return err
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

var sheetDataEnd = regexp.MustCompile(`</sheetData>|<sheetData/>`)

var dimension = regexp.MustCompile(`<dimension ref="[^"]*"/>`)

// afterHyperlinks finds where a sheet's <hyperlinks> goes: before the
// first element that follows it in the schema (CT_Worksheet).
var afterHyperlinks = regexp.MustCompile(`<(?:printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|` +
	`customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|picture|` +
	`oleObjects|controls|webPublishItems|tableParts|extLst)\b|</worksheet>`)

// splice writes sheet part name: excelize's XML with the streamed rows
// put in before the end of its sheetData, its dimension set to cover
// them, and their hyperlinks after it.
func (z *zipSplicer) splice(zw *zip.Writer, name string, data []byte, r *sheetRows) error {
	loc := sheetDataEnd.FindIndex(data)
	if loc == nil {
		return fmt.Errorf("zip: %s has no sheetData", name)
	}
	head, tail := slices.Clone(data[:loc[0]]), data[loc[1]:]
	if string(data[loc[0]:loc[1]]) == "<sheetData/>" {
		head = append(head, "<sheetData>"...)
	}
	head = dimension.ReplaceAll(head, []byte(`<dimension ref="`+r.ref+`"/>`))
	tail = append([]byte("</sheetData>"), tail...)
	if r.links == nil {
		return z.writePieces(zw, name, []piece{{raw: head}, {d: r.body}, {raw: tail}})
	}
	if bytes.Contains(tail, []byte("<hyperlinks")) {
		return fmt.Errorf("zip: %s has hyperlinks of its own", name)
	}
	at := afterHyperlinks.FindIndex(tail)
	if at == nil {
		return fmt.Errorf("zip: %s has no end", name)
	}
	mid := append(slices.Clone(tail[:at[0]]), "<hyperlinks>"...)
	end := append([]byte("</hyperlinks>"), tail[at[0]:]...)
	return z.writePieces(zw, name, []piece{{raw: head}, {d: r.body}, {raw: mid}, {d: r.links}, {raw: end}})
}

// spliceRels writes the relationships part name of a sheet with
// hyperlinks: excelize's relationships, then the hyperlinks' ones.
func (z *zipSplicer) spliceRels(zw *zip.Writer, name string, data []byte, r *sheetRows) error {
	const end = "</Relationships>"
	i := bytes.LastIndex(data, []byte(end))
	if i < 0 {
		return fmt.Errorf("zip: %s has no %s", name, end)
	}
	return z.writePieces(zw, name, []piece{{raw: data[:i]}, {d: r.rels}, {raw: data[i:]}})
}

// piece is part of a zip entry: bytes to compress, or data compressed
// beforehand.
type piece struct {
	raw []byte
	d   *deflated
}

// writePieces writes entry name made of pieces, the last of which must
// be raw bytes.
func (z *zipSplicer) writePieces(zw *zip.Writer, name string, pieces []piece) error {
	var crc uint32
	var size, csize int64
	for i := range pieces {
		p := &pieces[i]
		if p.d != nil {
			crc = crc32Combine(crc, p.d.crc, p.d.size)
			size += p.d.size
			csize += p.d.csize
			continue
		}
		crc = crc32Combine(crc, crc32.ChecksumIEEE(p.raw), int64(len(p.raw)))
		size += int64(len(p.raw))
		p.raw = deflateBytes(p.raw, i == len(pieces)-1)
		csize += int64(len(p.raw))
	}
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified, CRC32: crc,
		CompressedSize64: uint64(csize), UncompressedSize64: uint64(size)}
	// CreateRaw writes the MS-DOS date fields as they are, not from
	// Modified as CreateHeader does.
	fh.ModifiedDate, fh.ModifiedTime = msDOSTime(z.modified)
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	for _, p := range pieces {
		if p.d == nil {
			if _, err := w.Write(p.raw); err != nil {
				return err
			}
			continue
		}
		if _, err := io.Copy(w, p.d.file); err != nil {
			return fmt.Errorf("zip: %s: %w", name, err)
		}
	}
	return nil
}

// sheetParts maps the part name of each sheet with streamed rows to them,
// reading the workbook's sheet list and relationships.
func (z *zipSplicer) sheetParts() (map[string]*sheetRows, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	for _, p := range []struct {
		name string
		v    any
	}{{"xl/workbook.xml", &wb}, {"xl/_rels/workbook.xml.rels", &rels}} {
		b, ok := z.parts[p.name]
		if !ok {
			return nil, fmt.Errorf("zip: no %s", p.name)
		}
		if err := xml.Unmarshal(b.Bytes(), p.v); err != nil {
			return nil, fmt.Errorf("zip: %s: %w", p.name, err)
		}
	}
	out := make(map[string]*sheetRows)
	for _, s := range wb.Sheets {
		r, ok := z.rows[s.Name]
		if !ok {
			continue
		}
		for _, rel := range rels.Rels {
			if rel.ID == s.ID {
				target := rel.Target
				if !strings.HasPrefix(target, "/") {
					target = path.Join("xl", target)
				}
				out[strings.TrimPrefix(target, "/")] = r
			}
		}
	}
	if len(out) != len(z.rows) {
		return nil, fmt.Errorf("zip: found %d of the %d streamed sheets", len(out), len(z.rows))
	}
	return out, nil
}

var contentTypeEntry = regexp.MustCompile(`<(?:Default|Override) [^>]*(?:/>|></(?:Default|Override)>)`)

// sortContentTypes sorts the Default and Override entries of
// [Content_Types].xml, leaving the rest as it is.
func sortContentTypes(data []byte) ([]byte, error) {
	locs := contentTypeEntry.FindAllIndex(data, -1)
	if len(locs) == 0 {
		return data, nil
	}
	entries := make([]string, len(locs))
	for i, l := range locs {
		entries[i] = string(data[l[0]:l[1]])
	}
	slices.Sort(entries)
	var out []byte
	out = append(out, data[:locs[0][0]]...)
	for i, l := range locs {
		if i > 0 && l[0] != locs[i-1][1] {
			return nil, errors.New("zip: [Content_Types].xml has text between its entries")
		}
		out = append(out, entries[i]...)
	}
	return append(out, data[locs[len(locs)-1][1]:]...), nil
}

var _ excelize.ZipWriter = (*zipSplicer)(nil)

// msDOSTime returns t as an MS-DOS date and time, as archive/zip writes
// them from FileHeader.Modified.
func msDOSTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
