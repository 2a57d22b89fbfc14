// Command seal draws the sample seal, samples/seal-sample.png: a synthetic,
// plainly marked demonstration seal — a red ring, a five-pointed star, the
// words 样章 · 仅供演示 · 非真实印章 around the ring and 样章 across the
// middle. It names no office and imitates no real seal.
//
//	go run ./scripts/seal > samples/seal-sample.png
//	go run ./scripts/seal -o samples/seal-sample.png   (replaced only when drawn whole)
//
// The output is an 8-bit non-interlaced RGBA PNG, pure red (GB/T 9704's seal
// colour, gbt9704.Red) with the ink as alpha, so that it multiplies over the
// text beneath. The same program gives the same bytes on every run.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/internal/gbt9704"
)

// The seal's proportions, as fractions of its diameter D.
const (
	ringOuter  = 0.490 // outer radius of the ring
	ringWidth  = 0.032 // thickness of the ring
	arcRadius  = 0.355 // radius of the middle of the ring text
	arcSize    = 0.105 // font size of the ring text
	arcSpan    = 250.0 // degrees the ring text spans, centred on the top
	starY      = -0.120
	starOuter  = 0.150
	starInner  = starOuter * 0.382 // a regular pentagram
	middleY    = 0.175             // centre of 样章 below the seal's centre
	middleSize = 0.180
)

// Texts on the seal. Neither names an office.
const (
	ringText   = "样章·仅供演示·非真实印章"
	middleText = "样章"
)

func main() {
	size := flag.Int("size", 600, "边长（像素）；42 毫米印章 600 像素约合 363 dpi")
	out := flag.String("o", "", "输出文件（默认写到标准输出）；画好后才替换")
	flag.Parse()
	if err := run(*out, *size); err != nil {
		fmt.Fprintln(os.Stderr, "seal：", err)
		os.Exit(1)
	}
}

func run(out string, size int) error {
	if out == "" {
		w := bufio.NewWriter(os.Stdout)
		if err := write(w, size); err != nil {
			return err
		}
		return w.Flush()
	}
	f, err := os.CreateTemp(filepath.Dir(out), ".seal-*.png")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := write(f, size); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), out)
}

// write draws the seal at size×size pixels and encodes it as PNG.
func write(out io.Writer, size int) error {
	if size < 64 {
		return errors.New("印章边长至少 64 像素")
	}
	img, err := draw1(size)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	return enc.Encode(out, img)
}

func draw1(size int) (*image.NRGBA, error) {
	data, err := fonts.Data("hei")
	if err != nil {
		return nil, err
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("读取黑体字体：%w", err)
	}
	D := float64(size)
	c := D / 2
	mask := image.NewAlpha(image.Rect(0, 0, size, size))
	fill := func(paths ...[]pt) {
		r := vector.NewRasterizer(size, size)
		for _, p := range paths {
			r.MoveTo(float32(p[0].x), float32(p[0].y))
			for _, q := range p[1:] {
				r.LineTo(float32(q.x), float32(q.y))
			}
			r.ClosePath()
		}
		r.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	}

	// The ring: the outer circle one way round, the inner the other.
	outer := circle(c, c, ringOuter*D, false)
	inner := circle(c, c, (ringOuter-ringWidth)*D, true)
	fill(outer, inner)

	// The star.
	fill(star(c, c+starY*D, starOuter*D, starInner*D))

	// The ring text, glyph tops pointing outwards.
	rs := []rune(ringText)
	for k, ch := range rs {
		phi := (-arcSpan/2 + arcSpan*(float64(k)+0.5)/float64(len(rs))) * math.Pi / 180
		x := c + arcRadius*D*math.Sin(phi)
		y := c - arcRadius*D*math.Cos(phi)
		paths, err := glyph(f, ch, arcSize*D, x, y, phi)
		if err != nil {
			return nil, err
		}
		fill(paths...)
	}

	// 样章 across the middle.
	mr := []rune(middleText)
	step := middleSize * D * 1.15
	for k, ch := range mr {
		x := c + (float64(k)-float64(len(mr)-1)/2)*step
		paths, err := glyph(f, ch, middleSize*D, x, c+middleY*D, 0)
		if err != nil {
			return nil, err
		}
		fill(paths...)
	}

	red := gbt9704.Red
	img := image.NewNRGBA(mask.Bounds())
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if a := mask.AlphaAt(x, y).A; a > 0 {
				img.SetNRGBA(x, y, color.NRGBA{red[0], red[1], red[2], a})
			}
		}
	}
	return img, nil
}

type pt struct{ x, y float64 }

// circle is a circle as a polygon fine enough that no pixel shows an edge.
func circle(cx, cy, r float64, reverse bool) []pt {
	const n = 720
	p := make([]pt, n)
	for i := range p {
		a := 2 * math.Pi * float64(i) / n
		if reverse {
			a = -a
		}
		p[i] = pt{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	return p
}

// star is a five-pointed star with one point up.
func star(cx, cy, outer, inner float64) []pt {
	p := make([]pt, 10)
	for i := range p {
		r := outer
		if i%2 == 1 {
			r = inner
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		p[i] = pt{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	return p
}

// glyph returns the outline of ch at the given size (pixels per em),
// centred on (x, y) and turned clockwise by phi radians.
func glyph(f *opentype.Font, ch rune, size, x, y, phi float64) ([][]pt, error) {
	var buf sfnt.Buffer
	idx, err := f.GlyphIndex(&buf, ch)
	if err != nil || idx == 0 {
		return nil, fmt.Errorf("黑体字体中没有“%c”", ch)
	}
	ppem := fixed.Int26_6(math.Round(size * 64))
	segs, err := f.LoadGlyph(&buf, idx, ppem, nil)
	if err != nil {
		return nil, fmt.Errorf("读取“%c”的字形：%w", ch, err)
	}
	// Centre on the glyph's ink box (y grows downwards in segments).
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range segs {
		n := 1
		switch s.Op {
		case sfnt.SegmentOpQuadTo:
			n = 2
		case sfnt.SegmentOpCubeTo:
			n = 3
		}
		for _, a := range s.Args[:n] {
			ax, ay := fx(a.X), fx(a.Y)
			minX, maxX = math.Min(minX, ax), math.Max(maxX, ax)
			minY, maxY = math.Min(minY, ay), math.Max(maxY, ay)
		}
	}
	gx, gy := (minX+maxX)/2, (minY+maxY)/2
	sin, cos := math.Sin(phi), math.Cos(phi)
	tr := func(a fixed.Point26_6) pt {
		dx, dy := fx(a.X)-gx, fx(a.Y)-gy
		return pt{x + dx*cos - dy*sin, y + dx*sin + dy*cos}
	}
	// Flatten curves into short lines: the rasterizer then sees only
	// polygons, in a fixed order.
	var paths [][]pt
	var cur []pt
	var last pt
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if len(cur) > 0 {
				paths = append(paths, cur)
			}
			last = tr(s.Args[0])
			cur = []pt{last}
		case sfnt.SegmentOpLineTo:
			last = tr(s.Args[0])
			cur = append(cur, last)
		case sfnt.SegmentOpQuadTo:
			p1, p2 := tr(s.Args[0]), tr(s.Args[1])
			for i := 1; i <= 8; i++ {
				t := float64(i) / 8
				u := 1 - t
				cur = append(cur, pt{u*u*last.x + 2*u*t*p1.x + t*t*p2.x, u*u*last.y + 2*u*t*p1.y + t*t*p2.y})
			}
			last = p2
		case sfnt.SegmentOpCubeTo:
			p1, p2, p3 := tr(s.Args[0]), tr(s.Args[1]), tr(s.Args[2])
			for i := 1; i <= 12; i++ {
				t := float64(i) / 12
				u := 1 - t
				cur = append(cur, pt{
					u*u*u*last.x + 3*u*u*t*p1.x + 3*u*t*t*p2.x + t*t*t*p3.x,
					u*u*u*last.y + 3*u*u*t*p1.y + 3*u*t*t*p2.y + t*t*t*p3.y,
				})
			}
			last = p3
		}
	}
	if len(cur) > 0 {
		paths = append(paths, cur)
	}
	return paths, nil
}

func fx(v fixed.Int26_6) float64 { return float64(v) / 64 }
