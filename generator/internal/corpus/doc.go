// Package corpus writes generated research sites for benchmarks and tests:
// many articles of realistic size and shape, the same bytes for the same
// seed. The data behind the charts is synthetic and every chart of it says
// so (the dataset is marked illustrative in site.yaml).
package corpus
