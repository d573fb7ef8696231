// Package output is the only code that writes a build's files. A build
// writes into a fresh staging folder beside the destination and, when every
// file is written, commits it: the staging folder, completed, takes the
// destination's place in one step, so a failed or killed build leaves the
// previous destination as it was, and the destination is at every moment
// either the previous build or the new one. With a manifest of the last
// build (Options), a file whose content and destination file are unchanged
// is not written again but hard-linked into the staging folder. Files the
// last build made and this one does not disappear; files and folders the
// last build did not write are carried into the new destination, unless
// Options.Clean says to drop them, and one at a name this build makes
// stops the commit (InTheWayError) rather than be deleted.
package output

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
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
// not written again but linked into the staging folder by Commit, which
// then puts the whole staged build in the destination's place in one step.
type Stage struct {
	dest     string // absolute, symbolic links resolved
	dir      string
	manifest string    // the manifest file; "" without one
	old      *manifest // the last build's, when it describes dest
	oldFile  string    // the file old was read from
	rewrite  bool      // write every file all the same
	clean    bool      // keep nothing the build does not make
	spare    string    // where the spare is kept; "" for none (see spareFor)
	reused   bool      // the staging folder is the spare

	mkMu  sync.Mutex // held while making folders (mkdir)
	mu    sync.Mutex
	dirs  map[string]bool // folders made in the staging folder
	files map[string]outFile
	// parents are the folders the files of the build are in (files),
	// kept ones too: a file of the build at one of their names, or a
	// folder of the build at a file's name, is an error (claim), never a
	// file of the build removed to make room for the other.
	parents map[string]bool
	// destDirs is what lstat said of folders of the destination when a
	// file in them was about to be skipped.
	destDirs map[string]destDir
	written  int
	removed  int
	mfErr    error
	// byHand are the files of the last build that this one does not
	// make and that were changed since it wrote them (see gone): they are
	// someone's now, and stay.
	byHand map[string]bool
	// goneFiles are the files of the last build that this one removes
	// (see gone).
	goneFiles []string
	// kept are the entries of the destination that no build wrote, which
	// Commit kept (see Stats.Kept).
	kept []string

	// step, when set, is called before each step of Commit that changes
	// something outside the staging folder, with the step's name; an
	// error stops the commit there, as a kill would (tests).
	step func(name string) error
}

// outFile is one file of the build.
type outFile struct {
	fileEntry
	written bool // into the staging folder; false: the destination holds it
	pending bool // being written (claim): neither written nor kept yet
}

// Options are the choices of NewStageOptions.
type Options struct {
	// Manifest is the folder keeping the manifest of each destination's
	// last build (tearsheet uses SOURCE/.cache/output). Empty: no
	// manifest; every file is written.
	Manifest string
	// Rewrite writes every file again even where the destination holds it
	// already (tearsheet build --no-cache). The manifest is still written
	// for the next build.
	Rewrite bool
	// Clean makes the destination exactly the build: Commit keeps nothing
	// the build does not make, also files the last build did not write.
	// Without it, NewStageOptions refuses a destination that holds files
	// but has no manifest (ForeignError), and Commit keeps in the
	// destination every file and folder the last build did not write.
	Clean bool
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
	// removed because this build no longer makes them, and with
	// Options.Clean the files and folders that the last build did not
	// write.
	Removed int
	// ByHand lists, sorted, the files of the previous build that this one
	// no longer makes but that were changed in the destination since that
	// build wrote them: Commit keeps them (but with Options.Clean), as it
	// keeps every file no build wrote.
	ByHand []string
	// Gone lists, sorted, the files of the previous build that this one
	// no longer makes and that Commit removed (those Options.Clean removes
	// besides, which no build of the manifest wrote, are not listed).
	Gone []string
	// Kept lists, sorted, the entries of the destination that no build
	// wrote (put there by hand, or by another program) and Commit kept
	// (Options.Clean removes them): the outermost of each tree, a folder's
	// name ending in "/". A file of the last build changed since (ByHand)
	// is not listed, nor is a name of tearsheet's own (a staging folder of
	// a build into a folder inside the destination, a manifest), nor the
	// top .git (a destination that is a checkout of a gh-pages branch). Known
	// after Commit; when it left the destination as it was, of the
	// destination's top folder only (see Commit).
	Kept []string
	// ManifestErr is why Commit could not put the new manifest in place:
	// the build is in place, and the next build finds the manifest where
	// Commit left it.
	ManifestErr error
}

// ForeignError is the error of NewStageOptions for a destination that
// holds files but no manifest of a build into it: a folder tearsheet did
// not build, or one whose manifest was deleted. Options.Clean takes it
// over.
type ForeignError struct {
	Dest    string
	Entries []string // a few of its entries, sorted
}

func (e *ForeignError) Error() string {
	return fmt.Sprintf("output: %s holds files (%s) but no record of a tearsheet build into it", e.Dest, strings.Join(e.Entries, ", "))
}

// InTheWayError is the error of Commit for a destination holding entries
// that no build wrote at a name the build writes a file at or needs a
// folder at (a file of the last build changed by hand since is the
// build's, and replaced): replacing
// them would delete someone's files, so the build stops and the
// destination is left as it was. Options.Clean replaces them.
type InTheWayError struct {
	Dest    string
	Entries []string // each with what stands in its way, sorted
}

func (e *InTheWayError) Error() string {
	return fmt.Sprintf("output: %s holds what no build wrote at names this build writes: %s; a build replaces only what a build wrote: move them out of %s (into the site's static/ to publish them with every build), or delete them",
		e.Dest, strings.Join(e.Entries, "; "), e.Dest)
}

const stagePrefix = ".tearsheet-stage-"

// NewStage makes a staging folder beside dest, without a manifest: every
// file is written and Commit replaces dest whole (Options.Clean). Staging
// folders left by builds that were killed are removed first.
func NewStage(dest string) (*Stage, error) { return NewStageOptions(dest, Options{Clean: true}) }

// NewStageOptions makes a staging folder beside dest (after Resolve) and
// reads the manifest of dest's last build from opts.Manifest; a missing,
// corrupt or foreign manifest means every file is written. Staging
// folders left by builds that were killed are removed first, and a
// previous build that one left beside a missing dest is put back. It
// refuses a dest that is a mount point (it cannot be replaced in one
// step) and, without opts.Clean, one that holds files but no manifest
// (ForeignError).
func NewStageOptions(dest string, opts Options) (*Stage, error) {
	dest, err := Resolve(dest)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	// The manifest records dest from its folder (a copied site keeps its
	// record): both must be resolved alike, or a relative manifest folder
	// (tearsheet build run in the site folder) records no such path.
	if opts.Manifest != "" {
		if opts.Manifest, err = Resolve(opts.Manifest); err != nil {
			return nil, fmt.Errorf("output: manifest folder: %w", err)
		}
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	spare := spareFor(opts.Manifest, dest, parent)
	removeStale(parent, dest, spare)
	info, err := os.Lstat(dest)
	exists := err == nil
	if exists && !info.IsDir() {
		return nil, fmt.Errorf("output: %s exists and is not a folder: remove it or choose another --destination", dest)
	}
	if exists {
		if pinfo, err := os.Lstat(parent); err == nil && device(pinfo) != device(info) {
			return nil, fmt.Errorf("output: %s is a mount point, which cannot be replaced in one step as a build replaces its destination: build into a folder inside it, such as %s", dest, filepath.Join(dest, "site"))
		}
	}
	s := &Stage{dest: dest, dirs: map[string]bool{".": true}, files: map[string]outFile{}, parents: map[string]bool{".": true}, destDirs: map[string]destDir{}, rewrite: opts.Rewrite, clean: opts.Clean, spare: spare}
	if opts.Manifest != "" {
		s.manifest = manifestFile(opts.Manifest, dest)
		if exists {
			s.old, s.oldFile = readManifest(opts.Manifest, dest, rootOf(info))
		}
		// A next manifest not taken is that of a build killed before its
		// swap: its root, a staging folder now gone, names nothing.
		if next := nextFile(opts.Manifest, dest); next != s.oldFile {
			_ = os.Remove(next)
		}
	}
	if exists && s.old == nil && !opts.Clean {
		if names := someEntries(dest, 3); len(names) > 0 {
			return nil, &ForeignError{Dest: dest, Entries: names}
		}
	}
	s.dir, err = os.MkdirTemp(parent, stagePrefix+filepath.Base(dest)+"-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("output: making a staging folder beside %s: %w", dest, err)
	}
	// Without a destination every file is written: no use for the spare.
	s.reused = exists && s.claimSpare()
	return s, nil
}

// someEntries returns up to n names of entries of the folder dir, sorted.
func someEntries(dir string, n int) []string {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer f.Close()
	names, _ := f.Readdirnames(n)
	sort.Strings(names)
	return names
}

// Resolve returns the absolute form of the path p with every symbolic
// link resolved, "." and ".." included: of the part of p that exists, as
// the rest does not exist yet. A link to nothing is an error.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for d := abs; ; d = filepath.Dir(d) {
		r, err := filepath.EvalSymlinks(d)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if fi, lerr := os.Lstat(d); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(d)
			return "", fmt.Errorf("%s is a link to %s, which does not exist", d, target)
		}
		if filepath.Dir(d) == d {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(d), rest)
	}
}

// oldSuffix ends the name of the folder holding the previous build while
// a commit without an atomic exchange moves the new one in.
const oldSuffix = "-old"

// removeStale deletes the staging folders of dead processes beside dest,
// or keeps one as the spare when there is none. When dest is missing
// because a build was killed between its two renames (systems without an
// atomic exchange), the previous build it moved aside is put back.
func removeStale(parent, dest, spare string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := stagePrefix + filepath.Base(dest) + "-"
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
		p := filepath.Join(parent, name)
		if strings.HasSuffix(name, oldSuffix) {
			if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) && os.Rename(p, dest) == nil {
				continue
			}
		}
		if spare != "" {
			if _, err := os.Lstat(spare); errors.Is(err, fs.ErrNotExist) && os.Rename(p, spare) == nil {
				continue
			}
		}
		_ = os.RemoveAll(p)
	}
}

// Dir returns the staging folder.
func (s *Stage) Dir() string { return s.dir }

// Stats returns the counts so far; Removed and ManifestErr are known after
// Commit.
func (s *Stage) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	var byHand []string
	if !s.clean {
		byHand = slices.Sorted(maps.Keys(s.byHand))
	}
	return Stats{Files: len(s.files), Written: s.written, Removed: s.removed, ByHand: byHand, Gone: slices.Sorted(slices.Values(s.goneFiles)), Kept: s.kept, ManifestErr: s.mfErr}
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
	s.mu.Lock()
	err := s.claim(name)
	s.mu.Unlock()
	if err != nil {
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
	if s.reused {
		if err := clearPath(s.stagePath(name)); err != nil {
			return fmt.Errorf("output: %w", err)
		}
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
	for _, k := range files {
		// A file of the build at its name or a folder's: the caller
		// makes the files again, which WriteFile refuses.
		if s.inTheWay(k.Name) != nil {
			return false
		}
	}
	for i, k := range files {
		if _, dup := s.files[k.Name]; dup {
			for _, added := range files[:i] {
				delete(s.files, added.Name)
			}
			return false
		}
		s.files[k.Name] = entries[i]
	}
	for _, k := range files {
		s.addParents(k.Name)
	}
	return true
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

// add records a file of the build, claimed before it was written.
func (s *Stage) add(name string, f outFile) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.files[name]; ok && !prev.pending {
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
	// One at a time: in a reused staging folder, making a folder may mean
	// removing what stands in its place, which must not race with another
	// writer that has just made it.
	s.mkMu.Lock()
	defer s.mkMu.Unlock()
	return s.mkdirLocked(d)
}

func (s *Stage) mkdirLocked(d string) error {
	s.mu.Lock()
	done := s.dirs[d]
	s.mu.Unlock()
	if done {
		return nil
	}
	// The staging folder starts empty, so a folder not made yet is made
	// after its parent with one mkdir: MkdirAll would stat every level.
	if err := s.mkdirLocked(path.Dir(d)); err != nil {
		return err
	}
	if err := os.Mkdir(s.stagePath(d), 0o755); err != nil {
		if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("output: %w", err)
		}
		// A reused staging folder may hold a file or link there: an
		// earlier build's, never this one's (claim).
		if fi, err := os.Lstat(s.stagePath(d)); err != nil || !fi.IsDir() {
			s.mu.Lock()
			_, mine := s.files[d]
			s.mu.Unlock()
			if mine {
				return fmt.Errorf("output: %s is both a file and a folder of this build", d)
			}
			if err := clearPath(s.stagePath(d)); err != nil {
				return fmt.Errorf("output: %w", err)
			}
			if err := os.Mkdir(s.stagePath(d), 0o755); err != nil {
				return fmt.Errorf("output: %w", err)
			}
		}
	}
	s.mu.Lock()
	s.dirs[d] = true
	s.mu.Unlock()
	return nil
}

// Abort removes the staging folder, or keeps it as the spare; the
// destination is untouched.
func (s *Stage) Abort() error { return s.giveBack(s.dir) }
