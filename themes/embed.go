// Package themes holds the default theme that tearsheet builds into its
// binary: this folder's default/ is its one source, so a site without a
// themes/default folder of its own still builds, and a site overrides any
// file of it by placing a file at the same path under its own
// themes/default/.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// DefaultName is the name of the theme built into the binary.
const DefaultName = "default"

// Default returns the built-in default theme: templates/ and static/ at its
// root, as under themes/default/ in a site.
func Default() fs.FS {
	sub, err := fs.Sub(files, DefaultName)
	if err != nil {
		panic(err) // fs.Sub fails only on an invalid name
	}
	return sub
}
