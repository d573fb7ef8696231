package generator_test

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPagesWorkflow pins what the README promises of the GitHub Pages
// workflow: it builds with make build on push, daily and by hand, uploads
// public/ and deploys with GitHub's Pages actions.
func TestPagesWorkflow(t *testing.T) {
	b, err := os.ReadFile("../.github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			Push     map[string][]string `yaml:"push"`
			Schedule []map[string]string `yaml:"schedule"`
			Dispatch *struct{}           `yaml:"workflow_dispatch"`
		} `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatalf("pages.yml is not YAML: %v", err)
	}
	if len(wf.On.Push["branches"]) == 0 || len(wf.On.Schedule) == 0 || wf.On.Schedule[0]["cron"] == "" {
		t.Error("the workflow must run on push and on a daily schedule")
	}
	if !strings.Contains(string(b), "workflow_dispatch:") {
		t.Error("the workflow must be startable by hand")
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions %v", wf.Permissions)
	}
	var uses, runs []string
	upload := ""
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			uses = append(uses, s.Uses)
			runs = append(runs, s.Run)
			if strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") {
				upload = s.With["path"]
			}
		}
	}
	all := strings.Join(uses, " ")
	for _, a := range []string{"actions/checkout@", "actions/setup-go@", "actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"} {
		if !strings.Contains(all, a) {
			t.Errorf("the workflow does not use %s", a)
		}
	}
	if !strings.Contains(strings.Join(runs, "\n"), "make build") || upload != "public" {
		t.Errorf("the workflow must run make build and upload public/ (runs %q, upload %q)", runs, upload)
	}
}
