package query

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"
)

// TestVolatile: a volatile query runs once in every build, whatever it
// read, and a reader of it runs again only when it gives another sum.
func TestVolatile(t *testing.T) {
	value := "a"
	vol := &Kind[string]{Name: "vol", Volatile: true, Compute: func(*Ctx, string) (string, error) { return value, nil },
		Sum: func(v string) Key { return Sum([]byte(v)) }}
	reader := &Kind[string]{Name: "reader", Compute: func(c *Ctx, arg string) (string, error) {
		v, err := Get(c, vol, arg)
		return v + "!", err
	}}
	s := NewStore(fstest.MapFS{}, vol, reader)
	for i, tc := range []struct {
		value, want string
		readerRuns  int
	}{{"a", "a!", 1}, {"a", "a!", 0}, {"b", "b!", 1}, {"b", "b!", 0}} {
		value = tc.value
		c := s.Begin([]string{})
		if got := get(t, c, reader, "x"); got != tc.want {
			t.Errorf("build %d: %q, want %q", i, got, tc.want)
		}
		get(t, c, reader, "x") // once per build
		if n := s.Runs("vol"); n != 1 {
			t.Errorf("build %d: vol ran %d times, want 1", i, n)
		}
		if n := s.Runs("reader"); n != tc.readerRuns {
			t.Errorf("build %d: reader ran %d times, want %d", i, n, tc.readerRuns)
		}
	}
}

// TestTransient: a query's error that Transient marks holds for the
// build that met it, and the next build runs the query again, though
// nothing it read changed; any other error is kept while its reads hold.
func TestTransient(t *testing.T) {
	fail := []error{Transient(context.Canceled), nil}
	k := &Kind[string]{Name: "k", Compute: func(c *Ctx, arg string) (string, error) {
		b, err := c.Read(arg)
		if err != nil {
			return "", err
		}
		err, fail = fail[0], fail[1:]
		return string(b), err
	}}
	s := NewStore(fstest.MapFS{"f": {Data: []byte("text")}}, k)
	c := s.Begin(nil)
	if _, err := Get(c, k, "f"); !errors.Is(err, context.Canceled) {
		t.Fatalf("first build: %v, want context.Canceled", err)
	}
	if _, err := Get(c, k, "f"); !errors.Is(err, context.Canceled) || s.Runs("k") != 1 {
		t.Fatalf("first build, asked again: %v after %d runs, want the same error of one run", err, s.Runs("k"))
	}
	c = s.Begin([]string{})
	if v := get(t, c, k, "f"); v != "text" || s.Runs("k") != 1 {
		t.Fatalf("second build: %q after %d runs, want text of a run", v, s.Runs("k"))
	}

	// A lasting error stays while its reads hold.
	calls := 0
	e := &Kind[string]{Name: "e", Compute: func(c *Ctx, arg string) (string, error) {
		calls++
		_, err := c.Read(arg)
		return "", errors.Join(err, errors.New("bad"))
	}}
	s = NewStore(fstest.MapFS{"f": {Data: []byte("text")}}, e)
	for range 2 {
		if _, err := Get(s.Begin([]string{}), e, "f"); err == nil {
			t.Fatal("no error")
		}
	}
	if calls != 1 {
		t.Errorf("a lasting error ran %d times in two builds, want 1", calls)
	}
}
