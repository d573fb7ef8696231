// Package fslink says what tearsheet does with a symbolic link met while
// walking a folder of the site: a link to a file is that file; a link to a
// folder is not followed, and one that cannot be followed (dangling, a
// loop, or leading out of the site, which the site's file system refuses)
// is an error naming it. Every walk of the site's folders (content/,
// static/, a theme's files) asks Check, so they all say the same.
package fslink

import (
	"errors"
	"fmt"
	"io/fs"
)

// Check returns nil when the link at p (a slash path in fsys) leads to a
// file, and else an error naming p that says how to fix it; folder is the
// folder being walked (content, static…), where a linked folder's files
// belong.
func Check(fsys fs.FS, p, folder string) error {
	info, err := fs.Stat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrPermission):
		// Refused, such as a link out of the site folder: the error
		// says why.
		return fmt.Errorf("%s: %w", p, err)
	case err != nil:
		return fmt.Errorf("%s: a symbolic link that cannot be followed (its target is missing, or it leads to itself): point it at a file, or remove it: %w", p, err)
	case info.IsDir():
		return fmt.Errorf("%s: a symbolic link to a folder, which tearsheet does not follow: move or copy the folder into %s/, or link its files one by one", p, folder)
	}
	return nil
}
