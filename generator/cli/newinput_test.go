package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNewReadsAsBuild: tearsheet new reads site.yaml and the dataset of
// its example chart as a build does. A named pipe as site.yaml is an error
// naming it, not a command that blocks for ever; a dataset file that is a
// pipe or a link to /dev/zero is passed over, not read for ever (the link
// ran the machine out of memory).
func TestNewReadsAsBuild(t *testing.T) {
	dir := fixture(t)
	if err := os.Remove(filepath.Join(dir, "site.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(filepath.Join(dir, "site.yaml")); errors.Is(err, errors.ErrUnsupported) {
		t.Skip("named pipes: ", err)
	} else if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runWithin(t, 10*time.Second, "new", "post", "Hello", "--source", dir)
	if code != 1 || !strings.Contains(errOut, "site.yaml: open site.yaml: not a regular file (a named pipe)") {
		t.Errorf("site.yaml a pipe: exit %d, stderr %q", code, errOut)
	}
	for _, link := range []bool{false, true} {
		dir := fixture(t)
		csv := filepath.Join(dir, "content", "data", "policy.csv")
		if err := os.Remove(csv); err != nil {
			t.Fatal(err)
		}
		var err error
		if link {
			err = os.Symlink("/dev/zero", csv)
		} else {
			err = mkfifo(csv)
		}
		if err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runWithin(t, 10*time.Second, "new", "post", "Hello", "--source", dir)
		if code != 0 {
			t.Errorf("dataset file a pipe or link (%v): exit %d, stderr %q", link, code, errOut)
			continue
		}
		made := strings.TrimSpace(strings.SplitN(out, "\n", 2)[0])
		if !filepath.IsAbs(made) {
			made = filepath.Join(dir, made)
		}
		b, err := os.ReadFile(made)
		if err != nil || strings.Contains(string(b), "data: \"policy\"") {
			t.Errorf("the new article's example chart reads the dataset it could not read: %v\n%s", err, b)
		}
	}
}
