//go:build !linux

package serve

// silentFS names the file system of dir when its changes go unreported
// by the system's events; on this system it cannot tell, and says "".
func silentFS(dir string) string { return "" }
