package query

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// modelKinds are queries whose reads depend on what they read: a file of
// f/ holds a number or "@" and the name of another file of f/ (of a
// greater number, so there is no cycle), whose value it then has; parity
// says whether a value is odd (many edits leave it as it was: early
// cutoff); top reads f/'s listing and joins every value and parity, or the
// first error.
func modelKinds() (all []Definition, top *Kind[string]) {
	str := func(v string) []byte { return []byte(v) }
	dec := func(_ *Ctx, _ string, b []byte) (string, error) { return string(b), nil }
	var val *Kind[string]
	val = &Kind[string]{Name: "val", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		b, err := c.Read(arg)
		if err != nil {
			return "", err
		}
		if to, ok := strings.CutPrefix(string(b), "@"); ok {
			return Get(c, val, to)
		}
		return string(b), nil
	}}
	// parity is not encoded: a loaded store checks it by its reads.
	parity := &Kind[string]{Name: "parity", Sum: func(v string) Key { return Sum([]byte(v)) }, Compute: func(c *Ctx, arg string) (string, error) {
		v, err := Get(c, val, arg)
		if err != nil {
			return "", err
		}
		n, _ := strconv.Atoi(v)
		return []string{"even", "odd"}[n&1], nil
	}}
	top = &Kind[string]{Name: "top", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		list, err := c.List(arg)
		if err != nil {
			return "", err
		}
		var b strings.Builder
		for _, e := range list {
			p, err := Get(c, parity, arg+"/"+e.Name)
			if err != nil {
				return "", err
			}
			v, _ := Get(c, val, arg+"/"+e.Name)
			fmt.Fprintf(&b, "%s=%s(%s) ", e.Name, v, p)
		}
		return b.String(), nil
	}}
	return []Definition{val, parity, top}, top
}

// TestStoreModel edits a folder of files at random, step after step, and
// checks after each that a store kept from build to build (told what
// changed, or not), and one saved and loaded again, give what a new store
// gives, errors included, while running no more than it does.
func TestStoreModel(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { runStoreModel(t, seed, 400) })
	}
}

func runStoreModel(t *testing.T, seed uint64, steps int) {
	r := rand.New(rand.NewPCG(seed, 1))
	fsys := fstest.MapFS{}
	const files = 12
	name := func(i int) string { return fmt.Sprintf("f/%02d", i) }
	content := func(i int) string {
		if i+1 < files && r.IntN(3) == 0 {
			return "@" + name(i+1+r.IntN(files-i-1))
		}
		return strconv.Itoa(r.IntN(6))
	}
	for i := range files / 2 {
		fsys[name(i)] = &fstest.MapFile{Data: []byte(content(i))}
	}
	defs, top := modelKinds()
	kept := NewStore(fsys, defs...)
	var saved []byte
	for step := range steps {
		var changed []string
		i := r.IntN(files)
		switch r.IntN(5) {
		case 0:
			delete(fsys, name(i))
		case 1:
			// Nothing changed: the store is told so.
			changed = []string{}
		default:
			fsys[name(i)] = &fstest.MapFile{Data: []byte(content(i))}
		}
		if changed == nil {
			changed = []string{name(i)}
		}
		if r.IntN(10) == 0 {
			changed = nil // not known
		}
		if changed != nil && len(changed) == 0 && r.IntN(2) == 0 {
			continue
		}
		fresh := NewStore(fsys, defs...)
		want, wantErr := Get(fresh.Begin(nil), top, "f")

		loaded := NewStore(fsys, defs...)
		if saved != nil {
			if err := loaded.Load(saved, "v"); err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
		}
		for _, s := range []struct {
			name  string
			store *Store
			c     *Ctx
		}{{"kept", kept, kept.Begin(changed)}, {"loaded", loaded, loaded.Begin(nil)}} {
			got, err := Get(s.c, top, "f")
			if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("step %d (%v): %s store gives %q, %v; a new store %q, %v", step, changed, s.name, got, err, want, wantErr)
			}
			for _, k := range []string{"val", "parity", "top"} {
				if s.store.Runs(k) > fresh.Runs(k) {
					t.Fatalf("step %d: %s store ran %s %d times, a new store %d", step, s.name, k, s.store.Runs(k), fresh.Runs(k))
				}
			}
			s.store.End(err == nil)
		}
		if wantErr == nil {
			saved = loaded.Save("v")
		}
	}
}
