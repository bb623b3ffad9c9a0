package incident

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding is the character encoding of an incident file, as sniffed from
// its first bytes.
type Encoding uint8

// The encodings a file can be read in.
const (
	// UTF8 is UTF-8 without a byte-order mark.
	UTF8 Encoding = iota
	// UTF8BOM is UTF-8 that starts with the byte-order mark EF BB BF, as
	// Excel's "CSV UTF-8" writes it.
	UTF8BOM
	// Windows1252 is the Western European code page that Excel's plain
	// "CSV" writes on Windows.
	Windows1252
	// UTF16LE and UTF16BE are UTF-16 with a byte-order mark (FF FE or
	// FE FF), as Excel's "Unicode Text" writes it (tab-delimited).
	UTF16LE
	UTF16BE
)

// String returns the encoding's name for people: "UTF-8 with BOM".
func (e Encoding) String() string {
	switch e {
	case UTF8:
		return "UTF-8"
	case UTF8BOM:
		return "UTF-8 with BOM"
	case Windows1252:
		return "Windows-1252"
	case UTF16LE:
		return "UTF-16LE"
	case UTF16BE:
		return "UTF-16BE"
	}
	return fmt.Sprintf("Encoding(%d)", uint8(e))
}

const bomUTF8 = "\uFEFF"

// SniffEncoding returns the encoding of a file that starts with prefix (a
// few kilobytes are plenty); atEOF says that prefix is the whole file. It
// is UTF8BOM, UTF16LE or UTF16BE when prefix starts with that byte-order
// mark; otherwise UTF8 when prefix is valid UTF-8, ignoring an incomplete
// rune at its very end unless atEOF (a prefix may cut one); otherwise
// Windows1252. An empty prefix is UTF8.
//
// Bytes after the prefix are not looked at: a UTF-8 file with an invalid
// byte further on is still UTF8, and the rows holding such bytes are for
// the reader to reject.
func SniffEncoding(prefix []byte, atEOF bool) Encoding {
	switch {
	case strings.HasPrefix(string(prefix), bomUTF8):
		return UTF8BOM
	case len(prefix) >= 2 && prefix[0] == 0xFF && prefix[1] == 0xFE:
		return UTF16LE
	case len(prefix) >= 2 && prefix[0] == 0xFE && prefix[1] == 0xFF:
		return UTF16BE
	}
	if utf8.Valid(prefix) {
		return UTF8
	}
	if atEOF {
		return Windows1252
	}
	// Drop an incomplete last rune: the start of a multi-byte sequence at
	// most 3 bytes from the end, with nothing wrong before it.
	for i := len(prefix) - 1; i >= 0 && i >= len(prefix)-3; i-- {
		if !utf8.RuneStart(prefix[i]) {
			continue
		}
		if !utf8.FullRune(prefix[i:]) && utf8.Valid(prefix[:i]) {
			return UTF8
		}
		break
	}
	return Windows1252
}

// NewDecodingReader returns a reader of r's text as UTF-8. For UTF8 and
// UTF8BOM it passes the bytes through unchanged, except that a leading
// byte-order mark is skipped (invalid UTF-8 stays invalid, for the reader
// to reject the rows it is in); for Windows1252 and UTF-16 it transcodes
// with golang.org/x/text, and the byte-order mark of UTF-16 is skipped.
func NewDecodingReader(r io.Reader, e Encoding) io.Reader {
	switch e {
	case Windows1252:
		return charmap.Windows1252.NewDecoder().Reader(r)
	case UTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Reader(r)
	case UTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Reader(r)
	}
	// UTF-8: skip the byte-order mark. A read error met while looking
	// for it comes back from the next Read.
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	if head, _ := br.Peek(len(bomUTF8)); string(head) == bomUTF8 {
		br.Discard(len(bomUTF8))
	}
	return br
}

// ErrDelimiter is wrapped by SniffDelimiter's error for a header line that
// has as many of two delimiters.
var ErrDelimiter = errors.New("cannot tell the delimiter")

// SniffDelimiter returns the field delimiter of a CSV file, from the start
// of its decoded text: comma, semicolon or tab, whichever occurs most
// often outside quotes in the header line. Counting stops at the first
// line break outside quotes, so headerLine may run on past the header. A
// header with none of the three is one column: comma.
//
// When two delimiters tie for the most, as in "date;site,weapon", the
// header cannot tell, and SniffDelimiter returns an error that asks for
// -delimiter rather than guess.
func SniffDelimiter(headerLine []byte) (rune, error) {
	var comma, semicolon, tab int
	quoted := false
scan:
	for _, c := range headerLine {
		switch {
		case c == '"':
			quoted = !quoted // a doubled quote inside quotes toggles twice
		case quoted:
		case c == ',':
			comma++
		case c == ';':
			semicolon++
		case c == '\t':
			tab++
		case c == '\n' || c == '\r':
			break scan
		}
	}
	best := max(comma, semicolon, tab)
	var tied []string
	for _, d := range []struct {
		n    int
		name string
	}{{comma, "comma"}, {semicolon, "semicolon"}, {tab, "tab"}} {
		if d.n == best && best > 0 {
			name := d.name
			if d.n > 1 {
				name += "s"
			}
			tied = append(tied, fmt.Sprintf("%d %s", d.n, name))
		}
	}
	switch {
	case best == 0:
		return ',', nil
	case len(tied) > 1:
		return 0, fmt.Errorf("%w from the header line, which has %s outside quotes: give -delimiter comma, semicolon or tab",
			ErrDelimiter, strings.Join(tied, " and "))
	case comma == best:
		return ',', nil
	case semicolon == best:
		return ';', nil
	}
	return '\t', nil
}

// ParseDelimiter parses the value of -delimiter: "comma" or ",",
// "semicolon" or ";", "tab" or a tab character or the two characters `\t`;
// any case.
func ParseDelimiter(s string) (rune, error) {
	switch strings.ToLower(s) {
	case "comma", ",":
		return ',', nil
	case "semicolon", ";":
		return ';', nil
	case "tab", "\t", `\t`:
		return '\t', nil
	}
	return 0, fmt.Errorf("unknown delimiter %q: want comma, semicolon or tab", s)
}
