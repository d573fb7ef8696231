package yamlx

import (
	"strings"
	"testing"
)

type axis struct {
	Decimals int    `yaml:"decimals"`
	Format   string `yaml:"format"`
}

type spec struct {
	Title string `yaml:"title"`
	Y     axis   `yaml:"y"`
	Tags  []string
}

// TestDecodeMessages pins the messages an author reads: in the author's
// words (a mapping, a whole number), never a Go type's name.
func TestDecodeMessages(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"title: a\ny: x\n", `spec.yaml:3: "x" is text, but a mapping of decimals, format is expected here`},
		{"y: {decimals: x}\n", `spec.yaml:2: "x" is text, but a whole number is expected here`},
		{"titel: a\n", `spec.yaml:2: unknown key "titel" (did you mean "title"?)`},
		{"y: {zzz: 1}\n", `spec.yaml:2: unknown key "zzz" (valid keys: decimals, format)`},
	} {
		var s spec
		err := Decode([]byte(c.src), "spec.yaml", 1, &s)
		if err == nil || err.Error() != c.want {
			t.Errorf("Decode(%q) = %v, want %s", c.src, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "yamlx.") {
			t.Errorf("Decode(%q): a Go type's name in %q", c.src, err)
		}
	}
}
