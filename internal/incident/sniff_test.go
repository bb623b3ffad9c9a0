package incident

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

func TestSniffEncoding(t *testing.T) {
	for _, tc := range []struct {
		name   string
		prefix string
		atEOF  bool
		want   Encoding
	}{
		{"empty", "", false, UTF8},
		{"ascii", "date,site,weapon\n", false, UTF8},
		{"utf8", "date,site\n2021-06-06,Erbil – airport\n", false, UTF8},
		{"bom", "\uFEFFdate,site\n", false, UTF8BOM},
		{"bom only", "\uFEFF", false, UTF8BOM},
		{"bom then invalid", "\uFEFFdate,\xe9\n", false, UTF8BOM},
		// "é" (C3 A9) cut after its first byte by the end of the prefix.
		{"cut 2-byte rune", "site\nCaf\xc3", false, UTF8},
		// "–" (E2 80 93) cut after two bytes.
		{"cut 3-byte rune", "site\nA \xe2\x80", false, UTF8},
		// "😀" (F0 9F 98 80) cut after three bytes.
		{"cut 4-byte rune", "site\nA \xf0\x9f\x98", false, UTF8},
		{"cut bom", "\xef\xbb", false, UTF8},
		// Windows-1252 "é" is E9; "Café," has E9 followed by a comma, which
		// is no continuation byte.
		{"cp1252", "site\nCaf\xe9,x\n", false, Windows1252},
		// E9 could start a 3-byte rune cut by the end of the prefix…
		{"cp1252 at end of prefix", "site\nCaf\xe9", false, UTF8},
		// …but not at the end of the file.
		{"cp1252 at end of file", "site\nCaf\xe9", true, Windows1252},
		{"utf8 at end of file", "site\nCaf\xc3\xa9", true, UTF8},
		{"cp1252 earlier, cut rune at end", "Caf\xe9 \xc3", false, Windows1252},
		{"cp1252 euro", "cost\n\x80 5\n", false, Windows1252},
		{"lone continuation at end", "site\nA\x80", false, Windows1252},
		{"ff at end", "site\nA\xff", false, Windows1252},
		{"utf16le", "\xff\xfed\x00a\x00", false, UTF16LE},
		{"utf16be", "\xfe\xff\x00d\x00a", false, UTF16BE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SniffEncoding([]byte(tc.prefix), tc.atEOF); got != tc.want {
				t.Errorf("SniffEncoding(%q, %v) = %v, want %v", tc.prefix, tc.atEOF, got, tc.want)
			}
		})
	}
}

func TestNewDecodingReader(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		enc  Encoding
		want string
	}{
		{"utf8", "a,b\r\nc,d\n", UTF8, "a,b\r\nc,d\n"},
		{"utf8 drops a bom too", "\uFEFFa,b\n", UTF8, "a,b\n"},
		{"bom", "\uFEFFdate,site\nx,Café\n", UTF8BOM, "date,site\nx,Café\n"},
		{"bom only", "\uFEFF", UTF8BOM, ""},
		{"no bom after all", "ab", UTF8BOM, "ab"},
		{"empty", "", UTF8BOM, ""},
		{"second bom kept", "\uFEFF\uFEFFx", UTF8BOM, "\uFEFFx"},
		{"invalid utf8 kept", "\uFEFFa\xe9", UTF8BOM, "a\xe9"},
		{"cp1252", "Caf\xe9;\x80 5;\x93quoted\x94", Windows1252, "Café;€ 5;“quoted”"},
		{"utf16le", "\xff\xfeC\x00a\x00f\x00\xe9\x00", UTF16LE, "Café"},
		{"utf16be", "\xfe\xff\x00C\x00a\x00f\x00\xe9", UTF16BE, "Café"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := io.ReadAll(NewDecodingReader(strings.NewReader(tc.in), tc.enc))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			// The same, one byte at a time.
			got, err = io.ReadAll(NewDecodingReader(iotest.OneByteReader(strings.NewReader(tc.in)), tc.enc))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("one byte at a time: got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNewDecodingReaderError(t *testing.T) {
	boom := errors.New("boom")
	for _, in := range []string{"", "a", "\uFEFF", "\uFEFFabc"} {
		r := io.MultiReader(strings.NewReader(in), iotest.ErrReader(boom))
		got, err := io.ReadAll(NewDecodingReader(r, UTF8BOM))
		if !errors.Is(err, boom) {
			t.Errorf("%q: err = %v, want boom", in, err)
		}
		if want := strings.TrimPrefix(in, "\uFEFF"); string(got) != want {
			t.Errorf("%q: got %q before the error, want %q", in, got, want)
		}
	}
}

func TestSniffDelimiter(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		want         rune
		err          string
	}{
		{name: "comma", header: "date,site,weapon\n1;2;3;4;5\n", want: ','},
		{name: "semicolon", header: "date;site;weapon\r\n", want: ';'},
		{name: "tab", header: "date\tsite\tweapon", want: '\t'},
		{name: "one column", header: "date\n", want: ','},
		{name: "empty", header: "", want: ','},
		{name: "majority", header: "date;site;weapon;notes, etc.\n", want: ';'},
		{name: "quoted commas ignored", header: `"date, local";"site, name";weapon` + "\n", want: ';'},
		{name: "doubled quotes", header: `"a ""x,y"" b";c;d`, want: ';'},
		{name: "quoted line break", header: "\"site\nname;x;y\",date,weapon\nq;q;q;q\n", want: ','},
		{name: "cr ends the line", header: "a;b\rc,d,e,f", want: ';'},
		{name: "tie", header: "date;site,weapon\n", err: "cannot tell the delimiter from the header line, which has 1 comma and 1 semicolon outside quotes: give -delimiter comma, semicolon or tab"},
		{name: "three-way tie", header: "a,b,c;d;e\tf\tg\n", err: "cannot tell the delimiter from the header line, which has 2 commas and 2 semicolons and 2 tabs outside quotes: give -delimiter comma, semicolon or tab"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SniffDelimiter([]byte(tc.header))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("SniffDelimiter(%q) = %q, %v; want error %q", tc.header, got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("SniffDelimiter(%q) = %q, %v; want %q", tc.header, got, err, tc.want)
			}
		})
	}
}

func TestParseDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		",": ',', "comma": ',', "Comma": ',', ";": ';', "semicolon": ';',
		"tab": '\t', "TAB": '\t', "\t": '\t', `\t`: '\t',
	} {
		if got, err := ParseDelimiter(in); err != nil || got != want {
			t.Errorf("ParseDelimiter(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseDelimiter("|")
	if want := `unknown delimiter "|": want comma, semicolon or tab`; err == nil || err.Error() != want {
		t.Errorf("ParseDelimiter(%q): err = %v, want %q", "|", err, want)
	}
}

// FuzzSniff checks, on any bytes, that sniffing does not panic, that valid
// UTF-8 is never taken for Windows-1252, that decoding gives valid UTF-8 for
// a transcoded file and the input less its byte-order mark for UTF-8, read
// whole or one byte at a time, and that the delimiter is one of the three.
func FuzzSniff(f *testing.F) {
	for _, s := range []string{
		"date,site,weapon\n2021-06-06,x,rocket\n",
		"\uFEFFdate;site;weapon\r\n",
		"site\nCaf\xe9\n",
		"\"a\tb\";c\n",
		"\xff\xfed\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e := SniffEncoding(data, true)
		if utf8.Valid(data) && e == Windows1252 {
			t.Fatalf("valid UTF-8 sniffed as %v", e)
		}
		if e == UTF8 && !utf8.Valid(data) {
			t.Fatalf("invalid UTF-8 sniffed as %v at the end of the file", e)
		}
		// A prefix long enough to hold any byte-order mark agrees with the whole.
		if half := SniffEncoding(data[:len(data)/2], false); e != Windows1252 && half != e && len(data) >= 6 {
			t.Fatalf("first half sniffed as %v, the whole as %v", half, e)
		}
		whole, err := io.ReadAll(NewDecodingReader(bytes.NewReader(data), e))
		if err != nil {
			t.Fatal(err)
		}
		bytewise, err := io.ReadAll(NewDecodingReader(iotest.OneByteReader(bytes.NewReader(data)), e))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole, bytewise) {
			t.Fatalf("whole %q, one byte at a time %q", whole, bytewise)
		}
		switch e {
		case UTF8, UTF8BOM:
			if want := bytes.TrimPrefix(data, []byte(bomUTF8)); !bytes.Equal(whole, want) {
				t.Fatalf("decoded %q, want %q", whole, want)
			}
		case Windows1252:
			if !utf8.Valid(whole) {
				t.Fatalf("decoded %q is not valid UTF-8", whole)
			}
		}
		d, err := SniffDelimiter(whole)
		if err == nil && d != ',' && d != ';' && d != '\t' {
			t.Fatalf("delimiter %q", d)
		}
	})
}
