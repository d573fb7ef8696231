package figure

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Cache keeps rendered charts between builds, by key. Implementations are
// safe for concurrent use.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte) error
	// Mark tells the cache that a build used key without reading it: it
	// took whole a page whose charts read it (see Page.CacheKeys).
	Mark(key string)
}

// DirCache is a Cache in a folder: one file per key, written atomically.
// A file's modification time is when a build last used it (Get moves it
// on), so Trim can drop what no build used for a while: charts of data
// fetched long ago, of a spec since edited, of an article since deleted.
type DirCache struct{ Dir string }

// The trimming policy, that of the go command's build cache: a file's
// modification time moves on when a Get finds it more than markAfter old
// (so a warm build writes no metadata for most charts), Trim runs at most
// once per trimEvery and removes what no Get nor Put touched for
// unusedFor, and temporary files a killed build left once they are
// markAfter old.
const (
	markAfter = time.Hour
	trimEvery = 24 * time.Hour
	unusedFor = 5 * 24 * time.Hour
	// trimFile holds the time of the last Trim, in Unix seconds.
	trimFile   = "trim.txt"
	tempPrefix = ".tmp-"
)

// Get reads the file of key, and marks it used.
func (c DirCache) Get(key string) ([]byte, bool) {
	name := filepath.Join(c.Dir, key)
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return nil, false
	}
	b := make([]byte, info.Size())
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, false
	}
	markUsed(name, info.ModTime())
	return b, true
}

// Mark marks the file of key used, as Get does.
func (c DirCache) Mark(key string) {
	name := filepath.Join(c.Dir, key)
	if info, err := os.Stat(name); err == nil {
		markUsed(name, info.ModTime())
	}
}

// markUsed moves the modification time of the file name, last modified
// at mtime, to now when it is more than markAfter old.
func markUsed(name string, mtime time.Time) {
	if now := time.Now(); now.Sub(mtime) > markAfter {
		_ = os.Chtimes(name, now, now) // unmarked, it is only trimmed sooner
	}
}

// Trim removes the files no build used for unusedFor, and the temporary
// files of killed builds, when the last Trim was trimEvery ago or more (or
// never ran); now is the time it takes as the present. A missing folder
// has nothing to trim.
func (c DirCache) Trim(now time.Time) error {
	mark := filepath.Join(c.Dir, trimFile)
	if b, err := os.ReadFile(mark); err == nil {
		if last, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && now.Sub(time.Unix(last, 0)) < trimEvery {
			return nil
		}
	}
	ents, err := os.ReadDir(c.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("chart cache: %w", err)
	}
	var errs []error
	for _, e := range ents {
		if !e.Type().IsRegular() || e.Name() == trimFile {
			continue // no folder of ours: not ours to remove
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		age, limit := now.Sub(info.ModTime()), unusedFor
		if strings.HasPrefix(e.Name(), tempPrefix) {
			limit = markAfter
		}
		if age > limit {
			if err := os.Remove(filepath.Join(c.Dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	if err := os.WriteFile(mark, []byte(strconv.FormatInt(now.Unix(), 10)+"\n"), 0o644); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("chart cache: trimming: %w", err)
	}
	return nil
}

// Put writes the file of key through a temporary file and a rename, so a
// killed build never leaves half a file. The folder is made when the first
// file finds it missing.
func (c DirCache) Put(key string, data []byte) error {
	f, err := os.CreateTemp(c.Dir, tempPrefix+"*")
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(c.Dir, 0o755); err != nil {
			return fmt.Errorf("chart cache: %w", err)
		}
		f, err = os.CreateTemp(c.Dir, tempPrefix+"*")
	}
	if err != nil {
		return fmt.Errorf("chart cache: %w", err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("chart cache: writing %s: %v %v", key, werr, cerr)
	}
	if err := os.Rename(f.Name(), filepath.Join(c.Dir, key)); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("chart cache: %w", err)
	}
	return nil
}

// MemCache is a Cache in memory, for the preview server and tests.
type MemCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

// NewMemCache returns an empty MemCache.
func NewMemCache() *MemCache { return &MemCache{m: map[string][]byte{}} }

// Get returns the bytes stored under key.
func (c *MemCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[key]
	return b, ok
}

// Mark does nothing: a MemCache lasts as long as its process.
func (c *MemCache) Mark(string) {}

// Put stores data under key.
func (c *MemCache) Put(key string, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = append([]byte(nil), data...)
	return nil
}
