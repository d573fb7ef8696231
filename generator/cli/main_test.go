package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// testBinary is the tearsheet command the tests that drive it share
// (tearsheetBinary): linking it takes seconds, ten times over when each
// test built its own. It is built on first use, into a folder TestMain
// removes when the tests end.
var testBinary binaryBuild

// binaryBuild builds the tearsheet command once, into dir.
type binaryBuild struct {
	dir  string
	once sync.Once
	path string
	err  error
}

// get builds the binary the first time it is called and returns its path,
// or the error of that one build, every time.
func (b *binaryBuild) get() (string, error) {
	b.once.Do(func() {
		if b.dir == "" {
			b.err = fmt.Errorf("go build: no folder for the binary (TestMain did not run)")
			return
		}
		bin := filepath.Join(b.dir, "tearsheet")
		args := []string{"build", "-buildvcs=auto", "-o", bin}
		if raceBuild {
			args = append(args, "-race")
		}
		if out, err := exec.Command("go", append(args, "../cmd/tearsheet")...).CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go build: %w\n%s", err, out)
			return
		}
		b.path = bin
	})
	return b.path, b.err
}

// The package's longest tests (TestModel, TestPageCache, the input
// suites TestBadInput and TestGoodInput, case by case, and
// TestKilledBuildsLeaveAWholeBuild) call t.Parallel: each works in folders
// of its own, and they run together (as many at once as -parallel says,
// GOMAXPROCS by default) only once every other test has finished, so that
// the tests that time a process (a signal's stop within 2 s, serve's
// answers) still run alone, as before. None sets the environment or the
// working folder.
//
// TestMain makes the folder of the shared tearsheet binary (testBinary)
// and removes it once the tests end.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tearsheet-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "a folder for the tearsheet binary:", err)
		os.Exit(1)
	}
	testBinary.dir = dir
	code := m.Run()
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, "removing the tearsheet binary's folder:", err)
	}
	os.Exit(code)
}
