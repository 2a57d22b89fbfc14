package pdf

import "github.com/gongwen/gongwen/internal/layout"

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

// startFlatten starts flattening every Multiply image of ld, one goroutine
// per distinct image item.
func startFlatten(ld *layout.Document) map[*layout.Image]*flatImage {
	out := map[*layout.Image]*flatImage{}
	for _, p := range ld.Pages {
		for _, it := range p.Items {
			im, ok := it.(*layout.Image)
			if !ok || !im.Multiply || out[im] != nil {
				continue
			}
			f := &flatImage{done: make(chan struct{})}
			out[im] = f
			go func() {
				defer close(f.done)
				f.data, f.err = flattenOverWhite(im.PNG)
			}()
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
