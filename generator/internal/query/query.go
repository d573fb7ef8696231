// Package query is the store of derived values that tearsheet's two
// incremental engines are to become (see DESIGN.md, "Incremental builds:
// one store", and issue 17): every derived value is a query, a function
// of the store's inputs (the site's files, by the SHA-256 of their bytes,
// and the values the build's driver sets, such as its options) and of
// other queries, whose reads are recorded while it runs.
//
// A Store keeps each query's result with the reads that made it and the
// SHA-256 of the result (its sum), and gives the result again while every
// read would give what it gave then. A result is checked by checking what
// it read, in the order it read it, each read checked the same way before
// its sum is compared (red/green marking, as Salsa does); the first read
// whose sum differs makes the query run again. A query that runs again and
// returns a result of the same sum leaves every query that read it green
// (early cutoff): an edit that keeps an article's title, date and tags keeps
// the sum of the site's layout, so no query that read only the layout runs
// again. A check costs a map lookup and a comparison of sums per recorded
// read, whatever the query computes.
//
// The rules a query (Kind.Compute) keeps:
//   - it reads files only through its Ctx (Ctx.Read, Ctx.List) and other
//     queries only through Get with its Ctx, so that every read is recorded;
//   - its result depends on nothing else: not the clock, not a map's order,
//     not a value of an earlier build (Prior gives one to make the result
//     faster from, never another result);
//   - no one changes its result once it is returned: the store gives the
//     same value to every reader, from any goroutine;
//   - its sum (Kind.Sum) covers everything of the result a reader may use.
//
// Two escapes from these rules, each named where it is used: a Volatile
// kind runs again in every build (what it reads cannot be recorded), and
// its readers stay green while its sum holds; and an error that Transient
// marks is the build's, not the query's (a build stopped, or an error
// whose cause was not recorded as read): the next build runs the query
// again.
//
// One Store serves a preview and a build alike. tearsheet serve keeps one
// while it runs and says, at the start of each build, which files changed
// (Begin); the files it does not name are not read again. tearsheet build
// loads one from disk (Load) and saves it after the build (Save): every
// result's reads and sum, and the result itself where its kind can encode
// it; a result that cannot be encoded is still checked by its reads, so
// that the results that read it stay green while it is.
package query

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/tearsheet/tearsheet/generator/internal/par"
)

// Key names a query (its kind and argument) or is the sum of a result: a
// SHA-256.
type Key [sha256.Size]byte

// Sum is the SHA-256 of b, the sum of a result that is bytes.
func Sum(b []byte) Key { return sha256.Sum256(b) }

// keyOf is the key of the query of kind with arg: the SHA-256 of both,
// each with its length first.
func keyOf(kind, arg string) Key {
	b := make([]byte, 0, 16+len(kind)+len(arg))
	b = binary.LittleEndian.AppendUint64(b, uint64(len(kind)))
	b = append(b, kind...)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(arg)))
	return sha256.Sum256(append(b, arg...))
}

// Kind is a kind of query: Compute makes the result for an argument (a
// source path, say). The Name is unique in a Store.
type Kind[V any] struct {
	Name    string
	Compute func(c *Ctx, arg string) (V, error)
	// Sum is the SHA-256 of what of a result a reader may use; when nil,
	// that of Encode's bytes, or without Encode that of the query's key
	// and the sums of what it read, in order (its result is a function of
	// its argument and of them: it changes whenever they do, early cutoff
	// then being theirs, and the results of two arguments that read the
	// same differ).
	Sum func(v V) Key
	// Encode and Decode, when both set, let Save keep the results of this
	// kind, and a Store that Load read give them without running Compute.
	// Encode returns nil for a result it does not keep (one whose reader
	// needs more than bytes can say: it is made again when asked for).
	// Decode is given what Encode made, with a Ctx through which it may
	// read again what the result was made from (a file's bytes, say, which
	// the result points into): those reads are the result's already, and
	// are not recorded again.
	Encode func(v V) []byte
	Decode func(c *Ctx, arg string, b []byte) (V, error)
	// Volatile makes the query run again in every build, once, whatever
	// it read: for a value made from what the store cannot record (how a
	// figure set resolves a data name, say). A reader of it stays green
	// while it gives the same sum (early cutoff).
	Volatile bool
}

// Definition is a Kind of any result type, as NewStore takes it.
type Definition interface {
	name() string
	volatile() bool
	run(c *Ctx, arg string) (any, error)
	sum(v any, key Key, reads []read) Key
	encode(v any) ([]byte, bool)
	decode(c *Ctx, arg string, b []byte) (any, error)
}

func (k *Kind[V]) name() string { return k.Name }

func (k *Kind[V]) volatile() bool { return k.Volatile }

// transient is an error that Transient marked.
type transient struct{ error }

// Unwrap gives the error marked as a join of one, so that a caller who
// takes joined errors apart finds the error itself.
func (t transient) Unwrap() []error { return []error{t.error} }

// Transient marks err, a query's error, as one of the build under way,
// not of what the query read (the build was stopped, or the error's cause
// is not among the recorded reads): the store gives it for the rest of
// the build, then runs the query again.
func Transient(err error) error {
	if err == nil {
		return nil
	}
	return transient{err}
}

func (k *Kind[V]) run(c *Ctx, arg string) (any, error) { return k.Compute(c, arg) }

func (k *Kind[V]) sum(v any, key Key, reads []read) Key {
	switch {
	case k.Sum != nil:
		return k.Sum(v.(V))
	case k.Encode != nil:
		if b := k.Encode(v.(V)); b != nil {
			return Sum(b)
		}
	}
	b := make([]byte, 0, len("query reads\x00")+(len(reads)+1)*len(Key{}))
	b = append(b, "query reads\x00"...)
	b = append(b, key[:]...)
	for _, r := range reads {
		b = append(b, r.sum[:]...)
	}
	return Sum(b)
}

func (k *Kind[V]) encode(v any) ([]byte, bool) {
	if k.Encode == nil || k.Decode == nil {
		return nil, false
	}
	b := k.Encode(v.(V))
	return b, b != nil
}

func (k *Kind[V]) decode(c *Ctx, arg string, b []byte) (any, error) { return k.Decode(c, arg, b) }

// The kinds of the store's inputs: a file's bytes, a folder's names, what
// a link or a special file is, and a value the driver sets.
const (
	fileKind = "query.file"
	dirKind  = "query.dir"
	statKind = "query.stat" // fs.Stat's mode, asked for links and special files only
	setKind  = "query.set"  // a value the build's driver gives (Store.Set)
)

// Ctx is what a query reads through: its reads are recorded as the
// reads of the query it was given to. It may be used from many goroutines
// at once.
type Ctx struct {
	s     *Store
	m     *memo // the query running or checked; nil for the build's own Ctx
	up    *Ctx  // the query that asked for this one, for cycles
	mu    sync.Mutex
	reads []read
	seen  map[*memo]bool // the memos of reads, once there are many
}

// record notes that the query of c read m's result, of sum.
func (c *Ctx) record(m *memo, sum Key) { c.recordAll([]*memo{m}, []Key{sum}, false) }

// recordAll notes that the query of c read the results of memos, in
// order, of sums; a nil memo is none. distinct says no memo is there
// twice, so that each is looked for among the reads recorded before only.
func (c *Ctx) recordAll(memos []*memo, sums []Key, distinct bool) {
	if c.m == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if distinct && c.seen == nil && len(c.reads) < 16 {
		// A query's thousands of reads at once (content.load's of every
		// file): the few recorded before are looked through, and no map
		// of them all is made unless another read comes (add).
		before := c.reads
		for i, m := range memos {
			if m != nil && !slices.ContainsFunc(before, func(r read) bool { return r.m == m }) {
				c.reads = append(c.reads, read{m, sums[i]})
			}
		}
		return
	}
	for i, m := range memos {
		if m != nil && c.add(m) {
			c.reads = append(c.reads, read{m, sums[i]})
		}
	}
}

// add reports whether m is a read c has not recorded, and notes it; c.mu
// is held. Past 16 reads they are looked up in a map.
func (c *Ctx) add(m *memo) bool {
	if c.seen == nil && len(c.reads) >= 16 {
		c.seen = make(map[*memo]bool, 2*len(c.reads))
		for _, r := range c.reads {
			c.seen[r.m] = true
		}
	}
	if c.seen != nil {
		if c.seen[m] {
			return false
		}
		c.seen[m] = true
		return true
	}
	for _, r := range c.reads {
		if r.m == m {
			return false
		}
	}
	return true
}

// cycle reports the chain of queries, first to last, that asked for one
// another from the one of key to c's when key is being run or checked by
// c or by one that asked for c; nil when it is not.
func (c *Ctx) cycle(m *memo) []string {
	for u := c; u != nil && u.m != nil; u = u.up {
		if u.m == m {
			var names []string
			for v := c; ; v = v.up {
				names = append(names, v.m.id.kind+" "+v.m.id.arg)
				if v == u {
					break
				}
			}
			slices.Reverse(names)
			return names
		}
	}
	return nil
}

// Get returns the result of the query of kind k with arg, as of the build
// c belongs to: kept while what it read is unchanged, else made again by
// k.Compute. The read is recorded as one of c's query.
func Get[V any](c *Ctx, k *Kind[V], arg string) (V, error) {
	m, v, sum, err := getMemo(c, k, arg)
	if m != nil {
		c.record(m, sum)
	}
	return v, err
}

// GetSum is Get with the sum of the result (Kind.Sum), which stands in
// for it where a key of what a value was made from is wanted.
func GetSum[V any](c *Ctx, k *Kind[V], arg string) (V, Key, error) {
	m, v, sum, err := getMemo(c, k, arg)
	if m != nil {
		c.record(m, sum)
	}
	return v, sum, err
}

// GetEach is Get for each of args, asked on workers goroutines at once
// (GOMAXPROCS when 0), the results and errors in the order of args; the
// reads are recorded in that order, whichever query was done first.
func GetEach[V any](c *Ctx, k *Kind[V], args []string, workers int) ([]V, []error) {
	vals := make([]V, len(args))
	errs := make([]error, len(args))
	memos := make([]*memo, len(args))
	sums := make([]Key, len(args))
	par.Each(len(args), workers, func(i int) {
		memos[i], vals[i], sums[i], errs[i] = getMemo(c, k, args[i])
	})
	// Distinct arguments (strictly sorted, as a listing's names are) are
	// distinct queries.
	distinct := true
	for i := 1; i < len(args) && distinct; i++ {
		distinct = args[i-1] < args[i]
	}
	c.recordAll(memos, sums, distinct)
	return vals, errs
}

// getMemo is Get but for the record of the read: the memo read (nil when
// none was) and its sum.
func getMemo[V any](c *Ctx, k *Kind[V], arg string) (*memo, V, Key, error) {
	var zero V
	if c.s.kinds[k.Name] != Definition(k) {
		return nil, zero, Key{}, fmt.Errorf("query: kind %q is not the store's", k.Name)
	}
	m := c.s.memo(k.Name, arg)
	if names := c.cycle(m); names != nil {
		return nil, zero, Key{}, fmt.Errorf("query: %s %s reads itself: %s → %s %s", k.Name, arg, strings.Join(names, " → "), k.Name, arg)
	}
	v, sum, err := c.s.result(c, m, true)
	if err != nil {
		return m, zero, sum, err
	}
	return m, v.(V), sum, nil
}

// Prior returns the result the query of c gave before it ran again, as
// the store holds it in memory (nil for none: a first run, a store that
// Load read or Release emptied), for a Compute that can make its result
// faster from an earlier one (site.New takes the related articles of an
// earlier layout while every article's tags are the same): with it or
// without, Compute returns the same result. It is for the Compute of c
// only, while it runs.
func (c *Ctx) Prior() any {
	if c.m == nil || !c.m.ready.Load() {
		return nil
	}
	return c.m.val // c.m.mu is held by the run
}

// Read returns the bytes of the file name (a slash path from the root of
// the store's files), recorded as read.
func (c *Ctx) Read(name string) ([]byte, error) { return input[[]byte](c, fileKind, name) }

// ReadSum is Read with the SHA-256 of the bytes, which the store made as
// it read them: a reader that keys what it makes by the file's bytes
// need not hash them again.
func (c *Ctx) ReadSum(name string) ([]byte, Key, error) {
	m := c.s.memo(fileKind, path.Clean(name))
	v, sum, err := c.s.result(c, m, true)
	c.record(m, sum)
	if err != nil {
		return nil, Key{}, err
	}
	return v.([]byte), sum, nil
}

// input is the file or folder listing of kind at name, recorded as read.
func input[T any](c *Ctx, kind, name string) (T, error) {
	var zero T
	m := c.s.memo(kind, path.Clean(name))
	v, sum, err := c.s.result(c, m, true)
	c.record(m, sum)
	if err != nil {
		return zero, err
	}
	return v.(T), nil
}

// Entry is a name in a folder, with its type bits (fs.DirEntry.Type: 0
// for a regular file; a symbolic link is not followed).
type Entry struct {
	Name string
	Dir  bool
	Type fs.FileMode
}

// Input returns the value the build's driver gave the input name
// (Store.Set), recorded as read: what queries depend on besides files,
// such as a build's options.
func (c *Ctx) Input(name string) ([]byte, error) { return input[[]byte](c, setKind, name) }

// List returns the names in the folder name, sorted, recorded as read.
func (c *Ctx) List(name string) ([]Entry, error) { return input[[]Entry](c, dirKind, name) }

// Mode returns the mode fs.Stat gives for name, which follows a link,
// recorded as read: what a folder's listing does not say of a link or a
// special file. Its error is fs.Stat's.
func (c *Ctx) Mode(name string) (fs.FileMode, error) { return input[fs.FileMode](c, statKind, name) }
