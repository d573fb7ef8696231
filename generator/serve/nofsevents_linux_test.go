package serve

import "testing"

// TestSilentFS: the file systems whose changes by others inotify does not
// report (9p: a Windows drive under WSL 2; NFS; SMB) have the preview
// poll; this machine's temporary folder, and other file systems, do not.
func TestSilentFS(t *testing.T) {
	for _, tc := range []struct {
		magic int64
		want  string
	}{
		{0x01021997, "9p (a Windows drive under WSL?)"},
		{0x6969, "NFS"},
		{-0xACB2BE, "SMB"}, // 0xFF534D42 as a signed 32-bit f_type
		{0xFE534D42, "SMB"},
		{0xEF53, ""},     // ext4
		{0x01021994, ""}, // tmpfs
		{0x794C7630, ""}, // overlayfs
	} {
		if got := silentFSType(tc.magic); got != tc.want {
			t.Errorf("silentFSType(%#x) = %q, want %q", tc.magic, got, tc.want)
		}
	}
	if got := silentFS(t.TempDir()); got != "" {
		t.Errorf("the temporary folder's file system is said to be %q, whose changes go unreported", got)
	}
}
