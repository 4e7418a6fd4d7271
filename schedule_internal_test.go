package plugchain

import (
	"testing"
	"time"
)

func TestScheduleNext(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		s    Schedule
		now  string
		loc  *time.Location
		want string
	}{
		{EveryMinute, "2024-01-30T10:20:30Z", time.UTC, "2024-01-30T10:21:00Z"},
		{EveryMinute, "2024-01-30T10:21:00Z", time.UTC, "2024-01-30T10:22:00Z"},
		{EveryHour, "2024-01-30T10:20:30Z", time.UTC, "2024-01-30T11:00:00Z"},
		{EveryHour, "2024-01-30T10:20:30Z", kolkata, "2024-01-30T10:30:00Z"},
		{EveryDay, "2024-01-30T10:20:30Z", time.UTC, "2024-01-31T00:00:00Z"},
		{EveryDay, "2024-01-30T10:20:30Z", kolkata, "2024-01-30T18:30:00Z"},
		// New York falls back at 06:00Z (02:00 EDT becomes 01:00 EST): both 01:00s count.
		{EveryMinute, "2024-11-03T06:10:30Z", ny, "2024-11-03T06:11:00Z"},
		{EveryHour, "2024-11-03T04:30:00Z", ny, "2024-11-03T05:00:00Z"},
		{EveryHour, "2024-11-03T05:00:00Z", ny, "2024-11-03T06:00:00Z"},
		{EveryHour, "2024-11-03T06:10:30Z", ny, "2024-11-03T07:00:00Z"},
		{EveryDay, "2024-11-03T06:10:30Z", ny, "2024-11-04T05:00:00Z"},
		// New York springs forward at 07:00Z on March 10 (02:00 EST becomes 03:00 EDT).
		{EveryHour, "2024-03-10T06:30:00Z", ny, "2024-03-10T07:00:00Z"},
		// Santiago skips midnight on 2024-09-08: the day starts at 01:00.
		{EveryDay, "2024-09-07T12:00:00Z", santiago, "2024-09-08T04:00:00Z"},
	} {
		got := tc.s.next(utc(tc.now), tc.loc)
		if !got.Equal(utc(tc.want)) {
			t.Errorf("%s after %s in %s: %s, want %s", tc.s, tc.now, tc.loc, got.UTC().Format(time.RFC3339), tc.want)
		}
	}
}
