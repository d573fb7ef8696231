package output

import (
	"fmt"
	"testing"
)

// BenchmarkStageWrite writes pages of 20 KB into a staging folder, each in
// its own folder as articles are: the writing stage of a build.
func BenchmarkStageWrite(b *testing.B) {
	st, err := NewStage(b.TempDir() + "/public")
	if err != nil {
		b.Fatal(err)
	}
	page := make([]byte, 20<<10)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := st.WriteFile(fmt.Sprintf("2024/%02d/note-%06d/index.html", i%12+1, i), page); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageWarm builds 2,000 pages of 20 KB, each in its own folder,
// that the destination holds already: the output stage of a warm build,
// per build (hashing, lstat of every file and folder, the manifest).
func BenchmarkStageWarm(b *testing.B) {
	root := b.TempDir()
	dest, opts := root+"/public", Options{Manifest: root + "/.cache/output"}
	page := make([]byte, 20<<10)
	run := func() {
		st, err := NewStageOptions(dest, opts)
		if err != nil {
			b.Fatal(err)
		}
		for i := range 2000 {
			if err := st.WriteFile(fmt.Sprintf("2024/%02d/note-%06d/index.html", i%12+1, i), page); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	run()
	for b.Loop() {
		run()
	}
}

// BenchmarkStageEdit builds 2,000 pages of 20 KB, each in its own folder,
// of which the destination holds all but one already: the output stage of
// a build after an edit, per build (hashing, lstat of every file, the
// commit that puts the new build in place, the manifest). The first two
// builds are not timed: the first edit after a cold build has no spare to
// stage in (see spare.go) and links every file.
func BenchmarkStageEdit(b *testing.B) {
	root := b.TempDir()
	dest, opts := root+"/public", Options{Manifest: root + "/.cache/output"}
	page := make([]byte, 20<<10)
	run := func(edit int) {
		st, err := NewStageOptions(dest, opts)
		if err != nil {
			b.Fatal(err)
		}
		for i := range 2000 {
			data := page
			if i == 0 {
				data = append([]byte(fmt.Sprint(edit)), page...)
			}
			if err := st.WriteFile(fmt.Sprintf("2024/%02d/note-%06d/index.html", i%12+1, i), data); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Commit(); err != nil {
			b.Fatal(err)
		}
		if s := st.Stats(); s.Written != 1 && edit > 0 {
			b.Fatalf("%+v, want 1 written", s)
		}
	}
	run(0)
	run(1)
	for i := 2; b.Loop(); i++ {
		run(i)
	}
}

// BenchmarkMemoryFullBuild makes a Memory from one of 47,000 files (a
// 10,000-article site's preview) and writes every file into it again, all
// but one with the bytes held, then Sweeps: a preview's full build of a
// site whose pages its store kept.
func BenchmarkMemoryFullBuild(b *testing.B) {
	names := make([]string, 47000)
	data := make([][]byte, len(names))
	prev := NewMemorySize(len(names))
	for i := range names {
		names[i] = fmt.Sprintf("2024/%02d/article-%05d/index.html", i%12+1, i)
		data[i] = []byte(names[i])
		if err := prev.Share(names[i], data[i]); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; b.Loop(); i++ {
		m := NewMemoryFrom(prev, 0)
		m.Grow(m.Len())
		data[7] = fmt.Appendf(nil, "edit %d", i)
		for k, name := range names {
			if err := m.Share(name, data[k]); err != nil {
				b.Fatal(err)
			}
		}
		m.Sweep()
		if changed := m.Seal(); len(changed) != 1 {
			b.Fatalf("changed %v, want one file", changed)
		}
		prev = m
	}
}
