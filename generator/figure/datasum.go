package figure

import (
	"crypto/sha256"
	"encoding/hex"
)

// DataSum returns the file the data name resolves to for the markdown file
// at file, and the SHA-256 of the file's content (hex): a page whose Uses
// still resolve to files with the same content would read the same data.
func (s *Set) DataSum(name, file string) (path, sum string, err error) {
	src, err := s.store.Resolve(name, file)
	if err != nil {
		return "", "", err
	}
	_, sum, err = s.store.File(src.Path)
	return src.Path, sum, err
}

// ReadSum is the SHA-256 (hex) of how the data name of the page at file
// is read: the options of its dataset in site.yaml that turn the file's
// cells into numbers (missing values, columns kept, date column…), and
// whether it is illustrative (synthetic data, which every chart of it
// says). The same file read with other options gives other numbers, and
// synthetic data shown as market data is another claim, so figures.lock
// records it beside the file's own SHA-256.
func (s *Set) ReadSum(name, file string) (string, error) {
	src, err := s.store.Resolve(name, file)
	if err != nil {
		return "", err
	}
	k := src.readKey()
	if src.Illustrative {
		k += "\x00illustrative"
	}
	h := sha256.Sum256([]byte(k))
	return hex.EncodeToString(h[:]), nil
}
