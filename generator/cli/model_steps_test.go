//go:build !race

package cli

// modelSteps is the number of edits of TestModel's run.
const modelSteps = 300

// raceBuild says the tests run under the race detector: the binary they
// drive is built with it too (tearsheetBinary).
const raceBuild = false
