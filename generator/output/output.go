// Package output is the only code that writes a build's files. A build
// writes into a fresh staging folder beside the destination and, when every
// file is written, commits it: a failed or killed build leaves the previous
// destination as it was. With a manifest of the last build (Options), a
// file whose content and destination file are unchanged is not written
// again and the commit moves only the written files into the destination;
// without one, the staging folder is swapped into place in one step. Files
// a build no longer produces disappear either way.
package output

import (
	"crypto/sha256"
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

// Stage is a staging folder that becomes the destination on Commit. With a
// manifest of the destination's last build it is incremental: a file whose
// content is unchanged and that the destination still holds as written is
// not written again, and Commit moves only the written files into the
// destination and removes those the build no longer makes.
type Stage struct {
	dest     string // absolute
	dir      string
	manifest string    // the manifest file; "" without one
	old      *manifest // the last build's, when it can be trusted
	rewrite  bool      // write every file all the same

	mu    sync.Mutex
	dirs  map[string]bool // folders made in the staging folder
	files map[string]outFile
	// destDirs is what lstat said of folders of the destination when a
	// file in them was about to be skipped.
	destDirs map[string]destDir
	written  int
	removed  int
	mfErr    error

	// beforeChange, when set, is called before each change an incremental
	// Commit makes to the destination; an error stops the commit there, as
	// a kill would (tests).
	beforeChange func() error
}

// outFile is one file of the build.
type outFile struct {
	fileEntry
	written bool // into the staging folder; false: the destination holds it
}

// Options are the choices of NewStageOptions.
type Options struct {
	// Manifest is the folder keeping the manifest of each destination's
	// last build (tearsheet uses SOURCE/.cache/output). Empty: no
	// manifest; every file is written and Commit replaces the destination
	// whole, as NewStage does.
	Manifest string
	// Rewrite writes every file again even where the destination holds it
	// already (tearsheet build --no-cache). The manifest is still written
	// for the next build.
	Rewrite bool
}

// Stats counts what a Stage did.
type Stats struct {
	// Files is the number of files of the build.
	Files int
	// Written is the number of files written into the staging folder: those
	// new or changed, or held no longer by the destination; every file
	// without a usable manifest.
	Written int
	// Removed is the number of files of the previous build that Commit
	// removed because this build no longer makes them.
	Removed int
	// ManifestErr is why Commit could not write the manifest: the build is
	// in place, and the next build compares with the manifest before it,
	// which is safe but writes again the files changed since.
	ManifestErr error
}

// CommitError is an error of Commit after it began changing the
// destination, which may then hold part of the new build; the next build
// repairs it (the manifest is replaced only after a whole commit).
type CommitError struct {
	Dest string
	Err  error
}

func (e *CommitError) Error() string { return fmt.Sprintf("output: updating %s: %v", e.Dest, e.Err) }

func (e *CommitError) Unwrap() error { return e.Err }

const stagePrefix = ".tearsheet-stage-"

// NewStage makes a staging folder beside dest, without a manifest: every
// file is written and Commit replaces dest whole. Staging folders left by
// builds that were killed are removed first.
func NewStage(dest string) (*Stage, error) { return NewStageOptions(dest, Options{}) }

// NewStageOptions makes a staging folder beside dest and reads the manifest
// of dest's last build from opts.Manifest; a missing, corrupt or foreign
// manifest means every file is written. Staging folders left by builds that
// were killed are removed first.
func NewStageOptions(dest string, opts Options) (*Stage, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	removeStale(parent, filepath.Base(dest))
	dir, err := os.MkdirTemp(parent, stagePrefix+filepath.Base(dest)+"-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("output: making a staging folder beside %s: %w", dest, err)
	}
	s := &Stage{dest: dest, dir: dir, dirs: map[string]bool{".": true}, files: map[string]outFile{}, destDirs: map[string]destDir{}, rewrite: opts.Rewrite}
	if opts.Manifest != "" {
		s.manifest = manifestFile(opts.Manifest, dest)
		s.old = readManifest(s.manifest, dest)
	}
	return s, nil
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

// Stats returns the counts so far; Removed and ManifestErr are known after
// Commit.
func (s *Stage) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Files: len(s.files), Written: s.written, Removed: s.removed, ManifestErr: s.mfErr}
}

// destPath and stagePath turn a slash name into a path in the destination
// and in the staging folder.
func (s *Stage) destPath(name string) string {
	if name == "." {
		return s.dest
	}
	return s.dest + string(filepath.Separator) + filepath.FromSlash(name)
}

func (s *Stage) stagePath(name string) string {
	return s.dir + string(filepath.Separator) + filepath.FromSlash(name)
}

// WriteFile writes one file into the staging folder, unless the manifest
// says the destination holds this very content as the last build wrote it.
func (s *Stage) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	var f outFile
	f.stat.size = int64(len(data))
	if s.manifest != "" {
		f.sum = sha256.Sum256(data)
	}
	if prev, ok := s.held(name, f.sum, f.stat.size); ok {
		f.stat = prev.stat
		return s.add(name, f)
	}
	if err := s.mkdir(path.Dir(name)); err != nil {
		return err
	}
	st, err := writeFile(s.stagePath(name), data, s.manifest != "")
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	f.stat, f.written = st, true
	return s.add(name, f)
}

// Kept is a file of the last build that a build keeps without making it
// again: its name and the SHA-256 and size of the content it must have.
type Kept struct {
	Name string
	Sum  [sha256.Size]byte
	Size int64
}

// Keep adds the files to the build as the destination holds them, without
// their content, when the manifest says the last build wrote each with
// this very content and lstat still says the same of it; it reports
// whether it did. It keeps all of the files or none: a caller whose files
// are not all there makes them again.
func (s *Stage) Keep(files []Kept) bool {
	entries := make([]outFile, len(files))
	for i, k := range files {
		prev, ok := s.held(k.Name, k.Sum, k.Size)
		if !ok || CheckName(k.Name) != nil {
			return false
		}
		entries[i] = outFile{fileEntry: prev}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, k := range files {
		if _, dup := s.files[k.Name]; dup {
			for _, added := range files[:i] {
				delete(s.files, added.Name)
			}
			return false
		}
		s.files[k.Name] = entries[i]
	}
	return true
}

// Kept returns the file name as the build has written or kept it, with the
// SHA-256 and size of its content, when the stage keeps a manifest.
func (s *Stage) Kept(name string) (Kept, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[name]
	if !ok || s.manifest == "" {
		return Kept{}, false
	}
	return Kept{Name: name, Sum: f.sum, Size: f.stat.size}, true
}

// held returns the manifest's entry of the file name when the last build
// wrote it with this content (sum and size) and the destination still holds
// it as written.
func (s *Stage) held(name string, sum [sha256.Size]byte, size int64) (fileEntry, bool) {
	if s.old == nil || s.rewrite {
		return fileEntry{}, false
	}
	prev, ok := s.old.files[name]
	if !ok || prev.sum != sum || prev.stat.size != size || !s.destDir(path.Dir(name)).real {
		return fileEntry{}, false
	}
	fi, err := os.Lstat(s.destPath(name))
	if err != nil || !fi.Mode().IsRegular() || statOf(fi) != prev.stat {
		return fileEntry{}, false
	}
	return prev, true
}

// destDir is what lstat says of a folder of the destination.
type destDir struct {
	real bool // a folder, and so are its parents up to the destination
	stat fileStat
}

// destDir returns what lstat says of the folder d of the destination, once
// per build. A file is skipped only when its folders are real folders: one
// replaced by a link to a folder holding the file would satisfy the file's
// own lstat, and the commit would replace the link.
func (s *Stage) destDir(d string) destDir {
	s.mu.Lock()
	dd, ok := s.destDirs[d]
	s.mu.Unlock()
	if ok {
		return dd
	}
	if d == "." || s.destDir(path.Dir(d)).real {
		if fi, err := os.Lstat(s.destPath(d)); err == nil && fi.IsDir() {
			dd = destDir{real: true, stat: statOf(fi)}
		}
	}
	s.mu.Lock()
	s.destDirs[d] = dd
	s.mu.Unlock()
	return dd
}

// add records a file of the build.
func (s *Stage) add(name string, f outFile) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.files[name]; dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	s.files[name] = f
	if f.written {
		s.written++
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
	if err := os.Mkdir(s.stagePath(d), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("output: %w", err)
	}
	s.mu.Lock()
	s.dirs[d] = true
	s.mu.Unlock()
	return nil
}

// Abort removes the staging folder; the destination is untouched.
func (s *Stage) Abort() error { return os.RemoveAll(s.dir) }

// Memory keeps a build's files in memory, for the preview server and tests.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return NewMemorySize(0) }

// NewMemorySize returns an empty Memory with room for about n files.
func NewMemorySize(n int) *Memory { return &Memory{files: make(map[string][]byte, n)} }

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
