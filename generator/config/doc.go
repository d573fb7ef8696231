// Package config reads a site's settings from site.yaml (Load).
//
// Every problem of site.yaml is an error naming site.yaml:line and saying
// what would be right, and all of them are reported at once. Which of
// them let a build go on, to report the site's other problems in the same
// run, follows one rule: the build goes on only past an error that leaves
// the site as the author wrote it but for that one key's own effect.
//
//   - An unknown key goes on: it is read as if it were not written, and
//     its default is what a site without it gets (Load returns the Config
//     with the error).
//   - A site.yaml that is not a mapping of keys is reported alone: there
//     are no settings to report on.
//   - A value of the wrong type (datasets: [a, b], feeds: {items: many})
//     and a value wrong in itself (perPage: 0) stop the build at
//     site.yaml, with all of site.yaml's errors and no other: every key
//     feeds a later stage (datasets the figures, taxonomies the front
//     matter, theme and markdown the pages…), which would check the site
//     against a default the author did not choose and bury the one real
//     error under its false ones (Load returns no Config).
//
// A value of the wrong type is said in the author's words, never a Go
// type's name: what the key holds, what it must hold, and an example
// (shapes.go).
package config
