package build

import (
	"github.com/tearsheet/tearsheet/generator/internal/query"
	"github.com/tearsheet/tearsheet/generator/render"
)

// loadedTheme is the render.theme query's result: the theme of a name as
// render.Load gives it, with its error (a theme whose templates do not
// all parse is still the one the build checks the content with).
type loadedTheme struct {
	t   *render.Theme
	err error
}

// loadThemeQuery is the render.theme query: the theme name loaded
// through the store's files, its templates, the listings of its static
// folders and its stylesheets read. It runs again when one of them
// changes (its sum is that of its reads); another static file's edit
// leaves it, as render.Load does not read one.
func loadThemeQuery(c *query.Ctx, name string) (*loadedTheme, error) {
	t, err := render.Load(c.FS(), name)
	return &loadedTheme{t: t, err: err}, nil
}

// loadTheme returns the theme name of the build under way, made by the
// render.theme query.
func (st *contentStage) loadTheme(name string) (*render.Theme, error) {
	lt, err := query.Get(st.current(), st.theme, name)
	if err != nil {
		return nil, err
	}
	return lt.t, lt.err
}
