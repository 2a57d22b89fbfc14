package pdf

import (
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/layout"
)

// flatImage is a Multiply image (the seal) being flattened over white on
// its own goroutine: decoding, flattening and re-encoding the seal is the
// largest piece of the PDF writer's work after the fonts, and it needs
// nothing the pages produce, so it runs while the fonts are subset and the
// pages drawn.
type flatImage struct {
	done chan struct{} // closed when data and err are set
	data []byte
	err  error
}

// Flattened is a document's seal being flattened ahead of Render (see
// FlattenSeal), to be passed as Options.Flattened.
type Flattened struct {
	png  []byte
	flat *flatImage
}

// FlattenSeal starts flattening d's seal on its own goroutine, so that it
// runs while d is laid out (the pipeline does this); nil when d has no
// seal. Render uses the result for the layout's seal image that draws
// these very bytes.
func FlattenSeal(d *doc.Document) *Flattened {
	if d.Signature.Seal == nil || len(d.Signature.Seal.PNG) == 0 {
		return nil
	}
	png := d.Signature.Seal.PNG
	return &Flattened{png: png, flat: goFlatten(png)}
}

func goFlatten(png []byte) *flatImage {
	f := &flatImage{done: make(chan struct{})}
	go func() {
		defer close(f.done)
		f.data, f.err = flattenOverWhite(png)
	}()
	return f
}

// sameBytes reports whether a and b are the same slice (same first byte,
// same length), not merely equal contents.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// startFlatten starts flattening every Multiply image of ld, one goroutine
// per distinct image item; an image drawing the bytes of pre is taken from
// pre, already under way.
func startFlatten(ld *layout.Document, pre *Flattened) map[*layout.Image]*flatImage {
	out := map[*layout.Image]*flatImage{}
	for _, p := range ld.Pages {
		for _, it := range p.Items {
			im, ok := it.(*layout.Image)
			if !ok || !im.Multiply || out[im] != nil {
				continue
			}
			if pre != nil && sameBytes(im.PNG, pre.png) {
				out[im] = pre.flat
				continue
			}
			out[im] = goFlatten(im.PNG)
		}
	}
	return out
}

// flattened waits for im's flattened PNG, or flattens it now when it was
// not started.
func (w *writer) flattened(im *layout.Image) ([]byte, error) {
	f, ok := w.flat[im]
	if !ok {
		return flattenOverWhite(im.PNG)
	}
	<-f.done
	return f.data, f.err
}
