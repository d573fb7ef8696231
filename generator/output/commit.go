package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"sort"
	"time"
)

// Commit puts the build in the destination's place and then writes the
// manifest. When the destination does not exist, the staging folder is
// renamed into place. When the build wrote every file (no usable manifest,
// Rewrite, or everything changed), the two folders are exchanged in one
// atomic rename where the system can (otherwise the old folder is moved
// aside first) and the old build is removed. Otherwise the written files
// are renamed into the destination one by one and the files the build no
// longer makes are removed, with anything else found in a folder someone
// else changed since the last build. A commit killed halfway leaves whole
// files, old and new: the next build, still reading the old manifest,
// finds each changed file and folder by what lstat says of it and repairs
// them.
func (s *Stage) Commit() error {
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var dirStats map[string]fileStat
	var old string // the previous build, to remove last
	info, err := os.Lstat(s.dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if s.written < len(s.files) {
			return fmt.Errorf("output: %s disappeared during the build; build again", s.dest)
		}
		if err := os.Rename(s.dir, s.dest); err != nil {
			return fmt.Errorf("output: moving the build into %s: %w", s.dest, err)
		}
	case err != nil:
		return fmt.Errorf("output: %w", err)
	case !info.IsDir():
		return fmt.Errorf("output: %s exists and is not a folder: remove it or choose another --destination", s.dest)
	case s.written == len(s.files):
		if old, err = s.replace(); err != nil {
			return err
		}
		if s.old != nil {
			for name := range s.old.files {
				if _, ok := s.files[name]; !ok {
					s.removed++
				}
			}
		}
	default:
		if dirStats, err = s.merge(); err != nil {
			return &CommitError{Dest: s.dest, Err: err}
		}
		old = s.dir
	}
	s.saveManifest(dirStats)
	// What is left of the old build or the staging folder is named like a
	// staging folder of this process: if removing it fails, the next build
	// removes it.
	if old != "" {
		_ = os.RemoveAll(old)
	}
	return nil
}

// replace puts the staging folder in the destination's place and returns
// where the old build now is.
func (s *Stage) replace() (string, error) {
	if err := exchange(s.dir, s.dest); err == nil {
		return s.dir, nil // s.dir now holds the old build
	}
	old := s.dir + "-old"
	if err := os.Rename(s.dest, old); err != nil {
		return "", fmt.Errorf("output: moving the old build aside: %w", err)
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		_ = os.Rename(old, s.dest)
		return "", fmt.Errorf("output: moving the build into %s: %w", s.dest, err)
	}
	return old, nil
}

// folders returns every folder of the build: each file's parents, and ".".
func (s *Stage) folders() map[string]bool {
	dirs := map[string]bool{".": true}
	for name := range s.files {
		for d := path.Dir(name); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

// merge updates the existing destination in place from the staging folder
// and returns what lstat says of each folder of the build afterwards.
func (s *Stage) merge() (map[string]fileStat, error) {
	dirs := s.folders()
	stats := make(map[string]fileStat, len(dirs))
	isDir := make(map[string]bool, len(dirs)) // a folder in the destination
	touched := map[string]bool{}              // changed by this commit: lstat again

	// Folders someone else changed since the last build (or a killed
	// commit did) may hold anything: keep only what this build makes.
	// Parents first: a folder is a real one when its parent is too.
	order := slices.Sorted(maps.Keys(dirs))
	order = slices.DeleteFunc(order, func(d string) bool { return d == "." })
	for _, d := range append([]string{"."}, order...) {
		dd, ok := s.destDirs[d] // skipped files were checked, so their folders
		if !ok {
			dd = s.lstatDir(d)
		}
		if !dd.real || (d != "." && !isDir[path.Dir(d)]) {
			continue // made when a file is moved into it
		}
		isDir[d] = true
		st := dd.stat
		if prev, ok := s.old.dirs[d]; ok && prev == st {
			stats[d] = st
			continue
		}
		touched[d] = true
		entries, err := os.ReadDir(s.destPath(d))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			child := path.Join(d, e.Name())
			if _, ok := s.files[child]; ok || dirs[child] {
				continue
			}
			if err := s.change(); err != nil {
				return nil, err
			}
			if err := os.RemoveAll(s.destPath(child)); err != nil {
				return nil, err
			}
		}
	}

	// Files of the last build this one does not make go, with the
	// outermost folder holding them that this build does not make.
	gone := map[string]bool{}
	for name := range s.old.files {
		if _, ok := s.files[name]; ok {
			continue
		}
		s.removed++
		top := name
		for d := path.Dir(top); !dirs[d]; d = path.Dir(d) {
			top = d
		}
		if dirs[top] || gone[top] {
			continue // now a folder of the build, made when its files move in
		}
		if !isDir[path.Dir(top)] {
			// Its folder is not a real one of the destination: a file, or
			// a link, which must not be followed; either is replaced when
			// the build's files move in.
			continue
		}
		gone[top] = true
		if err := s.change(); err != nil {
			return nil, err
		}
		if err := removePath(s.destPath(top)); err != nil {
			return nil, err
		}
		touched[path.Dir(top)] = true
	}

	// The written files move in.
	var written []string
	for name, f := range s.files {
		if f.written {
			written = append(written, name)
		}
	}
	sort.Strings(written)
	for _, name := range written {
		if err := s.moveIn(name, isDir, touched); err != nil {
			return nil, err
		}
	}

	for d := range dirs {
		if _, ok := stats[d]; ok && !touched[d] {
			continue
		}
		fi, err := os.Lstat(s.destPath(d))
		if err != nil || !fi.IsDir() {
			delete(stats, d) // lost to someone else: the next build looks again
			continue
		}
		stats[d] = statOf(fi)
	}
	return stats, nil
}

// lstatDir is destDir without its parents and memory, for Commit, which
// holds the lock and looks at the parents itself.
func (s *Stage) lstatDir(d string) destDir {
	if fi, err := os.Lstat(s.destPath(d)); err == nil && fi.IsDir() {
		return destDir{real: true, stat: statOf(fi)}
	}
	return destDir{}
}

// change is called before each change merge makes to the destination.
func (s *Stage) change() error {
	if s.beforeChange != nil {
		return s.beforeChange()
	}
	return nil
}

// removePath removes the file or folder at p; one already gone is fine.
func removePath(p string) error {
	err := os.Remove(p)
	if err == nil {
		return nil
	}
	if _, lerr := os.Lstat(p); lerr != nil {
		return nil // gone, or a parent is not a folder
	}
	return os.RemoveAll(p)
}

// moveIn renames the written file name from the staging folder into the
// destination, making its folder first.
func (s *Stage) moveIn(name string, isDir, touched map[string]bool) error {
	dir := path.Dir(name)
	if err := s.ensureDir(dir, isDir, touched); err != nil {
		return err
	}
	from, to := s.stagePath(name), s.destPath(name)
	if err := s.change(); err != nil {
		return err
	}
	err := os.Rename(from, to)
	if err != nil {
		// A folder stands where the file goes: clear the way.
		if fi, lerr := os.Lstat(to); lerr == nil && fi.IsDir() {
			if err := os.RemoveAll(to); err != nil {
				return err
			}
			err = os.Rename(from, to)
		}
	}
	if err != nil {
		return fmt.Errorf("moving %s in: %w", name, err)
	}
	touched[dir] = true
	return nil
}

// ensureDir makes the folder d of the destination, with its parents,
// replacing a file or link that stands where one of them goes.
func (s *Stage) ensureDir(d string, isDir, touched map[string]bool) error {
	if d == "." || isDir[d] {
		return nil
	}
	if err := s.ensureDir(path.Dir(d), isDir, touched); err != nil {
		return err
	}
	p := s.destPath(d)
	fi, err := os.Lstat(p)
	if err == nil && fi.IsDir() {
		isDir[d] = true
		return nil
	}
	if err := s.change(); err != nil {
		return err
	}
	if err == nil {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	if err := os.Mkdir(p, 0o755); err != nil {
		return err
	}
	isDir[d], touched[d], touched[path.Dir(d)] = true, true, true
	return nil
}

// saveManifest writes the manifest of the build now in the destination.
// dirStats holds what lstat says of its folders when merge knew it already.
// A manifest that cannot be written is no error: the build is in place, and
// the last manifest still describes correctly every file the destination
// holds as it was (those that changed no longer match it).
func (s *Stage) saveManifest(dirStats map[string]fileStat) {
	if s.manifest == "" {
		return
	}
	if s.old != nil && s.written == 0 && s.removed == 0 && len(s.files) == len(s.old.files) && maps.Equal(dirStats, s.old.dirs) {
		return // every file was skipped, so its entry is the old one
	}
	m := &manifest{dest: s.dest, files: make(map[string]fileEntry, len(s.files)), dirs: dirStats}
	for name, f := range s.files {
		m.files[name] = f.fileEntry
	}
	if m.dirs == nil {
		m.dirs = map[string]fileStat{}
		for d := range s.folders() {
			if fi, err := os.Lstat(s.destPath(d)); err == nil && fi.IsDir() {
				m.dirs[d] = statOf(fi)
			}
		}
	}
	if err := writeManifest(s.manifest, m.encode()); err != nil {
		s.mfErr = err
		return
	}
	pruneManifests(s.manifest, time.Now())
}
