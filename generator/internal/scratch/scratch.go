// Package scratch knows the names of the files that editors and tools
// leave beside the files a person saves: swap, backup, lock and
// temporary files, and a file manager's thumbnail caches. The site's
// readers skip them (content/, static files, the theme), so a draft's
// backup is never published, and the preview's watcher ignores them, so
// a save starts one build. It is the one list of such names.
package scratch

import (
	"path"
	"strings"
)

// File reports whether a file's base name is an editor's or a tool's
// temporary or backup file: vim's, emacs', nano's and gedit's backups
// (name~), emacs' auto-save files (#name#), office lock files (~$name),
// JetBrains' safe-write files (name___jb_tmp___, name___jb_old___), GNU
// sed -i's sedXXXXXX, Qt's QSaveFile (Kate: name.md.aBcD42), and names
// ending in .swp, .swo, .swn, .swx, .tmp, .temp, .kate-swp, .vsctmp,
// .bak, .orig, .rej, .crdownload or .part, or holding .tmp. or .tmp- (VS
// Code's atomic saves), and the files Windows Explorer leaves in a folder
// it shows (Thumbs.db, ehthumbs.db, desktop.ini, in any letter case). Names starting with "." (vim's .x.swp, emacs'
// .#x, gedit's .goutputstream-X) are hidden files, which every reader of
// the site skips anyway. It applies to files only: a folder may be called
// sedentary/.
func File(base string) bool {
	lower := strings.ToLower(base)
	switch {
	case base == "4913": // vim's probe of whether it may write the folder
		return true
	case strings.HasSuffix(base, "~"): // vim, emacs, nano and gedit backups
		return true
	case strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"): // emacs auto-save
		return true
	case strings.HasPrefix(base, "~$"): // office suites' lock files
		return true
	case strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"): // JetBrains safe write
		return true
	case len(base) == 9 && strings.HasPrefix(base, "sed") && alnum(base[3:]):
		return true // GNU sed -i: mkstemp("sedXXXXXX"), renamed over the file
	case qtSaveFile(base):
		return true
	case lower == "thumbs.db", lower == "ehthumbs.db", lower == "desktop.ini":
		return true // Windows Explorer's thumbnail cache and folder settings
	}
	for _, suf := range []string{".swp", ".swo", ".swn", ".swx", ".tmp", ".temp", ".kate-swp", ".vsctmp", ".bak", ".orig", ".rej", ".crdownload", ".part"} {
		if strings.HasSuffix(lower, suf) {
			return true
		}
	}
	// VS Code and others write "name.md.tmp.1234" or "name.md.tmp-abc".
	return strings.Contains(lower, ".tmp.") || strings.Contains(lower, ".tmp-")
}

// qtSaveFile reports whether base is the temporary file of Qt's QSaveFile
// (Kate, KWrite, Qt Creator): the file's name, a dot, and six random
// letters or digits that end with the digits of the editor's process id,
// as in index.md.aBcD42.
func qtSaveFile(base string) bool {
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return false
	}
	rnd := base[i+1:]
	return len(rnd) == 6 && alnum(rnd) && rnd[5] >= '0' && rnd[5] <= '9' && path.Ext(base[:i]) != ""
}

// alnum reports whether s is ASCII letters and digits only.
func alnum(s string) bool {
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
