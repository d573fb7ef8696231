package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"baseURL", "permalink", "tags", "title", "rebase", "rolling_mean"}
	for _, tc := range []struct{ word, want string }{
		{"permlink", "permalink"},
		{"tgas", "tags"},
		{"baseurl", "baseURL"},
		{"rebsae", "rebase"},
		{"rolling_maen", "rolling_mean"},
		{"zzzzzz", ""},
		{"ab", ""},
	} {
		if got := Closest(tc.word, keys); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if d := Distance("kitten", "sitting"); d != 3 {
		t.Errorf("Distance(kitten, sitting) = %d, want 3", d)
	}
	if d := Distance("ab", "ba"); d != 1 {
		t.Errorf("a swap counts once: %d", d)
	}
}
