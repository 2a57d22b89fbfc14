package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// flattenOverWhite turns a PNG with transparency into an opaque one,
// composited over white: palette-indexed when it has at most 256 colours
// (a seal: red at every opacity), else RGB.
//
// Drawn with the Multiply blend mode the result is exactly the original
// multiplied with alpha: over a backdrop Cb, alpha a and colour Cs give
// (1−a)·Cb + a·Cb·Cs, and the flattened colour Cs′ = (1−a) + a·Cs gives
// Cb·Cs′ — the same. The PDF then needs no soft mask, and gopdf embeds an
// opaque PNG's compressed data as it is (with PNG predictors) instead of
// decompressing and recompressing colour and alpha apart: the seal of the
// sample shrinks from 46 KB to a fraction of that.
func flattenOverWhite(pngData []byte) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	flat := image.NewRGBA(image.Rect(0, 0, w, h))
	index := map[color.RGBA]uint8{}
	var pal color.Palette
	tooMany := false
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBAModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA)
			over := func(v uint8) uint8 {
				return uint8((uint32(v)*uint32(c.A) + 255*(255-uint32(c.A)) + 127) / 255)
			}
			o := color.RGBA{over(c.R), over(c.G), over(c.B), 0xFF}
			flat.SetRGBA(x, y, o)
			if _, ok := index[o]; !ok && !tooMany {
				if len(pal) == 256 {
					tooMany = true
				} else {
					index[o] = uint8(len(pal))
					pal = append(pal, o)
				}
			}
		}
	}
	var out image.Image = flat
	if !tooMany {
		p := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				p.SetColorIndex(x, y, index[flat.RGBAAt(x, y)])
			}
		}
		out = p
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, out); err != nil {
		return nil, fmt.Errorf("印章图片转换失败：%w", err)
	}
	return buf.Bytes(), nil
}
