package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// folderAges dates the site's folders in the past, as an author's are
// between edits: a folder listed within two seconds of a change to it is
// listed again on every build (racyWindow), so a test whose folders all
// changed just now would never see a build take the last listing. After
// each step, age gives each folder whose entries changed a time of its
// own (an hour ago, plus the step), and leaves the others as they were.
type folderAges struct {
	base    time.Time
	entries map[string]string // folder: its entries' names, joined
}

func newFolderAges() *folderAges {
	return &folderAges{base: time.Now().Add(-time.Hour).Truncate(time.Second), entries: map[string]string{}}
}

func (a *folderAges) age(m *modelSite, step int) {
	m.t.Helper()
	at := a.base.Add(time.Duration(step) * time.Second)
	err := filepath.WalkDir(m.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if d.Name() == "public" || d.Name() == ".cache" {
			return filepath.SkipDir
		}
		list, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		names := make([]string, len(list))
		for i, e := range list {
			names[i] = e.Name()
		}
		slices.Sort(names)
		joined := strings.Join(names, "/")
		if was, ok := a.entries[p]; ok && was == joined {
			return nil
		}
		a.entries[p] = joined
		return os.Chtimes(p, at, at)
	})
	if err != nil {
		m.t.Fatal(err)
	}
}
