package vm

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/plugchain/plugchain/ojson"
)

// evalIn runs JavaScript expressions in an instance whose zone is loc and returns each
// one's String() (or "ERR " and the message).
func evalIn(t *testing.T, loc *time.Location, exprs []string) []string {
	t.Helper()
	in := newInstance(t, "index.js", `export function processEvent(e) {
		const exprs = JSON.parse(e.properties.exprs)
		e.properties.out = JSON.stringify(exprs.map((x) => { try { return String((0, eval)(x)) } catch (err) { return 'ERR ' + err.message } }))
		return e
	}`, Options{Location: loc, Created: func(in *Instance) { in.installIntl() }})
	list, err := json.Marshal(exprs)
	require.NoError(t, err)
	arg, err := json.Marshal(string(list))
	require.NoError(t, err)
	r, err := in.CallEvent(context.Background(), "processEvent", event(t, `{"properties":{"exprs":`+string(arg)+`}}`))
	require.NoError(t, err)
	p, _ := r.Value.(*ojson.Object).Get("properties")
	s, _ := p.(*ojson.Object).Get("out")
	var out []string
	require.NoError(t, json.Unmarshal([]byte(s.(string)), &out))
	return out
}

// zoneExprs are evaluated in each zone of TestDateInZone; the expected results were captured
// from Node 20 run with TZ set to the zone.
var zoneExprs = []string{
	"new Date(2024, 0, 5, 15, 4, 6, 7).toISOString()",
	"new Date(2024, 6, 5, 15, 4).toString()",
	"new Date(Date.UTC(2024, 0, 5, 15, 4, 6)).toString()",
	"new Date(Date.UTC(2024, 6, 5, 15, 4, 6)).toTimeString()",
	"new Date(Date.UTC(2024, 0, 5, 23, 30)).toDateString()",
	"[new Date(Date.UTC(2024, 0, 15)).getTimezoneOffset(), new Date(Date.UTC(2024, 6, 15)).getTimezoneOffset()].join()",
	"new Date(2024, 2, 10, 2, 30).toISOString()",
	"new Date(2024, 10, 3, 1, 30).toISOString()",
	"new Date(2024, 2, 31, 2, 30).toISOString()",
	"new Date(2024, 9, 27, 2, 30).toISOString()",
	"new Date(2024, 3, 7, 2, 30).toISOString()",
	"new Date(2024, 9, 6, 2, 30).toISOString()",
	"(() => { const d = new Date(Date.UTC(2024, 2, 9, 17)); d.setDate(d.getDate() + 1); return d.toISOString() })()",
	"(() => { const d = new Date(Date.UTC(2024, 2, 9, 17)); d.setHours(d.getHours() + 24); return d.toISOString() + ' ' + d.getHours() })()",
	"(() => { const d = new Date(Date.UTC(2024, 0, 31, 12)); d.setMonth(1); return d.toISOString() })()",
	"(() => { const d = new Date(Date.UTC(2024, 0, 1, 12)); d.setFullYear(2025, 5, 15); d.setMinutes(75); return d.toISOString() })()",
	"[new Date(Date.UTC(2024, 0, 1, 3)).getDate(), new Date(Date.UTC(2024, 0, 1, 3)).getDay(), new Date(Date.UTC(2024, 0, 1, 3)).getHours(), new Date(Date.UTC(2024, 0, 1, 3)).getMonth(), new Date(Date.UTC(2024, 0, 1, 3)).getFullYear()].join()",
	"Date.parse('2024-01-05T10:00')",
	"Date.parse('2024-01-05')",
	"Date.parse('Jan 5 2024 10:00')",
	"Date.parse('2024/07/05 10:00:00')",
	"Date.parse('Jan 5 2024 10:00 GMT+0200')",
	"new Date(0).toLocaleString()",
	"new Date(Date.UTC(2024, 6, 4, 12)).toLocaleString('en-GB', { timeZoneName: 'short' })",
	"new Date(Date.UTC(2024, 6, 4, 12)).toLocaleTimeString('de', { timeZoneName: 'long' })",
	"Intl.DateTimeFormat().resolvedOptions().timeZone",
	"new Date(1800, 0, 1).toString()",
	"new Date(-1e13).getTimezoneOffset()",
	"new Date(2100, 6, 1).toString()",
	"new Date(Date.UTC(1969, 6, 1)).toString()",
	"new Date(2024, 0, 1).getTime() - Date.UTC(2024, 0, 1)",
	"String(new Date(2024, 1, 29, 12))",
}

var zoneResults = map[string][]string{
	"America/New_York": {
		"2024-01-05T20:04:06.007Z",
		"Fri Jul 05 2024 15:04:00 GMT-0400 (Eastern Daylight Time)",
		"Fri Jan 05 2024 10:04:06 GMT-0500 (Eastern Standard Time)",
		"11:04:06 GMT-0400 (Eastern Daylight Time)",
		"Fri Jan 05 2024",
		"300,240",
		"2024-03-10T07:30:00.000Z",
		"2024-11-03T05:30:00.000Z",
		"2024-03-31T06:30:00.000Z",
		"2024-10-27T06:30:00.000Z",
		"2024-04-07T06:30:00.000Z",
		"2024-10-06T06:30:00.000Z",
		"2024-03-10T16:00:00.000Z",
		"2024-03-10T16:00:00.000Z 12",
		"2024-03-02T12:00:00.000Z",
		"2025-06-15T12:15:00.000Z",
		"31,0,22,11,2023",
		"1704466800000",
		"1704412800000",
		"1704466800000",
		"1720188000000",
		"1704441600000",
		"12/31/1969, 7:00:00 PM",
		"04/07/2024, 8:00:00 GMT-4",
		"8:00:00 Nordamerikanische Ostküsten-Sommerzeit",
		"America/New_York",
		"Wed Jan 01 1800 00:00:00 GMT-0456 (Eastern Standard Time)",
		"296",
		"Thu Jul 01 2100 00:00:00 GMT-0400 (Eastern Daylight Time)",
		"Mon Jun 30 1969 20:00:00 GMT-0400 (Eastern Daylight Time)",
		"18000000",
		"Thu Feb 29 2024 12:00:00 GMT-0500 (Eastern Standard Time)",
	},
	"Europe/Berlin": {
		"2024-01-05T14:04:06.007Z",
		"Fri Jul 05 2024 15:04:00 GMT+0200 (Central European Summer Time)",
		"Fri Jan 05 2024 16:04:06 GMT+0100 (Central European Standard Time)",
		"17:04:06 GMT+0200 (Central European Summer Time)",
		"Sat Jan 06 2024",
		"-60,-120",
		"2024-03-10T01:30:00.000Z",
		"2024-11-03T00:30:00.000Z",
		"2024-03-31T01:30:00.000Z",
		"2024-10-27T00:30:00.000Z",
		"2024-04-07T00:30:00.000Z",
		"2024-10-06T00:30:00.000Z",
		"2024-03-10T17:00:00.000Z",
		"2024-03-10T17:00:00.000Z 18",
		"2024-03-02T12:00:00.000Z",
		"2025-06-15T12:15:00.000Z",
		"1,1,4,0,2024",
		"1704445200000",
		"1704412800000",
		"1704445200000",
		"1720166400000",
		"1704441600000",
		"1/1/1970, 1:00:00 AM",
		"04/07/2024, 14:00:00 CEST",
		"14:00:00 Mitteleuropäische Sommerzeit",
		"Europe/Berlin",
		"Wed Jan 01 1800 00:00:00 GMT+0053 (Central European Standard Time)",
		"-53",
		"Thu Jul 01 2100 00:00:00 GMT+0200 (Central European Summer Time)",
		"Tue Jul 01 1969 01:00:00 GMT+0100 (Central European Summer Time)",
		"-3600000",
		"Thu Feb 29 2024 12:00:00 GMT+0100 (Central European Standard Time)",
	},
	"Asia/Kolkata": {
		"2024-01-05T09:34:06.007Z",
		"Fri Jul 05 2024 15:04:00 GMT+0530 (India Standard Time)",
		"Fri Jan 05 2024 20:34:06 GMT+0530 (India Standard Time)",
		"20:34:06 GMT+0530 (India Standard Time)",
		"Sat Jan 06 2024",
		"-330,-330",
		"2024-03-09T21:00:00.000Z",
		"2024-11-02T20:00:00.000Z",
		"2024-03-30T21:00:00.000Z",
		"2024-10-26T21:00:00.000Z",
		"2024-04-06T21:00:00.000Z",
		"2024-10-05T21:00:00.000Z",
		"2024-03-10T17:00:00.000Z",
		"2024-03-10T17:00:00.000Z 22",
		"2024-03-02T12:00:00.000Z",
		"2025-06-15T12:45:00.000Z",
		"1,1,8,0,2024",
		"1704429000000",
		"1704412800000",
		"1704429000000",
		"1720153800000",
		"1704441600000",
		"1/1/1970, 5:30:00 AM",
		"04/07/2024, 17:30:00 GMT+5:30",
		"17:30:00 Indische Normalzeit",
		"Asia/Calcutta",
		"Wed Jan 01 1800 00:00:00 GMT+0553 (India Standard Time)",
		"-353",
		"Thu Jul 01 2100 00:00:00 GMT+0530 (India Standard Time)",
		"Tue Jul 01 1969 05:30:00 GMT+0530 (India Standard Time)",
		"-19800000",
		"Thu Feb 29 2024 12:00:00 GMT+0530 (India Standard Time)",
	},
	"Australia/Lord_Howe": {
		"2024-01-05T04:04:06.007Z",
		"Fri Jul 05 2024 15:04:00 GMT+1030 (Lord Howe Standard Time)",
		"Sat Jan 06 2024 02:04:06 GMT+1100 (Lord Howe Daylight Time)",
		"01:34:06 GMT+1030 (Lord Howe Standard Time)",
		"Sat Jan 06 2024",
		"-660,-630",
		"2024-03-09T15:30:00.000Z",
		"2024-11-02T14:30:00.000Z",
		"2024-03-30T15:30:00.000Z",
		"2024-10-26T15:30:00.000Z",
		"2024-04-06T16:00:00.000Z",
		"2024-10-05T15:30:00.000Z",
		"2024-03-10T17:00:00.000Z",
		"2024-03-10T17:00:00.000Z 4",
		"2024-03-02T12:00:00.000Z",
		"2025-06-15T13:45:00.000Z",
		"1,1,14,0,2024",
		"1704409200000",
		"1704412800000",
		"1704409200000",
		"1720135800000",
		"1704441600000",
		"1/1/1970, 10:00:00 AM",
		"04/07/2024, 22:30:00 GMT+10:30",
		"22:30:00 Lord-Howe-Normalzeit",
		"Australia/Lord_Howe",
		"Wed Jan 01 1800 00:00:00 GMT+1036 (Lord Howe Daylight Time)",
		"-636",
		"Thu Jul 01 2100 00:00:00 GMT+1030 (Lord Howe Standard Time)",
		"Tue Jul 01 1969 10:00:00 GMT+1000 (Lord Howe Standard Time)",
		"-39600000",
		"Thu Feb 29 2024 12:00:00 GMT+1100 (Lord Howe Daylight Time)",
	},
	"Pacific/Chatham": {
		"2024-01-05T01:19:06.007Z",
		"Fri Jul 05 2024 15:04:00 GMT+1245 (Chatham Standard Time)",
		"Sat Jan 06 2024 04:49:06 GMT+1345 (Chatham Daylight Time)",
		"03:49:06 GMT+1245 (Chatham Standard Time)",
		"Sat Jan 06 2024",
		"-825,-765",
		"2024-03-09T12:45:00.000Z",
		"2024-11-02T11:45:00.000Z",
		"2024-03-30T12:45:00.000Z",
		"2024-10-26T12:45:00.000Z",
		"2024-04-06T12:45:00.000Z",
		"2024-10-05T12:45:00.000Z",
		"2024-03-10T17:00:00.000Z",
		"2024-03-10T17:00:00.000Z 6",
		"2024-01-31T12:00:00.000Z",
		"2025-06-14T13:30:00.000Z",
		"1,1,16,0,2024",
		"1704399300000",
		"1704412800000",
		"1704399300000",
		"1720127700000",
		"1704441600000",
		"1/1/1970, 12:45:00 PM",
		"05/07/2024, 0:45:00 GMT+12:45",
		"0:45:00 Chatham-Normalzeit",
		"Pacific/Chatham",
		"Wed Jan 01 1800 00:00:00 GMT+1213 (Chatham Daylight Time)",
		"-733",
		"Thu Jul 01 2100 00:00:00 GMT+1245 (Chatham Standard Time)",
		"Tue Jul 01 1969 12:45:00 GMT+1245 (Chatham Standard Time)",
		"-49500000",
		"Thu Feb 29 2024 12:00:00 GMT+1345 (Chatham Daylight Time)",
	},
	"America/Sao_Paulo": {
		"2024-01-05T18:04:06.007Z",
		"Fri Jul 05 2024 15:04:00 GMT-0300 (Brasilia Standard Time)",
		"Fri Jan 05 2024 12:04:06 GMT-0300 (Brasilia Standard Time)",
		"12:04:06 GMT-0300 (Brasilia Standard Time)",
		"Fri Jan 05 2024",
		"180,180",
		"2024-03-10T05:30:00.000Z",
		"2024-11-03T04:30:00.000Z",
		"2024-03-31T05:30:00.000Z",
		"2024-10-27T05:30:00.000Z",
		"2024-04-07T05:30:00.000Z",
		"2024-10-06T05:30:00.000Z",
		"2024-03-10T17:00:00.000Z",
		"2024-03-10T17:00:00.000Z 14",
		"2024-03-02T12:00:00.000Z",
		"2025-06-15T13:15:00.000Z",
		"1,1,0,0,2024",
		"1704459600000",
		"1704412800000",
		"1704459600000",
		"1720184400000",
		"1704441600000",
		"12/31/1969, 9:00:00 PM",
		"04/07/2024, 9:00:00 GMT-3",
		"9:00:00 Brasília-Normalzeit",
		"America/Sao_Paulo",
		"Wed Jan 01 1800 00:00:00 GMT-0306 (Brasilia Standard Time)",
		"186",
		"Thu Jul 01 2100 00:00:00 GMT-0300 (Brasilia Standard Time)",
		"Mon Jun 30 1969 21:00:00 GMT-0300 (Brasilia Standard Time)",
		"10800000",
		"Thu Feb 29 2024 12:00:00 GMT-0300 (Brasilia Standard Time)",
	},
}

// TestDateInZone checks local-time behaviour (components, DST gaps and overlaps, toString,
// parsing of local forms, zone names) in zones other than UTC against Node.
func TestDateInZone(t *testing.T) {
	for zone, want := range zoneResults {
		t.Run(zone, func(t *testing.T) {
			loc, err := time.LoadLocation(zone)
			require.NoError(t, err)
			got := evalIn(t, loc, zoneExprs)
			for i := range want {
				assert.Equal(t, want[i], got[i], zoneExprs[i])
			}
		})
	}
}
