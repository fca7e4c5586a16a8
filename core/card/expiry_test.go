package card

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func utc(y int, m time.Month, d, hh, mm, ss, ns int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, ns, time.UTC)
}

func mustExpiry(t *testing.T, month, year string) Expiry {
	t.Helper()
	e, err := ParseExpiry(month, year)
	require.NoError(t, err)
	return e
}

func TestParseExpiry(t *testing.T) {
	tests := []struct {
		month, year string
		reason      string
		wantMonth   int
		wantYY      string
	}{
		{"01", "29", "", 1, "29"},
		{"12", "00", "", 12, "00"},
		{"09", "99", "", 9, "99"},
		{"07", "2031", "", 7, "31"},
		{"07", "1999", "", 7, "99"},
		{"07", "9999", "", 7, "99"},

		{"", "29", ReasonMonth, 0, ""},
		{"1", "29", ReasonMonth, 0, ""},
		{"00", "29", ReasonMonth, 0, ""},
		{"13", "29", ReasonMonth, 0, ""},
		{"99", "29", ReasonMonth, 0, ""},
		{"001", "29", ReasonMonth, 0, ""},
		{" 1", "29", ReasonMonth, 0, ""},
		{"+1", "29", ReasonMonth, 0, ""},
		{"-1", "29", ReasonMonth, 0, ""},
		{"1a", "29", ReasonMonth, 0, ""},
		{"０１", "29", ReasonMonth, 0, ""},
		{"13", "x", ReasonMonth, 0, ""}, // month is checked first

		{"01", "", ReasonYear, 0, ""},
		{"01", "2", ReasonYear, 0, ""},
		{"01", "202", ReasonYear, 0, ""},
		{"01", "0029", ReasonYear, 0, ""},
		{"01", "02029", ReasonYear, 0, ""},
		{"01", "2a", ReasonYear, 0, ""},
		{"01", "-29", ReasonYear, 0, ""},
		{"01", " 29", ReasonYear, 0, ""},
		{"01", "２９", ReasonYear, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.month+"/"+tt.year, func(t *testing.T) {
			e, err := ParseExpiry(tt.month, tt.year)
			require.Equal(t, tt.reason, ReasonOf(err))
			if err != nil {
				require.True(t, e.IsZero())
				return
			}
			require.Equal(t, tt.wantMonth, e.Month())
			require.Equal(t, tt.month, e.AntomMonth())
			require.Equal(t, tt.wantYY, e.AntomYear())
			require.Equal(t, tt.month+"/"+tt.wantYY, e.String())
		})
	}
}

func TestParseExpiryMessages(t *testing.T) {
	_, err := ParseExpiry("13", "29")
	require.EqualError(t, err, "card: expiry month must be two digits 01 to 12")
	_, err = ParseExpiry("12", "123456")
	require.EqualError(t, err, "card: expiry year must be two digits (YY) or four digits (YYYY)")
}

func TestZeroExpiry(t *testing.T) {
	var e Expiry
	require.True(t, e.IsZero())
	require.Equal(t, 0, e.Month())
	require.Equal(t, "", e.AntomMonth())
	require.Equal(t, "", e.AntomYear())
	require.Equal(t, "", e.String())
	now := utc(2026, 6, 15, 0, 0, 0, 0)
	require.True(t, e.ExpiredAt(now))
	require.False(t, e.TooFarInFuture(now))
	err := e.Check(now)
	require.Equal(t, ReasonExpired, ReasonOf(err))
	require.EqualError(t, err, "card: card expiry is missing")
}

func TestExpiredAtBoundaries(t *testing.T) {
	tests := []struct {
		name        string
		month, year string
		now         time.Time
		expired     bool
	}{
		{"first instant of month", "03", "24", utc(2024, 3, 1, 0, 0, 0, 0), false},
		{"last instant of month", "03", "24", utc(2024, 3, 31, 23, 59, 59, 999999999), false},
		{"first instant of next month", "03", "24", utc(2024, 4, 1, 0, 0, 0, 0), true},
		{"leap February last instant", "02", "24", utc(2024, 2, 29, 23, 59, 59, 999999999), false},
		{"leap February over", "02", "24", utc(2024, 3, 1, 0, 0, 0, 0), true},
		{"December last instant", "12", "24", utc(2024, 12, 31, 23, 59, 59, 999999999), false},
		{"December rolls to January", "12", "24", utc(2025, 1, 1, 0, 0, 0, 0), true},
		{"January after December", "01", "25", utc(2024, 12, 31, 23, 59, 59, 999999999), false},
		{"long ago", "01", "20", utc(2026, 6, 15, 0, 0, 0, 0), true},
		{"far ahead", "01", "35", utc(2026, 6, 15, 0, 0, 0, 0), false},
		{"4-digit year", "12", "2024", utc(2025, 1, 1, 0, 0, 0, 0), true},
		{"4-digit year valid", "12", "2024", utc(2024, 12, 31, 23, 59, 59, 0), false},

		// The boundary is UTC, whatever now's location.
		{"UTC+2 already April locally", "03", "24",
			time.Date(2024, 4, 1, 1, 0, 0, 0, time.FixedZone("UTC+2", 2*3600)), false},
		{"UTC-5 still March locally", "03", "24",
			time.Date(2024, 3, 31, 20, 0, 0, 0, time.FixedZone("UTC-5", -5*3600)), true},
		{"UTC+14 December 31 is UTC", "12", "24",
			time.Date(2025, 1, 1, 13, 59, 59, 0, time.FixedZone("UTC+14", 14*3600)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mustExpiry(t, tt.month, tt.year)
			require.Equal(t, tt.expired, e.ExpiredAt(tt.now))
			if tt.expired {
				require.Equal(t, ReasonExpired, ReasonOf(e.Check(tt.now)))
			}
		})
	}
}

func TestYearPivot(t *testing.T) {
	tests := []struct {
		now  int // year, UTC
		yy   string
		want int
	}{
		{2026, "26", 2026},
		{2026, "00", 2000},
		{2026, "29", 2029},
		{2026, "75", 2075}, // nowYear+49
		{2026, "76", 1976}, // nowYear-50
		{2026, "99", 1999},
		{2090, "40", 2040},
		{2090, "39", 2139},
		{2090, "10", 2110},
		{2099, "00", 2100},
		{2100, "99", 2099},
		{2049, "99", 1999},
		{2050, "99", 2099},
		{1, "29", 29},
	}
	for _, tt := range tests {
		e := mustExpiry(t, "06", tt.yy)
		now := utc(tt.now, 7, 1, 0, 0, 0, 0)
		require.Equal(t, tt.want, e.Year(now), "now %d yy %s", tt.now, tt.yy)
	}
	// A 4-digit year is taken literally.
	require.Equal(t, 2099, mustExpiry(t, "06", "2099").Year(utc(2026, 1, 1, 0, 0, 0, 0)))
	require.Equal(t, 1999, mustExpiry(t, "06", "1999").Year(utc(2090, 1, 1, 0, 0, 0, 0)))
	// The pivot uses the UTC year: 2025-12-31T23:00-05:00 is 2026 in UTC.
	e := mustExpiry(t, "06", "75")
	require.Equal(t, 2075, e.Year(time.Date(2025, 12, 31, 23, 0, 0, 0, time.FixedZone("UTC-5", -5*3600))))
	require.Equal(t, 1975, e.Year(utc(2025, 12, 31, 23, 0, 0, 0)))
}

func TestTooFarInFuture(t *testing.T) {
	now := utc(2026, 6, 15, 12, 0, 0, 0)
	tests := []struct {
		month, year string
		tooFar      bool
	}{
		{"06", "26", false},
		{"05", "46", false},
		{"06", "46", false}, // exactly MaxYearsAhead years
		{"07", "46", true},
		{"01", "75", true},
		{"06", "2046", false},
		{"07", "2046", true},
		{"01", "9999", true},
		{"01", "76", false}, // 1976: expired, not too far
	}
	for _, tt := range tests {
		e := mustExpiry(t, tt.month, tt.year)
		require.Equal(t, tt.tooFar, e.TooFarInFuture(now), "%s/%s", tt.month, tt.year)
		if tt.tooFar {
			err := e.Check(now)
			require.Equal(t, ReasonTooFarInFuture, ReasonOf(err))
			require.EqualError(t, err, "card: card expiry is more than 20 years in the future")
		}
	}
	require.NoError(t, mustExpiry(t, "06", "46").Check(now))
	require.NoError(t, mustExpiry(t, "06", "26").Check(now))
	err := mustExpiry(t, "05", "26").Check(now)
	require.EqualError(t, err, "card: card has expired")
	require.Equal(t, ReasonExpired, ReasonOf(mustExpiry(t, "01", "76").Check(now)))
}
