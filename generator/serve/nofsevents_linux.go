package serve

import "syscall"

// Magic numbers of file systems whose changes made elsewhere inotify does
// not see (linux/magic.h, and the kernel's cifs and smb2 clients): a
// Windows drive under WSL 2 is 9p, a network share NFS or SMB.
const (
	magic9P   = 0x01021997
	magicNFS  = 0x6969
	magicCIFS = 0xFF534D42
	magicSMB2 = 0xFE534D42
	magicSMB  = 0x517B
)

// silentFS names the file system of dir when it is one whose changes by
// other machines or systems (Windows, under WSL; another computer, on a
// share) the system's events do not report; "" otherwise, or when it
// cannot tell.
func silentFS(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	return silentFSType(int64(st.Type))
}

// silentFSType names the file system of magic number t as silentFS does.
func silentFSType(t int64) string {
	switch uint32(t) {
	case magic9P:
		return "9p (a Windows drive under WSL?)"
	case magicNFS:
		return "NFS"
	case magicCIFS, magicSMB2, magicSMB:
		return "SMB"
	}
	return ""
}
