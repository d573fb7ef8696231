package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A manifest describes the destination as the last successful build left
// it: for every file, the SHA-256 and size of its content and what lstat
// said of it once written (size, modification time, inode); for every
// folder, what lstat said of it after the build's last change to it. A file
// whose content is unchanged is not written again while lstat still says
// the same of it; a folder lstat says something else of was changed by
// someone else and is read for entries the build does not make.
//
// The file is text, one entry a line, names quoted as Go strings, closed by
// the SHA-256 of everything before the closing line:
//
//	tearsheet output manifest 1
//	dest "/abs/site/public"
//	f SHA256HEX SIZE MTIME_NS INODE "2024/05/rally/index.html"
//	d SIZE MTIME_NS INODE "2024/05"
//	sum SHA256HEX
type manifest struct {
	dest  string
	files map[string]fileEntry
	dirs  map[string]fileStat
}

// fileStat is what lstat says of a file or folder, as far as the manifest
// compares it.
type fileStat struct {
	size  int64
	mtime int64 // nanoseconds since 1970
	ino   uint64
}

func statOf(fi fs.FileInfo) fileStat {
	return fileStat{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: inode(fi)}
}

// fileEntry is one file of a build: its content's hash and the lstat facts
// of the file written (stat.size is the content's size).
type fileEntry struct {
	sum  [sha256.Size]byte
	stat fileStat
}

const (
	manifestMagic = "tearsheet output manifest 1\n"
	manifestExt   = ".manifest"
	sumLineLen    = len("sum ") + 2*sha256.Size + 1
)

// manifestFile is the manifest of the destination dest (an absolute path)
// in the folder dir: one per destination, so a site built into two folders
// keeps both.
func manifestFile(dir, dest string) string {
	return filepath.Join(dir, CacheName(dest)+manifestExt)
}

// Companion is the file, beside the manifest of the destination dest in
// the folder dir, where another cache of that destination keeps its
// state (the build's page cache: ext ".pages"). It is removed with the
// manifest once dest no longer exists, or when there is no manifest beside
// it. A companion written through a temporary file should name it with
// the prefix CompanionTemp, so that one a killed build left is removed too.
func Companion(dir, dest, ext string) string {
	return filepath.Join(dir, CacheName(dest)+ext)
}

// CompanionTemp starts the names of temporary files of companions.
const CompanionTemp = ".companion.tmp-"

// CacheName names what a cache keeps of the destination dest (an absolute
// path), such as "public-0123456789ab": its base name and a hash of the
// whole path, so two destinations keep theirs apart.
func CacheName(dest string) string {
	sum := sha256.Sum256([]byte(dest))
	return filepath.Base(dest) + "-" + hex.EncodeToString(sum[:6])
}

// readManifest returns the manifest in file p if it describes dest; a
// missing, unreadable, corrupt or foreign manifest gives nil: every file is
// then written again.
func readManifest(p, dest string) *manifest {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	m, err := parseManifest(b)
	if err != nil || m.dest != dest {
		return nil
	}
	return m
}

// parseManifest decodes a manifest, checking its closing hash first.
func parseManifest(b []byte) (*manifest, error) {
	if len(b) < len(manifestMagic)+sumLineLen || !bytes.HasPrefix(b, []byte(manifestMagic)) {
		return nil, errors.New("not a manifest")
	}
	body, tail := b[:len(b)-sumLineLen], b[len(b)-sumLineLen:]
	var want [sha256.Size]byte
	if !bytes.HasPrefix(tail, []byte("sum ")) || tail[len(tail)-1] != '\n' {
		return nil, errors.New("no closing hash")
	}
	if _, err := hex.Decode(want[:], tail[len("sum "):len(tail)-1]); err != nil || sha256.Sum256(body) != want {
		return nil, errors.New("closing hash does not match")
	}
	text := string(body[len(manifestMagic):])
	nf, nd := strings.Count(text, "\nf "), strings.Count(text, "\nd ")
	m := &manifest{files: make(map[string]fileEntry, nf), dirs: make(map[string]fileStat, nd)}
	for n := 1; text != ""; n++ {
		line, rest, ok := strings.Cut(text, "\n")
		if !ok {
			return nil, fmt.Errorf("line %d: not closed", n)
		}
		text = rest
		if err := m.parseLine(line); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
	}
	if m.dest == "" {
		return nil, errors.New("no destination")
	}
	return m, nil
}

func (m *manifest) parseLine(line string) error {
	kind, rest, _ := strings.Cut(line, " ")
	if kind == "dest" {
		dest, err := strconv.Unquote(rest)
		if err != nil {
			return fmt.Errorf("destination: %w", err)
		}
		m.dest = dest
		return nil
	}
	var e fileEntry
	if kind == "f" {
		var sum string
		sum, rest, _ = strings.Cut(rest, " ")
		if len(sum) != 2*sha256.Size {
			return errors.New("bad hash")
		}
		if _, err := hex.Decode(e.sum[:], []byte(sum)); err != nil {
			return fmt.Errorf("bad hash: %w", err)
		}
	} else if kind != "d" {
		return fmt.Errorf("unknown entry %q", kind)
	}
	var nums [3]int64
	for i := range nums {
		var field string
		field, rest, _ = strings.Cut(rest, " ")
		v, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return fmt.Errorf("bad number: %w", err)
		}
		nums[i] = v
	}
	e.stat = fileStat{size: nums[0], mtime: nums[1], ino: uint64(nums[2])}
	name, err := strconv.Unquote(rest)
	if err != nil {
		return fmt.Errorf("bad name: %w", err)
	}
	if kind == "d" {
		if name != "." {
			if err := CheckName(name); err != nil {
				return err
			}
		}
		m.dirs[name] = e.stat
		return nil
	}
	// A name leaving the destination would let a doctored manifest
	// remove files elsewhere.
	if err := CheckName(name); err != nil {
		return err
	}
	m.files[name] = e
	return nil
}

// encode returns the manifest's text, entries sorted by name.
func (m *manifest) encode() []byte {
	files := make([]string, 0, len(m.files))
	for n := range m.files {
		files = append(files, n)
	}
	sort.Strings(files)
	dirs := make([]string, 0, len(m.dirs))
	for n := range m.dirs {
		dirs = append(dirs, n)
	}
	sort.Strings(dirs)
	b := make([]byte, 0, 128*(len(files)+len(dirs))+256)
	b = append(b, manifestMagic...)
	b = append(b, "dest "...)
	b = strconv.AppendQuote(b, m.dest)
	b = append(b, '\n')
	line := func(st fileStat, name string) {
		b = strconv.AppendInt(b, st.size, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, st.mtime, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(st.ino), 10)
		b = append(b, ' ')
		b = strconv.AppendQuote(b, name)
		b = append(b, '\n')
	}
	for _, n := range files {
		e := m.files[n]
		b = append(b, "f "...)
		b = hex.AppendEncode(b, e.sum[:])
		b = append(b, ' ')
		line(e.stat, n)
	}
	for _, n := range dirs {
		b = append(b, "d "...)
		line(m.dirs[n], n)
	}
	sum := sha256.Sum256(b)
	b = append(b, "sum "...)
	b = hex.AppendEncode(b, sum[:])
	return append(b, '\n')
}

// writeManifest replaces the file p with b through a temporary file and a
// rename, so a killed build leaves the old manifest or the new one whole.
func writeManifest(p string, b []byte) error {
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output manifest: %w", err)
	}
	f, err := os.CreateTemp(dir, filepath.Base(p)+".tmp-*")
	if err != nil {
		return fmt.Errorf("output manifest: %w", err)
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("output manifest: writing %s: %w", f.Name(), err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("output manifest: %w", err)
	}
	return nil
}

// pruneManifests removes, from the folder of the manifest keep, the
// manifests of destinations that no longer exist (those of test builds into
// temporary folders, say), the companions of manifests no longer there
// (see Companion), and temporary files that killed builds left an hour or
// more ago.
func pruneManifests(keep string, now time.Time) {
	dir := filepath.Dir(keep)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		switch {
		case p == keep || e.IsDir():
		case strings.Contains(name, manifestExt+".tmp-") || strings.HasPrefix(name, CompanionTemp):
			if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > time.Hour {
				_ = os.Remove(p)
			}
		case !strings.HasSuffix(name, manifestExt) && filepath.Ext(name) != "":
			// A companion goes with its manifest; entries come sorted by
			// name, but a manifest may have gone in an earlier build.
			if _, err := os.Lstat(strings.TrimSuffix(p, filepath.Ext(name)) + manifestExt); errors.Is(err, fs.ErrNotExist) {
				_ = os.Remove(p)
			}
		case strings.HasSuffix(name, manifestExt):
			dest, ok := manifestDest(p)
			if !ok {
				continue
			}
			if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
				_ = os.Remove(p)
			}
		}
	}
}

// manifestDest reads the destination from the head of a manifest file.
func manifestDest(p string) (string, bool) {
	f, err := os.Open(p)
	if err != nil {
		return "", false
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return "", false
	}
	head, ok := strings.CutPrefix(string(buf[:n]), manifestMagic+"dest ")
	if !ok {
		return "", false
	}
	line, _, ok := strings.Cut(head, "\n")
	if !ok {
		return "", false
	}
	dest, err := strconv.Unquote(line)
	return dest, err == nil && filepath.IsAbs(dest)
}
