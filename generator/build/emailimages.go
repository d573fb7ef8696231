package build

import (
	"image"
	_ "image/gif" // image.DecodeConfig reads the sizes of GIF, JPEG and PNG files
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/tearsheet/tearsheet/generator/feed"
	"github.com/tearsheet/tearsheet/generator/site"
)

// imageSize is the size in px of an image of a bundle, zero when it is
// not a GIF, JPEG or PNG file whose header says it.
type imageSize struct{ w, h int }

// isImage reports whether name is a file whose size image.DecodeConfig
// reads (by its extension).
func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif":
		return true
	}
	return false
}

// bundleImageSizes reads the size of each image of p's bundle (GIF, JPEG
// and PNG files: image.DecodeConfig reads only the header), index-aligned
// with p.File.Assets; nil when the bundle has none. The email edition
// sizes its images by them (emailImageSize), so they are part of the
// article's key (articleKey) and of its view (article.view).
func bundleImageSizes(fsys fs.FS, p *site.Page) []imageSize {
	var sizes []imageSize
	for i, a := range p.File.Assets {
		if !isImage(a) {
			continue
		}
		f, err := fsys.Open(a)
		if err != nil {
			continue
		}
		c, _, err := image.DecodeConfig(f)
		f.Close()
		if err != nil {
			continue
		}
		if sizes == nil {
			sizes = make([]imageSize, len(p.File.Assets))
		}
		sizes[i] = imageSize{c.Width, c.Height}
	}
	return sizes
}

// emailImageSize is what feed.Email knows of the size of the images of
// p's email edition, whose page is at base: those of its bundle, by the
// URL they are published at (bundleOuts); nil when it has none.
func (b *builder) emailImageSize(sizes []imageSize, p *site.Page, base *url.URL) feed.ImageSize {
	if sizes == nil {
		return nil
	}
	byPath := make(map[string]imageSize, len(sizes))
	for i, a := range p.File.Assets {
		if sizes[i] != (imageSize{}) {
			byPath[b.cfg.RelURL("/"+Beside(p.Out, strings.TrimPrefix(a, p.File.Bundle+"/")))] = sizes[i]
		}
	}
	return func(src string) (int, int, bool) {
		u, err := url.Parse(src)
		if err != nil || u.Host != base.Host || u.Scheme != base.Scheme {
			return 0, 0, false
		}
		s, ok := byPath[u.Path]
		return s.w, s.h, ok
	}
}
