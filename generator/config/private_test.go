package config

import (
	"fmt"
	"strings"
	"testing"
)

func TestPrivateValuesHidden(t *testing.T) {
	c, err := Load(strings.NewReader("title: x\nprivate:\n  fredKey: SECRET-ZX81\n"), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Private["fredKey"] != "SECRET-ZX81" {
		t.Fatalf("private values not loaded: %d", len(c.Private))
	}
	for _, s := range []string{fmt.Sprint(c.Private), fmt.Sprintf("%v %+v %#v", c, *c, c.Private)} {
		if strings.Contains(s, "SECRET-ZX81") {
			t.Errorf("printing the config shows a private value: %s", s)
		}
	}
}

func TestSecretLookingParams(t *testing.T) {
	_, err := Load(strings.NewReader("title: x\nparams:\n  twitter: me\n  apiKey: abc\n  github_token: t\n"), "site.yaml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"site.yaml:4: params.apiKey: looks like a secret", "site.yaml:5: params.github_token", "private:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), "twitter") {
		t.Errorf("a plain param was flagged: %v", err)
	}
	if _, err := Load(strings.NewReader("title: x\nparams:\n  author: me\n  privacyEmail: a@b.c\n"), "site.yaml"); err != nil {
		t.Errorf("ordinary params flagged: %v", err)
	}
}
