// Package output is the only code that writes a build's files. A build
// writes into a fresh staging folder beside the destination and, when every
// file is written, swaps it into place in one step; a failed or killed build
// leaves the previous destination as it was. Files a build no longer
// produces disappear with the old folder.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Writer receives the files of a build. name is a slash path relative to the
// site root, such as "2024/05/rally/index.html". Implementations are safe for
// concurrent use.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// CheckName reports whether name is a clean relative slash path that stays
// inside the output folder.
func CheckName(name string) error {
	if name == "" || path.IsAbs(name) || strings.Contains(name, `\`) || path.Clean(name) != name || name == "." || strings.HasPrefix(name, "../") || name == ".." {
		return fmt.Errorf("output name %q is not a clean path inside the site", name)
	}
	return nil
}

// Stage is a staging folder that becomes the destination on Commit.
type Stage struct {
	dest string
	dir  string

	mu   sync.Mutex
	dirs map[string]bool
}

const stagePrefix = ".tearsheet-stage-"

// NewStage makes a staging folder beside dest. Staging folders left by
// builds that were killed are removed first.
func NewStage(dest string) (*Stage, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	removeStale(parent, filepath.Base(dest))
	dir, err := os.MkdirTemp(parent, stagePrefix+filepath.Base(dest)+"-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("output: making a staging folder beside %s: %w", dest, err)
	}
	return &Stage{dest: dest, dir: dir, dirs: map[string]bool{".": true}}, nil
}

// removeStale deletes staging folders of dead processes.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := stagePrefix + base + "-"
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) {
			continue
		}
		pidText, _, _ := strings.Cut(strings.TrimPrefix(name, prefix), "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() {
			continue
		}
		if alive(pid) {
			continue // a live build owns it
		}
		_ = os.RemoveAll(filepath.Join(parent, name))
	}
}

// Dir returns the staging folder.
func (s *Stage) Dir() string { return s.dir }

// WriteFile writes one file into the staging folder.
func (s *Stage) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if err := s.mkdir(path.Dir(name)); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(s.dir, filepath.FromSlash(name)), data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

func (s *Stage) mkdir(d string) error {
	s.mu.Lock()
	done := s.dirs[d]
	s.mu.Unlock()
	if done {
		return nil
	}
	// The staging folder starts empty, so a folder not made yet is made
	// after its parent with one mkdir: MkdirAll would stat every level.
	if err := s.mkdir(path.Dir(d)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("output: %w", err)
	}
	s.mu.Lock()
	s.dirs[d] = true
	s.mu.Unlock()
	return nil
}

// Commit puts the staging folder in the destination's place. Where the
// system can, the two folders are exchanged in one atomic rename; otherwise
// the old folder is moved aside first. The old build is then removed.
func (s *Stage) Commit() error {
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	info, err := os.Lstat(s.dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Rename(s.dir, s.dest); err != nil {
			return fmt.Errorf("output: moving the build into %s: %w", s.dest, err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("output: %w", err)
	case !info.IsDir():
		return fmt.Errorf("output: %s exists and is not a folder: remove it or choose another --destination", s.dest)
	}
	if err := exchange(s.dir, s.dest); err == nil {
		// s.dir now holds the old build.
		return os.RemoveAll(s.dir)
	}
	old := s.dir + "-old"
	if err := os.Rename(s.dest, old); err != nil {
		return fmt.Errorf("output: moving the old build aside: %w", err)
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		_ = os.Rename(old, s.dest)
		return fmt.Errorf("output: moving the build into %s: %w", s.dest, err)
	}
	return os.RemoveAll(old)
}

// Abort removes the staging folder; the destination is untouched.
func (s *Stage) Abort() error { return os.RemoveAll(s.dir) }

// Memory keeps a build's files in memory, for the preview server and tests.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a copy of data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	return m.Share(name, append([]byte(nil), data...))
}

// Share stores data under name without copying it: the caller promises
// never to change it (a Session's cached pages).
func (m *Memory) Share(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	m.files[name] = data
	return nil
}

// Get returns the file stored under name.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	return b, ok
}

// Names returns the stored names, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.files))
	for n := range m.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
