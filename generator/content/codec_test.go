package content

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/binenc"
)

// codecFiles are sources that between them set every field of File and
// Meta (TestFileCodec checks that they do): a field added to either must
// be set here and encoded by AppendFile.
var codecFiles = map[string]string{
	"content/posts/2024-05-01-full/index.md": `---
title: "Everything set"
date: 2024-05-01 09:30
lastmod: 2024-05-03T10:00:00+02:00
publishDate: 2024-05-01T08:00:00Z
expiryDate: 2030-01-01
slug: everything-set
tags: [rates, small caps]
summary: "A summary."
author: [Dana Whitlock, Marcus Oyelaran]
draft: true
image: cover.png
imageAlt: "The cover: a rising line."
aliases: [/old/everything/]
feedID: https://example.org/old/everything/
disclaimer: "Not advice."
disclosures: [Long IWM]
updates:
  - date: 2024-05-02
    note: Fixed a figure.
toc: false
claims:
  - "{{ a.x | last }} > 1"
  - text: The spread widened.
    check: "{{ a.y | last }} < 2"
figures: live
params: {color: blue, mood: calm}
keywords: [rates, breadth]
tickers: [IWM, SPX]
regions: [US]
---

Body text.
`,
	"content/posts/2023-01-02-other.md": `---
title: Another
description: "Another name of summary."
authors: [Dana Whitlock]
tags: []
params: {}
---
`,
	"content/bare.md": "---\ntitle: Bare\n---\n",
}

func codecSchema(t *testing.T) Schema {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	return Schema{Location: loc, Taxonomies: []Taxonomy{{Key: "tickers"}, {Key: "regions", Terms: []string{"US", "EU"}}, {Key: "asset_classes"}}}
}

// TestFileCodec checks that DecodeFile gives back every File AppendFile
// encoded, field for field: the files above, which between them set every
// field, and the example site's.
func TestFileCodec(t *testing.T) {
	sc := codecSchema(t)
	srcs := map[string][]byte{}
	for p, s := range codecFiles {
		srcs[p] = []byte(s)
	}
	site := os.DirFS("../..")
	err := fs.WalkDir(site, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && p == "content/data" {
			if err == nil {
				err = fs.SkipDir // not content: Load skips it
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		srcs[p], err = fs.ReadFile(site, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{} // the fields some file sets
	for p, src := range srcs {
		f, err := ParseWith(p, src, sc)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if p == "content/bare.md" {
			f.Assets = []string{"content/bare.png"} // Load gives a bundle's index file its assets
		}
		if p == "content/posts/2024-05-01-full/index.md" {
			f.Warnings = []string{"a warning"}
		}
		noteSet(reflect.ValueOf(*f), "File", set)
		b := AppendFile([]byte("x"), f, src, sc.Location)
		r := binenc.NewReader(b[1:])
		g := DecodeFile(r, src, f.Sum, sc.Location)
		if g == nil || !r.Done() {
			t.Fatalf("%s: DecodeFile failed (bad %v, all read %v)", p, r.Bad(), r.Done())
		}
		if !reflect.DeepEqual(f, g) {
			t.Errorf("%s: decoded\n%+v\nwant\n%+v", p, g, f)
		}
		for _, pair := range [][2]Date{{f.Meta.Date, g.Meta.Date}, {f.Meta.Lastmod, g.Meta.Lastmod}} {
			if a, b := pair[0].Time.Format(time.RFC3339), pair[1].Time.Format(time.RFC3339); a != b {
				t.Errorf("%s: a date decoded reads %s, want %s", p, b, a)
			}
		}
		// Every cut short is refused, without a panic.
		for n := range len(b) - 1 {
			r := binenc.NewReader(b[1 : 1+n])
			if g := DecodeFile(r, src, f.Sum, sc.Location); g != nil && r.Done() {
				t.Fatalf("%s: the first %d bytes of %d decoded", p, n, len(b)-1)
			}
		}
	}
	var unset []string
	for _, name := range fieldNames(reflect.TypeFor[File](), "File") {
		if !set[name] && name != "File.Meta.Description" { // ParseWith moves it into Summary
			unset = append(unset, name)
		}
	}
	if len(unset) > 0 {
		t.Errorf("no test file sets %v: set them in codecFiles, and encode them in AppendFile", unset)
	}
}

// noteSet records in set the fields of v (a struct, named at) that are not
// zero, and the fields of the structs within.
func noteSet(v reflect.Value, at string, set map[string]bool) {
	for i := range v.NumField() {
		fv, name := v.Field(i), at+"."+v.Type().Field(i).Name
		if !fv.IsZero() {
			set[name] = true
		}
		switch {
		case fv.Kind() == reflect.Struct && fv.Type() != reflect.TypeFor[time.Time]():
			noteSet(fv, name, set)
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct:
			for k := range fv.Len() {
				noteSet(fv.Index(k), name, set)
			}
		}
	}
}

// fieldNames lists the fields of t (named at), and of the structs within.
func fieldNames(t reflect.Type, at string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name := at + "." + f.Name
		out = append(out, name)
		switch {
		case f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Time]():
			out = append(out, fieldNames(f.Type, name)...)
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			out = append(out, fieldNames(f.Type.Elem(), name)...)
		}
	}
	return out
}
