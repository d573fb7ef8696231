package figure

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Cache keeps rendered charts between builds, by key. Implementations are
// safe for concurrent use.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte) error
}

// DirCache is a Cache in a folder: one file per key, written atomically.
type DirCache struct{ Dir string }

// Get reads the file of key.
func (c DirCache) Get(key string) ([]byte, bool) {
	b, err := os.ReadFile(filepath.Join(c.Dir, key))
	return b, err == nil
}

// Put writes the file of key through a temporary file and a rename, so a
// killed build never leaves half a file. The folder is made when the first
// file finds it missing.
func (c DirCache) Put(key string, data []byte) error {
	f, err := os.CreateTemp(c.Dir, ".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(c.Dir, 0o755); err != nil {
			return fmt.Errorf("chart cache: %w", err)
		}
		f, err = os.CreateTemp(c.Dir, ".tmp-*")
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

// Put stores data under key.
func (c *MemCache) Put(key string, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = append([]byte(nil), data...)
	return nil
}
