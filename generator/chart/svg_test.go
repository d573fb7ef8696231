package chart

import (
	"strconv"
	"testing"
)

func TestAppendInt(t *testing.T) {
	for v := -20000; v <= 20000; v++ {
		if got, want := string(appendInt(nil, v)), strconv.Itoa(v); got != want {
			t.Fatalf("appendInt(%d) = %q, want %q", v, got, want)
		}
	}
}
