package incident

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Baghdad on any machine
)

// testToday is the run's date in the date tests.
var testToday = time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)

func baghdad(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(DefaultTimeZone)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

func TestParseDate(t *testing.T) {
	loc := baghdad(t)
	for _, tc := range []struct {
		in     string
		order  DateOrder
		want   string // YYYY-MM-DD, or "" when rejected
		reason string
	}{
		// ISO.
		{in: "2021-06-06", want: "2021-06-06"},
		{in: " 2021-06-06\t", want: "2021-06-06"},
		{in: "2020-02-29", want: "2020-02-29"},
		{in: "2000-02-29", want: "2000-02-29"},
		{in: "2021-02-29", reason: `"2021-02-29" is not a calendar date`},
		{in: "2021-02-30", reason: `"2021-02-30" is not a calendar date`},
		{in: "1900-02-29", reason: `"1900-02-29" is not a calendar date`},
		{in: "2021-13-01", reason: `"2021-13-01" is not a calendar date`},
		{in: "2021-00-10", reason: `"2021-00-10" is not a calendar date`},
		{in: "2021-06-00", reason: `"2021-06-00" is not a calendar date`},
		{in: "2021-06-06x", reason: `cannot parse "2021-06-06x" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "2021-6-6", reason: `cannot parse "2021-6-6" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "2021/06/06", reason: `cannot parse "2021/06/06" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "", reason: `cannot parse "" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},

		// ISO date-times, converted to Baghdad's date (UTC+3, no summer
		// time since 2008).
		{in: "2021-06-06T22:30:00+03:00", want: "2021-06-06"},
		{in: "2021-06-06T20:59:59Z", want: "2021-06-06"}, // 23:59:59 in Baghdad
		{in: "2021-06-06T21:00:00Z", want: "2021-06-07"}, // 00:00
		{in: "2021-06-06t21:00:00z", want: "2021-06-07"},
		{in: "2021-06-06 22:30+0100", want: "2021-06-07"},        // 21:30Z, 00:30
		{in: "2021-06-06T01:00:00-05:00", want: "2021-06-06"},    // 06:00Z, 09:00
		{in: "2021-06-06T23:00:00-05", want: "2021-06-07"},       // 04:00Z, 07:00
		{in: "2021-06-06T22:30:00.123456Z", want: "2021-06-07"},  // 01:30
		{in: "2021-06-06T22:30:00,5 +03:00", want: "2021-06-06"}, // comma fraction, space before the offset
		{in: "2021-06-06T02:00:00+05:00", want: "2021-06-06"},    // 21:00Z on the 5th, 00:00 on the 6th
		{in: "2021-06-06T01:59:59+05:00", want: "2021-06-05"},
		{in: "2021-01-01T00:30:00+05:00", want: "2020-12-31"}, // back over a year
		{in: "1970-01-01T01:00:00+05:00", reason: "1969-12-31 is before 1970"},
		// Without an offset the time is already local: the date stands.
		{in: "2021-06-06T23:30", want: "2021-06-06"},
		{in: "2021-06-06 00:00:00", want: "2021-06-06"},
		{in: "2021-02-30T10:00:00Z", reason: `"2021-02-30T10:00:00Z" is not a calendar date`},
		{in: "2021-06-06T24:00", reason: `cannot parse "2021-06-06T24:00" as a date and time: want a form such as 2021-06-06T22:30:00+03:00`},
		{in: "2021-06-06T10:60", reason: `cannot parse "2021-06-06T10:60" as a date and time: want a form such as 2021-06-06T22:30:00+03:00`},
		{in: "2021-06-06T10:00:60", reason: `cannot parse "2021-06-06T10:00:60" as a date and time: want a form such as 2021-06-06T22:30:00+03:00`},
		{in: "2021-06-06T10:00+03:00:00", reason: `cannot parse "2021-06-06T10:00+03:00:00" as a date and time: want a form such as 2021-06-06T22:30:00+03:00`},
		{in: "2021-06-06T10:00+24:00", reason: `cannot parse "2021-06-06T10:00+24:00" as a date and time: want a form such as 2021-06-06T22:30:00+03:00`},
		{in: "2021-06-06T10:00 UTC", reason: `cannot parse "2021-06-06T10:00 UTC" as a date and time: want a form such as 2021-06-06T22:30:00+03:00`},
		{in: "2021-06-06T", reason: `cannot parse "2021-06-06T" as a date and time: want a form such as 2021-06-06T22:30:00+03:00`},

		// Dotted, day first.
		{in: "06.06.2021", want: "2021-06-06"},
		{in: "6.6.2021", want: "2021-06-06"},
		{in: "15.02.2021", order: MDY, want: "2021-02-15"}, // the order is for slashed dates only
		{in: "31.12.99", want: "1999-12-31"},
		{in: "29.02.2021", reason: `"29.02.2021" is not a calendar date`},
		{in: "06.13.2021", reason: `"06.13.2021" is not a calendar date`},
		{in: "06.06.2021.", reason: `cannot parse "06.06.2021." as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "006.06.2021", reason: `cannot parse "006.06.2021" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "06.06.202", reason: `cannot parse "06.06.202" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},

		// Month names.
		{in: "6 June 2021", want: "2021-06-06"},
		{in: "06 June 2021", want: "2021-06-06"}, // ACLED
		{in: "6  june  2021", want: "2021-06-06"},
		{in: "6 JUN 2021", want: "2021-06-06"},
		{in: "June 6, 2021", want: "2021-06-06"},
		{in: "June 6 2021", want: "2021-06-06"},
		{in: "JUNE 6,2021", want: "2021-06-06"},
		{in: "Jun 06, 2021", want: "2021-06-06"},
		{in: "06-Jun-2021", want: "2021-06-06"},
		{in: "6-jun-2021", want: "2021-06-06"},
		{in: "06-Jun-21", want: "2021-06-06"},
		{in: "27-Dec-20", want: "2020-12-27"}, // ACLED
		{in: "01-Jan-00", want: "2000-01-01"},
		{in: "31-Dec-29", reason: "2029-12-31 is after today (2026-11-23)"},
		{in: "01-Jan-30", reason: "1930-01-01 is before 1970"},
		{in: "31-Dec-99", want: "1999-12-31"},
		{in: "6 Sept 2021", want: "2021-09-06"},
		{in: "6 sep 2021", want: "2021-09-06"},
		{in: "Sept 6, 2021", want: "2021-09-06"},
		{in: "6 September 2021", want: "2021-09-06"},
		{in: "1 May 2021", want: "2021-05-01"},
		{in: "29 February 2024", want: "2024-02-29"},
		{in: "31 June 2021", reason: `"31 June 2021" is not a calendar date`},
		{in: "6 Juin 2021", reason: `cannot parse "6 Juin 2021" as a date: unknown month "Juin"`},
		{in: "Sep. 6, 2021", reason: `cannot parse "Sep. 6, 2021" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "Juni 6, 2021", reason: `cannot parse "Juni 6, 2021" as a date: unknown month "Juni"`},
		{in: "6-June 2021", reason: `cannot parse "6-June 2021" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "6 June 202", reason: `cannot parse "6 June 202" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "June 6", reason: `cannot parse "June 6" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "June 6x", reason: `cannot parse "June 6x" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "6 June 2021 10:00", reason: `cannot parse "6 June 2021 10:00" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "Sunday, 6 June 2021", reason: `cannot parse "Sunday, 6 June 2021" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "06-06-2021", reason: `cannot parse "06-06-2021" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},

		// Slashed, in each order.
		{in: "15/02/2021", want: "2021-02-15"},
		{in: "15/02/2021", order: DMY, want: "2021-02-15"},
		{in: "15/02/2021", order: MDY, reason: `cannot parse "15/02/2021" as a month-first date (mdy): 15 is not a month`},
		{in: "02/15/2021", want: "2021-02-15"},
		{in: "02/15/2021", order: MDY, want: "2021-02-15"},
		{in: "02/15/2021", order: DMY, reason: `cannot parse "02/15/2021" as a day-first date (dmy): 15 is not a month`},
		{in: "03/04/2021", reason: `"03/04/2021" could be 3 April or March 4: give -date-order dmy or -date-order mdy`},
		{in: "03/04/2021", order: DMY, want: "2021-04-03"},
		{in: "03/04/2021", order: MDY, want: "2021-03-04"},
		{in: "04/04/2021", want: "2021-04-04"}, // the same date either way
		{in: "3/4/21", order: DMY, want: "2021-04-03"},
		{in: "31/13/2021", reason: `cannot parse "31/13/2021" as a date: neither 31 nor 13 is a month`},
		{in: "31/13/2021", order: DMY, reason: `cannot parse "31/13/2021" as a day-first date (dmy): 13 is not a month`},
		{in: "30/02/2021", reason: `"30/02/2021" is not a calendar date`},
		{in: "31/04/2021", order: DMY, reason: `"31/04/2021" is not a calendar date`},
		{in: "04/31/2021", order: MDY, reason: `"04/31/2021" is not a calendar date`},
		{in: "00/05/2021", reason: `"00/05/2021" is not a calendar date`},
		{in: "15/02/221", reason: `cannot parse "15/02/221" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},
		{in: "15/02/2021 10:00", reason: `cannot parse "15/02/2021 10:00" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`},

		// The run's date and 1970.
		{in: "2026-11-23", want: "2026-11-23"},
		{in: "2026-11-24", reason: "2026-11-24 is after today (2026-11-23)"},
		{in: "2031-01-01", reason: "2031-01-01 is after today (2026-11-23)"},
		{in: "2026-12-01", reason: "2026-12-01 is after today (2026-11-23)"},
		{in: "1970-01-01", want: "1970-01-01"},
		{in: "1969-12-31", reason: "1969-12-31 is before 1970"},
		{in: "0000-01-01", reason: "0000-01-01 is before 1970"},
		{in: "31.12.69", reason: "1969-12-31 is before 1970"},
	} {
		p := DateParser{Order: tc.order, Loc: loc, Today: testToday}
		got, reason := p.Parse(tc.in)
		var gotDay string
		if !got.IsZero() {
			gotDay = got.Format(time.DateOnly)
		}
		if gotDay != tc.want || reason != tc.reason {
			t.Errorf("Parse(%q) with order %v = %q, %q; want %q, %q", tc.in, tc.order, gotDay, reason, tc.want, tc.reason)
			continue
		}
		if reason == "" && got != time.Date(got.Year(), got.Month(), got.Day(), 0, 0, 0, 0, time.UTC) {
			t.Errorf("Parse(%q) = %v, want 00:00 UTC", tc.in, got)
		}
	}
}

func TestDateParserZero(t *testing.T) {
	var p DateParser
	for in, want := range map[string]string{
		"2021-06-06T21:30:00Z": "2021-06-06", // UTC
		"2099-12-31":           "2099-12-31", // no date is too late
		"15/02/2021":           "2021-02-15",
	} {
		got, reason := p.Parse(in)
		if reason != "" || got.Format(time.DateOnly) != want {
			t.Errorf("Parse(%q) = %v, %q; want %s", in, got, reason, want)
		}
	}
}

func TestDateParserTodayInItsLocation(t *testing.T) {
	// 01:00 on 24 November in Baghdad is 22:00 on the 23rd in UTC: Today
	// counts in its own location.
	loc := baghdad(t)
	p := DateParser{Today: time.Date(2026, 11, 24, 1, 0, 0, 0, loc)}
	if _, reason := p.Parse("2026-11-24"); reason != "" {
		t.Errorf("reason %q, want none", reason)
	}
	p.Today = p.Today.UTC()
	if _, reason := p.Parse("2026-11-24"); reason != "2026-11-24 is after today (2026-11-23)" {
		t.Errorf("reason %q", reason)
	}
}

func TestParseDateISOAllocs(t *testing.T) {
	p := DateParser{Loc: baghdad(t), Today: testToday}
	for _, s := range []string{"2021-06-06", "2021-06-06T22:30:00+01:00", "15/02/2021", "6 June 2021"} {
		if n := testing.AllocsPerRun(100, func() { p.Parse(s) }); n != 0 {
			t.Errorf("Parse(%q) allocates %v times, want 0", s, n)
		}
	}
}

func TestParseDateOrder(t *testing.T) {
	for in, want := range map[string]DateOrder{"dmy": DMY, "DMY": DMY, " mdy ": MDY, "Mdy": MDY} {
		if got, err := ParseDateOrder(in); err != nil || got != want {
			t.Errorf("ParseDateOrder(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	_, err := ParseDateOrder("ymd")
	if want := `unknown date order "ymd": want dmy (day first) or mdy (month first)`; err == nil || err.Error() != want {
		t.Errorf("ParseDateOrder(ymd): err = %v, want %q", err, want)
	}
	for o, want := range map[DateOrder]string{DateOrderUnknown: "unknown", DMY: "dmy", MDY: "mdy", 9: "unknown"} {
		if got := o.String(); got != want {
			t.Errorf("DateOrder(%d).String() = %q, want %q", o, got, want)
		}
	}
}

func TestIsSlashed(t *testing.T) {
	for in, want := range map[string]bool{
		"15/02/2021": true, " 3/4/21 ": true, "31/13/2021": true, "00/00/0000": true,
		"2021/02/15": false, "15/02/221": false, "15/02/2": false, "15-02-2021": false,
		"": false, "/02/2021": false, "123/1/2021": false, "1//2021": false,
		"15/02/2021 10:00": false, "15/02/2021/": false, "1/2/3": false, "a/b/cd": false,
	} {
		if got := IsSlashed(in); got != want {
			t.Errorf("IsSlashed(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSlashedOrder(t *testing.T) {
	type obs struct {
		value string
		line  int
	}
	for _, tc := range []struct {
		name string
		obs  []obs
		want DateOrder
		err  string
	}{
		{name: "nothing", want: DateOrderUnknown},
		{name: "no slashed dates", obs: []obs{{"2021-06-06", 2}, {"6 June 2021", 3}}, want: DateOrderUnknown},
		{name: "same day and month decides nothing", obs: []obs{{"04/04/2021", 2}}, want: DateOrderUnknown},
		{name: "day first", obs: []obs{{"03/04/2021", 2}, {"15/02/2021", 3}, {"01/01/2021", 4}}, want: DMY},
		{name: "month first", obs: []obs{{"03/04/2021", 2}, {" 2/15/21 ", 5}}, want: MDY},
		{name: "neither fits, ignored", obs: []obs{{"31/13/2021", 2}, {"30/02/2021", 3}, {"13/01/2021", 4}}, want: DMY},
		{
			name: "conflict",
			obs:  []obs{{"15/02/2021", 3}, {"16/02/2021", 4}, {"03/04/2021", 5}, {"02/15/2021", 9}},
			err:  `slashed dates disagree on the order of day and month: 2 are day first, such as "15/02/2021" on line 3, and 1 is month first, such as "02/15/2021" on line 9`,
		},
		{
			name: "undecided",
			obs:  []obs{{"03/04/2021", 2}, {"05/06/2021", 3}, {"04/04/2021", 4}, {"31/13/2021", 5}},
			err:  `cannot tell whether slashed dates are day first or month first: 2 fit both, such as "03/04/2021" on line 2, and none fits only one: give -date-order dmy or -date-order mdy`,
		},
		{
			name: "undecided by one",
			obs:  []obs{{"2021-01-01", 2}, {"1/2/2021", 7}},
			err:  `cannot tell whether slashed dates are day first or month first: 1 fits both, such as "1/2/2021" on line 7, and none fits only one: give -date-order dmy or -date-order mdy`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var o SlashedOrder
			for _, ob := range tc.obs {
				o.Observe(ob.value, ob.line)
			}
			got, err := o.Order()
			if tc.err != "" {
				var oe *DateOrderError
				if !errors.As(err, &oe) || err.Error() != tc.err {
					t.Fatalf("Order() = %v, %v; want *DateOrderError %q", got, err, tc.err)
				}
				if got != DateOrderUnknown {
					t.Errorf("Order() = %v with an error, want unknown", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Order() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// FuzzParseDate checks, for any cell and every order, that Parse does not
// panic; that it gives a date at 00:00 UTC from 1970 to today with no
// reason, or the zero Time with one; that the date it gives round-trips
// through ISO, and an ISO date is itself; that the order matters only for
// slashed dates, and then as SlashedOrder says.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2021-06-06", "2021-06-06T21:30:00.5-05:30", "06.06.2021", "6 June 2021",
		"June 6, 2021", "06-Jun-21", "15/02/2021", "03/04/2021", "31/13/2021", "2021-02-30",
	} {
		f.Add(s)
	}
	loc := baghdad(f)
	f.Fuzz(func(t *testing.T, s string) {
		var got [3]time.Time
		for _, o := range []DateOrder{DateOrderUnknown, DMY, MDY} {
			p := DateParser{Order: o, Loc: loc, Today: testToday}
			d, reason := p.Parse(s)
			got[o] = d
			if (reason == "") == d.IsZero() {
				t.Fatalf("Parse(%q) with order %v = %v, %q", s, o, d, reason)
			}
			if reason != "" {
				continue
			}
			if d != time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC) {
				t.Fatalf("Parse(%q) = %v, not 00:00 UTC", s, d)
			}
			if d.Year() < 1970 || d.After(testToday) {
				t.Fatalf("Parse(%q) = %v, outside 1970 to today", s, d)
			}
			iso := d.Format(time.DateOnly)
			if again, reason := p.Parse(iso); again != d || reason != "" {
				t.Fatalf("Parse(%q) = %v, but Parse(%q) = %v, %q", s, d, iso, again, reason)
			}
			if len(s) == 10 && s[4] == '-' && s[7] == '-' && iso != s {
				t.Fatalf("Parse(%q) = %s", s, iso)
			}
		}
		if !IsSlashed(s) {
			if got[DMY] != got[DateOrderUnknown] || got[MDY] != got[DateOrderUnknown] {
				t.Fatalf("Parse(%q) depends on the order: %v", s, got)
			}
			return
		}
		if u := got[DateOrderUnknown]; !u.IsZero() && u != got[DMY] && u != got[MDY] {
			t.Fatalf("Parse(%q) = %v with no order, but %v (dmy) and %v (mdy)", s, u, got[DMY], got[MDY])
		}
		var so SlashedOrder
		so.Observe(s, 1)
		switch order, _ := so.Order(); order {
		case DMY:
			if !got[MDY].IsZero() {
				t.Fatalf("%q decides dmy, but parses as mdy: %v", s, got[MDY])
			}
		case MDY:
			if !got[DMY].IsZero() {
				t.Fatalf("%q decides mdy, but parses as dmy: %v", s, got[DMY])
			}
		}
	})
}

func BenchmarkParseDate(b *testing.B) {
	p := DateParser{Order: DMY, Loc: baghdad(b), Today: testToday}
	for _, s := range []string{"2021-06-06", "2021-06-06T22:30:00+01:00", "15/02/2021", "6 June 2021", "June 6, 2021"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.Parse(s)
			}
		})
	}
}
