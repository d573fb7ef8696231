package config

import (
	"fmt"
	"strings"
	"testing"
)

func TestTaxonomyList(t *testing.T) {
	c, err := Load(strings.NewReader("title: T\nperPage: 7\ntaxonomies:\n  regions: {}\n  asset_classes: {perPage: 3}\n  industries: {title: Sectors}\n  tags: {title: Themes}\n"), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tx := range c.TaxonomyList() {
		got = append(got, fmt.Sprintf("%s %s %q %q %q %d", tx.Key, tx.Path, tx.Title, tx.Singular, tx.Noun, tx.PerPage))
	}
	want := []string{
		`tags /tags/ "Themes" "Topic" "tag" 7`,
		`authors /authors/ "Authors" "Author" "author" 7`,
		`regions /regions/ "Regions" "Region" "region" 7`,
		`asset_classes /asset-classes/ "Asset classes" "Asset class" "asset class" 3`,
		`industries /industries/ "Sectors" "Sector" "industry" 7`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("taxonomies:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
