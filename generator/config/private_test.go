package config

import (
	"strings"
	"testing"
)

// TestPrivateRemoved checks that site.yaml's private: key, which no part of
// a build ever read, is an error saying where secrets go, without showing
// its values.
func TestPrivateRemoved(t *testing.T) {
	_, err := Load(strings.NewReader("title: x\nprivate:\n  fredKey: SECRET-ZX81\n"), "site.yaml")
	if err == nil || !strings.Contains(err.Error(), "site.yaml:3: private: is no longer read") || !strings.Contains(err.Error(), "${env:NAME}") {
		t.Fatalf("private: %v", err)
	}
	if strings.Contains(err.Error(), "SECRET-ZX81") || strings.Contains(err.Error(), "fredKey") {
		t.Errorf("the error shows a private value: %v", err)
	}
}

func TestSecretLookingParams(t *testing.T) {
	_, err := Load(strings.NewReader("title: x\nparams:\n  twitter: me\n  apiKey: abc\n  github_token: t\n"), "site.yaml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"site.yaml:4: params.apiKey: looks like a secret", "site.yaml:5: params.github_token", "environment variable"} {
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
