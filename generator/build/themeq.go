package build

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/query"
	"github.com/tearsheet/tearsheet/generator/render"
)

// maxTimeInput is the input that holds site.yaml's renderTimeout, which
// the theme is loaded with (Theme.MaxTime): eight bytes, little-endian
// nanoseconds.
const maxTimeInput = "render.maxTime"

// loadedTheme is the render.theme query's result: the theme of a name as
// render.Load gives it, with its error (a theme whose templates do not
// all parse is still the one the build checks the content with).
type loadedTheme struct {
	t   *render.Theme
	err error
}

// loadThemeQuery is the render.theme query: the theme name loaded
// through the store's files, its templates, the listings of its static
// folders and its stylesheets read, with the renderTimeout of the input
// maxTimeInput. It runs again when one of them changes (its sum is that
// of its reads); another static file's edit leaves it, as render.Load
// does not read one. Nothing changes the Theme once it is returned.
func loadThemeQuery(c *query.Ctx, name string) (*loadedTheme, error) {
	b, err := c.Input(maxTimeInput)
	if err != nil {
		return nil, err
	}
	if len(b) != 8 {
		return nil, fmt.Errorf("query: input %s holds %d bytes", maxTimeInput, len(b))
	}
	t, err := render.Load(c.FS(), name)
	if t != nil {
		t.MaxTime = time.Duration(binary.LittleEndian.Uint64(b))
	}
	return &loadedTheme{t: t, err: err}, nil
}

// loadTheme returns the theme name of the build under way, made by the
// render.theme query, whose templates may run for maxTime each.
func (st *contentStage) loadTheme(name string, maxTime time.Duration) (*render.Theme, error) {
	ctx := st.current()
	st.store.Set(maxTimeInput, binary.LittleEndian.AppendUint64(nil, uint64(maxTime)))
	lt, err := query.Get(ctx, st.theme, name)
	if err != nil {
		return nil, err
	}
	return lt.t, lt.err
}

// templatesQuery is render.templates: the theme name's templates, as
// render.theme gives them, whose sum is that of the templates only
// (render.Theme.Sum) and the theme's error: what reads the templates
// alone (an article's cards) stays green when a static file or a
// stylesheet changes.
func (st *contentStage) templatesQuery(c *query.Ctx, name string) (*loadedTheme, error) {
	return query.Get(c, st.theme, name)
}

// templatesSum is render.templates' sum.
func templatesSum(lt *loadedTheme) query.Key {
	e := newEncoder("render.templates")
	if lt.t != nil {
		e.str(lt.t.Sum())
	}
	if lt.err != nil {
		e.str(lt.err.Error())
	}
	return query.Key(e.sum())
}
