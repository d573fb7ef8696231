package output

import (
	"fmt"
	"path"
)

// A Stage's files and the folders they are in are claimed before they are
// written or kept, so that no file of a build ever takes the place of
// another of the same build: a file where another needs a folder is an
// error, not a removal (mkdirLocked clears only an older build's leftovers
// of a reused staging folder).

// claim records, with s.mu held, that the build writes the file name,
// before it is written: an error when a file of the build (written,
// kept or being written) is at its name or at a folder it needs, or a
// folder of the build is at its name. Two writers of one name, or of a
// file and a folder, never both go on to replace the other's.
func (s *Stage) claim(name string) error {
	if err := s.inTheWay(name); err != nil {
		return err
	}
	s.files[name] = outFile{pending: true}
	s.addParents(name)
	return nil
}

// inTheWay returns, with s.mu held, the error of a file of the build at
// name: one there already, or at a folder name needs, or a folder of the
// build there.
func (s *Stage) inTheWay(name string) error {
	if _, dup := s.files[name]; dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	if s.parents[name] {
		return fmt.Errorf("output: %s is both a file and a folder of this build", name)
	}
	for d := path.Dir(name); !s.parents[d]; d = path.Dir(d) {
		if _, ok := s.files[d]; ok {
			return fmt.Errorf("output: %s is both a file and a folder of this build (it holds %s)", d, name)
		}
	}
	return nil
}

// addParents records, with s.mu held, the folders of the file name.
func (s *Stage) addParents(name string) {
	for d := path.Dir(name); !s.parents[d]; d = path.Dir(d) {
		s.parents[d] = true
	}
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
