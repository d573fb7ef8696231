//go:build !race

package cli

// modelSteps is the number of edits of TestModel's run.
const modelSteps = 300
