package render

import (
	"bytes"
	"fmt"
	"html/template"
)

// feedNotes is what an article's feed item carries besides its body, so
// feed readers and RSS-to-email subscribers see what the page shows: the
// notices of claims and figures the data no longer bears out (before the
// body), then the list of its inline figures and where each comes from,
// the disclosures, the revision log and the disclaimer.
var feedNotes = template.Must(template.New("feed-notes").Parse(`{{define "before"}}{{range .Notices}}<p><strong>Data update:</strong> this claim no longer holds: {{.}}</p>
{{end}}{{end}}{{define "after"}}{{with .Figures}}<h2>Figures in this article</h2>
<ul>{{range .}}<li><strong>{{.Text}}</strong>: {{.Source}}.{{with .Data}}{{if .URL}} Data: <a href="{{.URL}}">{{.Name}}</a>.{{end}}{{end}} <code>{{.Expr}}</code></li>{{end}}</ul>
{{end}}{{with .Disclosures}}<h2>Disclosures</h2>
<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>
{{end}}{{with .Updates}}<h2>Revisions</h2>
<ol>{{range .}}<li>{{.Date.Format "2 January 2006"}}: {{.Note}}</li>{{end}}</ol>
{{end}}{{with .Disclaimer}}<p><em>{{.}}</em></p>
{{end}}{{end}}`))

// FeedContent returns the HTML an article's feed item carries: body, the
// article's HTML as feeds show it, with the article's notices before it
// and its figures, disclosures, revision log and disclaimer after it, as
// on its page.
func FeedContent(a *ArticleView, body []byte) ([]byte, error) {
	var before, after bytes.Buffer
	if err := feedNotes.ExecuteTemplate(&before, "before", a); err != nil {
		return nil, fmt.Errorf("feed notes: %w", err)
	}
	if err := feedNotes.ExecuteTemplate(&after, "after", a); err != nil {
		return nil, fmt.Errorf("feed notes: %w", err)
	}
	if before.Len() == 0 && after.Len() == 0 {
		return body, nil
	}
	out := make([]byte, 0, before.Len()+len(body)+after.Len()+1)
	out = append(out, before.Bytes()...)
	out = append(out, body...)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, after.Bytes()...), nil
}
