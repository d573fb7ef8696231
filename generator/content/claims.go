package content

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Claim is a statement about the data that the build checks, written as a
// comparison of inline figures ("{{ a.x | ytd }} < {{ a.y | ytd }}"), either
// alone or as {text, check} with the sentence readers see.
type Claim struct {
	Text  string `yaml:"text"`  // the claim in words; "" when only check was given
	Check string `yaml:"check"` // the comparison evaluated against the data
	Line  int    `yaml:"-"`     // 1-based line of the file
}

// UnmarshalYAML reads a claim as a string (the check) or a {text, check}
// mapping. A claim that is neither is a type error (valueError): decoding
// goes on, and the claim is left out.
func (c *Claim) UnmarshalYAML(n *yaml.Node) error {
	c.Line = n.Line
	var msgs []string
	switch n.Kind {
	case yaml.ScalarNode:
		c.Check = strings.TrimSpace(n.Value)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				msgs = append(msgs, lineMsg(v.Line, "claims: %s must be text", k.Value))
				continue
			}
			switch k.Value {
			case "text":
				c.Text = strings.TrimSpace(v.Value)
			case "check":
				c.Check = strings.TrimSpace(v.Value)
				c.Line = v.Line
			default:
				msgs = append(msgs, lineMsg(k.Line, "claims: unknown key %q (keys: text, check)", k.Value))
			}
		}
	default:
		return valueError(n.Line, "a claim is a comparison such as \"{{ prices.a | ytd }} < {{ prices.b | ytd }}\", or {text, check}")
	}
	if c.Check == "" && len(msgs) == 0 {
		msgs = append(msgs, lineMsg(n.Line, "claims: a claim needs check: a comparison such as \"{{ fedfunds.FEDFUNDS | last }} > 5\""))
	}
	if len(msgs) > 0 {
		return &yaml.TypeError{Errors: msgs}
	}
	return nil
}
