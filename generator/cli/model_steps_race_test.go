//go:build race

package cli

// modelSteps is the number of edits of TestModel's run. Under the race
// detector, which makes each build about ten times slower, a shorter run
// still drives every kind of build through the Session and the page cache.
const modelSteps = 40

// raceBuild says the tests run under the race detector: the binary they
// drive is built with it too (tearsheetBinary).
const raceBuild = true
