package query

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// kinds is a small site's queries over a MapFS: upper is a file's text in
// capitals, size its length, twice its size doubled (it reads size only),
// and all the upper text of every file of a folder, joined.
type kinds struct {
	upper, size, twice, all *Kind[string]
}

func newKinds() *kinds {
	k := &kinds{}
	str := func(v string) []byte { return []byte(v) }
	dec := func(_ *Ctx, _ string, b []byte) (string, error) { return string(b), nil }
	k.upper = &Kind[string]{Name: "upper", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		b, err := c.Read(arg)
		return strings.ToUpper(string(b)), err
	}}
	// size cannot be encoded: a Store that Load read checks it by its
	// reads, and runs it only when its result is asked for.
	k.size = &Kind[string]{Name: "size", Sum: func(v string) Key { return Sum([]byte(v)) }, Compute: func(c *Ctx, arg string) (string, error) {
		b, err := c.Read(arg)
		return strings.Repeat("x", len(b)), err
	}}
	k.twice = &Kind[string]{Name: "twice", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		v, err := Get(c, k.size, arg)
		return v + v, err
	}}
	k.all = &Kind[string]{Name: "all", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		list, err := c.List(arg)
		if err != nil {
			return "", err
		}
		var parts []string
		for _, e := range list {
			if e.Dir {
				continue
			}
			v, err := Get(c, k.upper, arg+"/"+e.Name)
			if err != nil {
				return "", err
			}
			parts = append(parts, v)
		}
		return strings.Join(parts, "|"), nil
	}}
	return k
}

func (k *kinds) store(fsys fs.FS) *Store { return NewStore(fsys, k.upper, k.size, k.twice, k.all) }

// get asks for q in the build of c, failing t on an error.
func get(t *testing.T, c *Ctx, q *Kind[string], arg string) string {
	t.Helper()
	v, err := Get(c, q, arg)
	if err != nil {
		t.Fatalf("%s %s: %v", q.Name, arg, err)
	}
	return v
}

// runs is what s ran since Begin, by kind, for the kinds named.
func runs(s *Store, names ...string) map[string]int {
	m := map[string]int{}
	for _, n := range names {
		if r := s.Runs(n); r > 0 {
			m[n] = r
		}
	}
	return m
}

func sameRuns(t *testing.T, step string, got, want map[string]int) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: ran %v, want %v", step, got, want)
		return
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: ran %v, want %v", step, got, want)
			return
		}
	}
}

func TestStoreKeepsWhatReadsHold(t *testing.T) {
	fsys := fstest.MapFS{"d/a": {Data: []byte("ab")}, "d/b": {Data: []byte("cd")}}
	k := newKinds()
	s := k.store(fsys)
	names := []string{"upper", "all", "twice", "size", fileKind, dirKind}
	// A file's change is a change of its folder's listing too when the
	// listing no longer names it as what it is (the watcher does not say
	// whether it was added, edited or removed): the listing is then read
	// again; all runs only when the listing differs.
	steps := []struct {
		name    string
		edit    func()
		changed []string
		want    string
		runs    map[string]int
	}{
		{"first", func() {}, nil, "AB|CD", map[string]int{"upper": 2, "all": 1, fileKind: 2, dirKind: 1}},
		{"nothing changed", func() {}, []string{}, "AB|CD", map[string]int{}},
		{"every file read again", func() {}, nil, "AB|CD", map[string]int{fileKind: 2, dirKind: 1}},
		{"a edited", func() { fsys["d/a"] = &fstest.MapFile{Data: []byte("xy")} }, []string{"d/a"}, "XY|CD", map[string]int{"upper": 1, "all": 1, fileKind: 1}},
		{"a's case changed", func() { fsys["d/a"] = &fstest.MapFile{Data: []byte("XY")} }, []string{"d/a"}, "XY|CD", map[string]int{"upper": 1, fileKind: 1}},
		{"c added", func() { fsys["d/c"] = &fstest.MapFile{Data: []byte("e")} }, []string{"d/c"}, "XY|CD|E", map[string]int{"upper": 1, "all": 1, fileKind: 1, dirKind: 1}},
		{"b removed", func() { delete(fsys, "d/b") }, []string{"d/b"}, "XY|E", map[string]int{"all": 1, dirKind: 1}},
		{"the folder named", func() {}, []string{"d"}, "XY|E", map[string]int{fileKind: 2, dirKind: 1}},
	}
	for _, st := range steps {
		st.edit()
		c := s.Begin(st.changed)
		if got := get(t, c, k.all, "d"); got != st.want {
			t.Errorf("%s: all = %q, want %q", st.name, got, st.want)
		}
		sameRuns(t, st.name, runs(s, names...), st.runs)
		s.End(true)
	}
	// Only what the last build read is kept: d/a, d/c, their upper, the
	// folder and all.
	if n := s.Len(); n != 6 {
		t.Errorf("kept %d results, want 6", n)
	}
}

// TestStoreEarlyCutoff: a query that runs again with the same result
// leaves those that read it green.
func TestStoreEarlyCutoff(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("abc")}}
	k := newKinds()
	s := k.store(fsys)
	c := s.Begin(nil)
	if got := get(t, c, k.twice, "a"); got != "xxxxxx" {
		t.Fatalf("twice = %q", got)
	}
	s.End(true)
	fsys["a"] = &fstest.MapFile{Data: []byte("xyz")}
	c = s.Begin([]string{"a"})
	get(t, c, k.twice, "a")
	sameRuns(t, "same size", runs(s, "size", "twice"), map[string]int{"size": 1})
	s.End(true)
	fsys["a"] = &fstest.MapFile{Data: []byte("wxyz")}
	c = s.Begin([]string{"a"})
	if got := get(t, c, k.twice, "a"); got != "xxxxxxxx" {
		t.Errorf("twice = %q", got)
	}
	sameRuns(t, "new size", runs(s, "size", "twice"), map[string]int{"size": 1, "twice": 1})
}

// TestStoreReadsAsLastRun: a read a query no longer makes does not make it
// run again.
func TestStoreReadsAsLastRun(t *testing.T) {
	fsys := fstest.MapFS{"which": {Data: []byte("a")}, "a": {Data: []byte("1")}, "b": {Data: []byte("2")}}
	pick := &Kind[string]{Name: "pick", Sum: func(v string) Key { return Sum([]byte(v)) }, Compute: func(c *Ctx, _ string) (string, error) {
		w, err := c.Read("which")
		if err != nil {
			return "", err
		}
		b, err := c.Read(string(w))
		return string(b), err
	}}
	s := NewStore(fsys, pick)
	for _, st := range []struct {
		edit    func()
		changed []string
		want    string
		ran     int
	}{
		{func() {}, nil, "1", 1},
		{func() { fsys["which"] = &fstest.MapFile{Data: []byte("b")} }, []string{"which"}, "2", 1},
		{func() { fsys["a"] = &fstest.MapFile{Data: []byte("3")} }, []string{"a"}, "2", 0},
		{func() { fsys["b"] = &fstest.MapFile{Data: []byte("4")} }, []string{"b"}, "4", 1},
	} {
		st.edit()
		c := s.Begin(st.changed)
		v, err := Get(c, pick, "")
		if err != nil || v != st.want || s.Runs("pick") != st.ran {
			t.Errorf("after %v: %q, %v, ran %d; want %q, ran %d", st.changed, v, err, s.Runs("pick"), st.want, st.ran)
		}
		s.End(true)
	}
}

// TestStoreErrors: an error is a result like another, kept while its
// reads hold and replaced once the input is fixed.
func TestStoreErrors(t *testing.T) {
	fsys := fstest.MapFS{}
	k := newKinds()
	s := k.store(fsys)
	for i, st := range []struct {
		edit    func()
		changed []string
		ok      bool
		ran     int
	}{
		{func() {}, nil, false, 1},
		{func() {}, []string{}, false, 0},
		{func() { fsys["a"] = &fstest.MapFile{Data: []byte("q")} }, []string{"a"}, true, 1},
	} {
		st.edit()
		c := s.Begin(st.changed)
		_, err := Get(c, k.upper, "a")
		if (err == nil) != st.ok || !st.ok && !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("step %d: err = %v", i, err)
		}
		if got := s.Runs("upper"); got != st.ran {
			t.Errorf("step %d: upper ran %d times, want %d", i, got, st.ran)
		}
		s.End(err == nil)
	}
}

// TestStoreCycle: a query that reads itself, through another, gets an
// error naming the chain rather than waiting for itself forever.
func TestStoreCycle(t *testing.T) {
	var ping, pong *Kind[string]
	ping = &Kind[string]{Name: "ping", Sum: func(v string) Key { return Sum([]byte(v)) }, Compute: func(c *Ctx, arg string) (string, error) {
		return Get(c, pong, arg)
	}}
	pong = &Kind[string]{Name: "pong", Sum: func(v string) Key { return Sum([]byte(v)) }, Compute: func(c *Ctx, arg string) (string, error) {
		return Get(c, ping, arg)
	}}
	s := NewStore(fstest.MapFS{}, ping, pong)
	_, err := Get(s.Begin(nil), ping, "x")
	if err == nil || !strings.Contains(err.Error(), "ping x reads itself: ping x → pong x → ping x") {
		t.Errorf("err = %v", err)
	}
}

// TestStoreRunsOnce: queries asked for at once from many goroutines run
// once each (go test -race checks the store's locking).
func TestStoreRunsOnce(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, n := range []string{"a", "b", "c", "d"} {
		fsys["d/"+n] = &fstest.MapFile{Data: []byte(n)}
	}
	k := newKinds()
	s := k.store(fsys)
	c := s.Begin(nil)
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			if i%2 == 0 {
				get(t, c, k.all, "d")
			} else {
				get(t, c, k.upper, "d/"+string(rune('a'+i%4)))
			}
		})
	}
	wg.Wait()
	sameRuns(t, "64 at once", runs(s, "all", "upper", fileKind, dirKind), map[string]int{"all": 1, "upper": 4, fileKind: 4, dirKind: 1})
}

// TestStoreSaveLoad: a store read back from what Save wrote gives the same
// results without running what it can take: a result of a kind it cannot
// encode is checked by its reads, so those that read it stay green.
func TestStoreSaveLoad(t *testing.T) {
	fsys := fstest.MapFS{"d/a": {Data: []byte("ab")}, "d/b": {Data: []byte("cde")}}
	k := newKinds()
	s := k.store(fsys)
	c := s.Begin(nil)
	get(t, c, k.all, "d")
	get(t, c, k.twice, "d/b")
	s.End(true)
	saved := s.Save("v1")
	if again := s.Save("v1"); string(again) != string(saved) {
		t.Error("two saves of one store differ")
	}

	t2 := k.store(fsys)
	if err := t2.Load(saved, "v1"); err != nil {
		t.Fatal(err)
	}
	c = t2.Begin(nil)
	if got := get(t, c, k.all, "d"); got != "AB|CDE" {
		t.Errorf("all = %q", got)
	}
	if got := get(t, c, k.twice, "d/b"); got != "xxxxxx" {
		t.Errorf("twice = %q", got)
	}
	sameRuns(t, "loaded", runs(t2, "upper", "all", "twice", "size", fileKind, dirKind), map[string]int{fileKind: 2, dirKind: 1})
	// size, not kept, runs when its own result is asked for.
	if got := get(t, c, k.size, "d/b"); got != "xxx" || t2.Runs("size") != 1 {
		t.Errorf("size = %q, ran %d", got, t2.Runs("size"))
	}
	t2.End(true)

	fsys["d/b"] = &fstest.MapFile{Data: []byte("fgh")}
	t3 := k.store(fsys)
	if err := t3.Load(saved, "v1"); err != nil {
		t.Fatal(err)
	}
	c = t3.Begin(nil)
	if got := get(t, c, k.all, "d"); got != "AB|FGH" {
		t.Errorf("all = %q", got)
	}
	get(t, c, k.twice, "d/b")
	sameRuns(t, "loaded, b edited", runs(t3, "upper", "all", "twice", "size"), map[string]int{"upper": 1, "all": 1, "size": 1})

	for _, bad := range []struct {
		data    []byte
		version string
		why     string
	}{
		{saved, "v2", "version"},
		{saved[:len(saved)-3], "v1", "damaged"},
		{[]byte("junk"), "v1", "format"},
	} {
		t4 := k.store(fsys)
		if err := t4.Load(bad.data, bad.version); err == nil || !strings.Contains(err.Error(), bad.why) {
			t.Errorf("Load of a store %s: %v", bad.why, err)
		}
		if t4.Len() != 0 {
			t.Errorf("Load of a store %s kept %d results", bad.why, t4.Len())
		}
	}
}

// TestStoreEndKeepsAfterFailure: a failed build lets go of nothing, so
// the build after the fix finds what the builds before made.
func TestStoreEndKeepsAfterFailure(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("a")}, "b": {Data: []byte("b")}}
	k := newKinds()
	s := k.store(fsys)
	c := s.Begin(nil)
	get(t, c, k.upper, "a")
	get(t, c, k.upper, "b")
	s.End(true)
	c = s.Begin([]string{})
	get(t, c, k.upper, "a")
	s.End(false)
	c = s.Begin([]string{})
	get(t, c, k.upper, "b")
	if r := s.Runs("upper"); r != 0 {
		t.Errorf("upper ran %d times after a failed build", r)
	}
}

// TestStoreInput: a value the driver sets is read like a file: a query
// runs again when it is set to another value, and not when set to the
// same; one not set is an error.
func TestStoreInput(t *testing.T) {
	opt := &Kind[string]{Name: "opt", Compute: func(c *Ctx, arg string) (string, error) {
		v, err := c.Input(arg)
		return "drafts=" + string(v), err
	}}
	s := NewStore(fstest.MapFS{}, opt)
	if _, err := Get(s.Begin(nil), opt, "drafts"); err == nil || !strings.Contains(err.Error(), `input "drafts" not set`) {
		t.Errorf("err = %v", err)
	}
	s.End(false)
	for _, st := range []struct {
		set  string
		want string
		ran  int
	}{{"yes", "drafts=yes", 1}, {"yes", "drafts=yes", 0}, {"no", "drafts=no", 1}} {
		s.Set("drafts", []byte(st.set))
		v, err := Get(s.Begin([]string{}), opt, "drafts")
		if err != nil || v != st.want || s.Runs("opt") != st.ran {
			t.Errorf("set %q: %q, %v, ran %d; want %q, ran %d", st.set, v, err, s.Runs("opt"), st.want, st.ran)
		}
		s.End(true)
	}
}

// TestGetEachOrder: GetEach gives each argument's result at its place and
// records the reads in the order of the arguments, whichever query was
// done first, so that a result summed by its reads (no Sum, no Encode)
// has the same sum in every build, and Save the same bytes.
func TestGetEachOrder(t *testing.T) {
	fsys := fstest.MapFS{}
	var args []string
	for i := range 64 {
		name := fmt.Sprintf("d/%02d", i)
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Repeat("x", 64-i))}
		args = append(args, name)
	}
	size := &Kind[int]{Name: "size", Compute: func(c *Ctx, name string) (int, error) {
		b, err := c.Read(name)
		return len(b), err
	}}
	all := &Kind[int]{Name: "all", Compute: func(c *Ctx, _ string) (int, error) {
		sizes, errs := GetEach(c, size, args, 8)
		for i, n := range sizes {
			if errs[i] != nil || n != 64-i {
				return 0, fmt.Errorf("size of %s = %d, %v", args[i], n, errs[i])
			}
		}
		return len(sizes), nil
	}}
	var first []byte
	for range 8 {
		s := NewStore(fsys, size, all)
		if n, err := Get(s.Begin(nil), all, ""); err != nil || n != 64 {
			t.Fatalf("all = %d, %v", n, err)
		}
		s.End(true)
		b := s.Save("v")
		if first == nil {
			first = b
		} else if !bytes.Equal(b, first) {
			t.Fatal("two stores of the same builds saved different bytes")
		}
	}
}

// TestStoreRelease: a store made for one build lets go of the values it
// gave (a file's bytes, the results) and keeps what Save writes; a result
// asked for again in the same build is decoded or made again, as equal.
func TestStoreRelease(t *testing.T) {
	fsys := fstest.MapFS{"d/a": {Data: []byte("ab")}, "d/b": {Data: []byte("cde")}}
	k := newKinds()
	ask := func(s *Store, c *Ctx) []string {
		return []string{get(t, c, k.all, "d"), get(t, c, k.twice, "d/b"), get(t, c, k.size, "d/a")}
	}
	kept := k.store(fsys)
	want := ask(kept, kept.Begin(nil))
	kept.End(true)

	s := k.store(fsys)
	c := s.Begin(nil)
	ask(s, c)
	s.Release()
	held := 0
	s.each(func(m *memo) bool {
		if m.ready.Load() && (m.id.kind == fileKind || s.kinds[m.id.kind] != nil) {
			held++
			t.Errorf("released, %s %s still holds %v", m.id.kind, m.id.arg, m.val)
		}
		return true
	})
	if t.Failed() || held != 0 {
		return
	}
	if got := s.Save("v"); !bytes.Equal(got, kept.Save("v")) {
		t.Error("a released store saves other bytes than the store that kept its values")
	}
	before := runs(s, "upper", "all", "twice", "size", fileKind)
	if got := ask(s, c); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("asked again after Release: %q, want %q", got, want)
	}
	// Decoded (all, twice) or made again (size, which cannot be encoded)
	// from the files read again.
	sameRuns(t, "asked again", runs(s, "upper", "all", "twice", "size", fileKind), map[string]int{
		"upper": before["upper"], "all": before["all"], "twice": before["twice"], "size": before["size"] + 1, fileKind: before[fileKind] + 1})
	s.End(true)
	if got := s.Save("v"); !bytes.Equal(got, kept.Save("v")) {
		t.Error("a released store, asked again, saves other bytes than the store that kept its values")
	}
}

// TestReadsRecordedOnce: a query's reads are recorded once each, whether
// asked one by one, many at once (GetEach, distinct or not), or both.
func TestReadsRecordedOnce(t *testing.T) {
	fsys := fstest.MapFS{}
	var names []string
	for i := range 40 {
		n := fmt.Sprintf("f%02d", i)
		fsys[n] = &fstest.MapFile{Data: []byte(n)}
		names = append(names, n)
	}
	k := newKinds()
	for _, tc := range []struct {
		name string
		ask  func(c *Ctx)
	}{
		{"one, then all", func(c *Ctx) { Get(c, k.upper, "f03"); GetEach(c, k.upper, names, 2) }},
		{"all, then one", func(c *Ctx) { GetEach(c, k.upper, names, 2); Get(c, k.upper, "f39") }},
		{"all twice", func(c *Ctx) { GetEach(c, k.upper, names, 2); GetEach(c, k.upper, names, 2) }},
		{"some repeated", func(c *Ctx) { GetEach(c, k.upper, append(slices.Clone(names), names[:20]...), 2) }},
		{"many, then all", func(c *Ctx) { GetEach(c, k.upper, names[:20], 2); GetEach(c, k.upper, names, 2) }},
	} {
		all := &Kind[string]{Name: "all", Compute: func(c *Ctx, _ string) (string, error) { tc.ask(c); return "", nil }}
		s := NewStore(fsys, k.upper, all)
		c := s.Begin(nil)
		get(t, c, all, "")
		m := s.lookup(qid{"all", ""})
		seen := map[*memo]bool{}
		for _, r := range m.reads {
			if seen[r.m] {
				t.Errorf("%s: %s %s recorded twice", tc.name, r.m.id.kind, r.m.id.arg)
			}
			seen[r.m] = true
		}
		if len(m.reads) != len(names) {
			t.Errorf("%s: %d reads recorded, want %d", tc.name, len(m.reads), len(names))
		}
	}
}

// TestPrior checks that a query run again is given the result it gave
// before (Ctx.Prior), and nothing on its first run, nor after its result
// was let go of (Release) or its run failed.
func TestPrior(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("one")}}
	var priors []any
	k := &Kind[string]{Name: "k", Compute: func(c *Ctx, arg string) (string, error) {
		priors = append(priors, c.Prior())
		b, err := c.Read(arg)
		if string(b) == "bad" {
			return "", errors.New("bad")
		}
		return string(b), err
	}}
	s := NewStore(fsys, k)
	build := func(text string) {
		t.Helper()
		fsys["a"] = &fstest.MapFile{Data: []byte(text)}
		Get(s.Begin([]string{"a"}), k, "a")
	}
	Get(s.Begin(nil), k, "a")
	build("two")
	build("bad")
	build("three")
	build("four")
	s.Release()
	build("five")
	want := []any{nil, "one", "two", nil, "three", nil}
	if !slices.Equal(priors, want) {
		t.Errorf("the queries were given %q, want %q", priors, want)
	}
}

// TestDefaultSumHasArgument: a kind without Sum or Encode sums its key
// with its reads, so that two arguments that read the same give two
// sums (an article's view laid out anew reads the same files), and the
// sum holds from build to build while the reads do.
func TestDefaultSumHasArgument(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("abc")}}
	tag := &Kind[string]{Name: "tag", Compute: func(c *Ctx, arg string) (string, error) {
		b, err := c.Read("a")
		return arg + string(b), err
	}}
	s := NewStore(fsys, tag)
	sumOf := func(c *Ctx, arg string) Key {
		t.Helper()
		_, sum, err := GetSum(c, tag, arg)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	c := s.Begin(nil)
	x, y := sumOf(c, "x"), sumOf(c, "y")
	if x == y {
		t.Errorf("tag x and tag y have one sum %x", x)
	}
	s.End(true)
	c = s.Begin([]string{"a"})
	if again := sumOf(c, "x"); again != x {
		t.Errorf("tag x's sum went from %x to %x with the same reads", x, again)
	}
	s.End(true)
	fsys["a"] = &fstest.MapFile{Data: []byte("abd")}
	c = s.Begin([]string{"a"})
	if edited := sumOf(c, "x"); edited == x {
		t.Errorf("tag x kept its sum %x after its file changed", x)
	}
}
