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
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A manifest describes the destination as the last successful build left
// it: which folder it is (the device and inode of the destination folder,
// which the commit's exchange gives the staging folder's), and for every
// file the SHA-256 and size of its content and what lstat said of it once
// written (size, modification time, inode). A file whose content is
// unchanged is not written again while lstat still says the same of it. A
// file it lists is one a build wrote: the next build may replace or remove
// it; any other file in the destination is not the build's to remove.
//
// The file is text, one entry a line, names quoted as Go strings, closed by
// the SHA-256 of everything before the closing line:
//
//	tearsheet output manifest 2
//	dest "/abs/site/public"
//	rel "../../public"
//	root DEVICE INODE
//	f SHA256HEX SIZE MTIME_NS INODE "2024/05/rally/index.html"
//	sum SHA256HEX
type manifest struct {
	dest  string
	rel   string // dest from the folder of the manifest
	root  rootID
	files map[string]fileEntry
}

// rootID tells one destination folder from another: its device and inode
// (zero where the system does not say).
type rootID struct{ dev, ino uint64 }

func rootOf(fi fs.FileInfo) rootID { return rootID{device(fi), inode(fi)} }

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
	manifestMagic = "tearsheet output manifest 2\n"
	// manifestMagic1 starts the manifests of tearsheet before the atomic
	// swap: no root or rel, and "d" lines for folders, which are ignored.
	// It is read so that a destination built by it is known as a build's.
	manifestMagic1 = "tearsheet output manifest 1\n"
	manifestExt    = ".manifest"
	// nextExt names the manifest of a build about to be swapped into
	// place: after the swap it replaces the manifest. A build killed
	// between the two leaves both, and readManifest takes the one whose
	// root is the destination's.
	nextExt    = ".manifest-next"
	sumLineLen = len("sum ") + 2*sha256.Size + 1
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

// nextFile is where a commit writes the manifest of the build it is about
// to put in place (see nextExt).
func nextFile(dir, dest string) string {
	return filepath.Join(dir, CacheName(dest)+nextExt)
}

// readManifest returns the manifest, in the folder dir, of the build the
// destination dest (whose folder is root) holds, and the file it read; a
// missing, unreadable, corrupt or foreign manifest gives nil: every file is
// then written again, and the destination is not known as a build's.
//
// A manifest describes the folder whose identity (root) it records: after
// a build killed between its swap and its manifest's rename, that tells
// the next manifest from the last. Where no manifest has dest's identity
// (a site folder copied, or restored from an archive, with its cache; a
// system without inodes), one describes dest when it names the same path,
// or the same path from the manifest folder (a site folder moved or copied
// with its cache keeps its manifest).
func readManifest(dir, dest string, root rootID) (*manifest, string) {
	read := func(p string) *manifest {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		m, err := parseManifest(b)
		if err != nil {
			return nil
		}
		return m
	}
	files := []string{manifestFile(dir, dest), nextFile(dir, dest)}
	ms := make([]*manifest, 0, len(files))
	for _, p := range files {
		ms = append(ms, read(p))
	}
	identical := func(m *manifest) bool { return m != nil && root.ino != 0 && m.root == root }
	for i, m := range ms {
		if identical(m) {
			return m, files[i]
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if name := e.Name(); (strings.HasSuffix(name, manifestExt) || strings.HasSuffix(name, nextExt)) && !slices.Contains(files[:2], p) {
			files = append(files, p)
			ms = append(ms, read(p))
			if identical(ms[len(ms)-1]) {
				return ms[len(ms)-1], p
			}
		}
	}
	for i, m := range ms {
		if m != nil && (m.dest == dest || m.rel != "" && m.rel == relDest(dir, dest)) {
			return m, files[i]
		}
	}
	return nil, ""
}

// relDest is the destination dest from the manifest folder dir.
func relDest(dir, dest string) string {
	r, err := filepath.Rel(dir, dest)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

// parseManifest decodes a manifest, checking its closing hash first.
func parseManifest(b []byte) (*manifest, error) {
	v1 := bytes.HasPrefix(b, []byte(manifestMagic1))
	if len(b) < len(manifestMagic)+sumLineLen || !bytes.HasPrefix(b, []byte(manifestMagic)) && !v1 {
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
	m := &manifest{files: make(map[string]fileEntry, strings.Count(text, "\nf "))}
	for n := 1; text != ""; n++ {
		line, rest, ok := strings.Cut(text, "\n")
		if !ok {
			return nil, fmt.Errorf("line %d: not closed", n)
		}
		text = rest
		if v1 && strings.HasPrefix(line, "d ") {
			continue
		}
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
	switch kind {
	case "dest":
		dest, err := strconv.Unquote(rest)
		if err != nil {
			return fmt.Errorf("destination: %w", err)
		}
		m.dest = dest
		return nil
	case "rel":
		rel, err := strconv.Unquote(rest)
		if err != nil {
			return fmt.Errorf("relative destination: %w", err)
		}
		m.rel = rel
		return nil
	case "root":
		devText, inoText, _ := strings.Cut(rest, " ")
		dev, err1 := strconv.ParseUint(devText, 10, 64)
		ino, err2 := strconv.ParseUint(inoText, 10, 64)
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("bad root: %w", err)
		}
		m.root = rootID{dev, ino}
		return nil
	case "f":
	default:
		return fmt.Errorf("unknown entry %q", kind)
	}
	var e fileEntry
	var sum string
	sum, rest, _ = strings.Cut(rest, " ")
	if len(sum) != 2*sha256.Size {
		return errors.New("bad hash")
	}
	if _, err := hex.Decode(e.sum[:], []byte(sum)); err != nil {
		return fmt.Errorf("bad hash: %w", err)
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
	b := make([]byte, 0, 128*len(files)+256)
	b = append(b, manifestMagic...)
	b = append(b, "dest "...)
	b = strconv.AppendQuote(b, m.dest)
	b = append(b, "\nrel "...)
	b = strconv.AppendQuote(b, m.rel)
	b = append(b, "\nroot "...)
	b = strconv.AppendUint(b, m.root.dev, 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, m.root.ino, 10)
	b = append(b, '\n')
	for _, n := range files {
		e := m.files[n]
		b = append(b, "f "...)
		b = hex.AppendEncode(b, e.sum[:])
		b = append(b, ' ')
		b = strconv.AppendInt(b, e.stat.size, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, e.stat.mtime, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(e.stat.ino), 10)
		b = append(b, ' ')
		b = strconv.AppendQuote(b, n)
		b = append(b, '\n')
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
// temporary folders, say), the companions and spares of manifests no
// longer there (see Companion, sparePrefix), and temporary files that killed builds left an hour or
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
		case e.IsDir():
			// A spare goes with its manifest.
			if mf, ok := isSpare(name); ok {
				if _, err := os.Lstat(filepath.Join(dir, mf)); errors.Is(err, fs.ErrNotExist) {
					_ = os.RemoveAll(p)
				}
			}
		case p == keep:
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
		if head, ok = strings.CutPrefix(string(buf[:n]), manifestMagic1+"dest "); !ok {
			return "", false
		}
	}
	line, _, ok := strings.Cut(head, "\n")
	if !ok {
		return "", false
	}
	dest, err := strconv.Unquote(line)
	return dest, err == nil && filepath.IsAbs(dest)
}
