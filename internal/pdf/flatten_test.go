package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestFlattenOverWhiteEveryPixel: every pixel of the flattened image is its
// source colour composited over white, (1−a)·255 + a·C, within rounding —
// for a seal-like image of few colours in runs (palette output), with
// transparent pixels of arbitrary colour, and for one of more than 256
// colours (RGB output).
func TestFlattenOverWhiteEveryPixel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	few := make([]color.NRGBA, 40)
	for i := range few {
		few[i] = color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))}
		if i%4 == 0 {
			few[i].A = 0 // transparent, in some colour: must come out white
		}
	}
	for _, tc := range []struct {
		name     string
		pixel    func(x, y int) color.NRGBA
		paletted bool
	}{
		{"runs of few colours", func(x, y int) color.NRGBA { return few[(x/7+y/3)%len(few)] }, true},
		{"many colours", func(x, y int) color.NRGBA {
			return color.NRGBA{uint8(x * 4), uint8(y * 4), uint8(x + y), uint8(255 - x)}
		}, false},
	} {
		const w, h = 64, 48
		src := image.NewNRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				src.SetNRGBA(x, y, tc.pixel(x, y))
			}
		}
		img := flattenRoundTrip(t, src)
		if _, ok := img.(*image.Paletted); ok != tc.paletted {
			t.Errorf("%s: flattened to %T", tc.name, img)
		}
		bad := 0
		for y := range h {
			for x := range w {
				c := tc.pixel(x, y)
				r, g, b, a := img.At(x, y).RGBA()
				if a != 0xFFFF {
					bad++
					continue
				}
				for i, got := range []uint32{r >> 8, g >> 8, b >> 8} {
					cs := []uint8{c.R, c.G, c.B}[i]
					want := (float64(255-c.A)*255 + float64(c.A)*float64(cs)) / 255
					if d := float64(got) - want; d > 1 || d < -1 {
						bad++
					}
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d channel values not composited over white", tc.name, bad)
		}
	}
}

// flattenRoundTrip encodes src as PNG, flattens it over white as the writer
// does, and decodes the result.
func flattenRoundTrip(t *testing.T, src image.Image) image.Image {
	t.Helper()
	var in bytes.Buffer
	if err := png.Encode(&in, src); err != nil {
		t.Fatal(err)
	}
	out, err := flattenOverWhite(in.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return img
}
