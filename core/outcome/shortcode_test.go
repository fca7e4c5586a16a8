package outcome

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Only short plain codes are echoed: 1..max ASCII letters or digits, every one of
// them checked.
func TestShortCode(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"0", true}, {"9", true}, {"A", true}, {"Z", true}, {"a", true}, {"z", true}, {"A0z9", true},
		{"", false}, {"ABCDE", false}, {"A-", false}, {"-A", false}, {"A B", false}, {"/", false}, {":", false}, {"@", false}, {"[", false}, {"`", false}, {"{", false},
		{"Aé", false},
	} {
		got, ok := shortCode(c.in, 4)
		require.Equal(t, c.ok, ok, "%q", c.in)
		if c.ok {
			require.Equal(t, c.in, got)
		} else {
			require.Empty(t, got)
		}
	}
}

func TestVersion(t *testing.T) {
	for in, want := range map[string]string{
		"2.2.0": "2.2.0", " 2.1.0 ": "2.1.0", "1234567.90": "1234567.90", "12345678.01": "", "": "",
		"2.2.0a": "", "2/2": "", "0.9": "0.9", "9.0": "9.0", "2,2": "", "1234": "", // a version has a dot
	} {
		require.Equal(t, want, version(in), "%q", in)
	}
}
