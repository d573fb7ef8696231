//go:build !unix

package output

// alive cannot ask the system here; it says yes, so staging folders of
// other builds are never removed while they might be in use.
func alive(pid int) bool { return true }
