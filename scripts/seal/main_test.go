package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"os"
	"testing"

	"github.com/gongwen/gongwen/internal/gbt9704"
)

func TestSeal(t *testing.T) {
	var a, b bytes.Buffer
	if err := write(&a, 600); err != nil {
		t.Fatal(err)
	}
	if err := write(&b, 600); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs give different bytes")
	}
	committed, err := os.ReadFile("../../samples/seal-sample.png")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, a.Bytes()) {
		t.Error("samples/seal-sample.png is not what the generator draws: run go run ./scripts/seal > samples/seal-sample.png")
	}
	// IHDR: width, height, bit depth 8, colour type 6 (RGBA), interlace 0.
	ihdr := a.Bytes()[16:29]
	if w, h := binary.BigEndian.Uint32(ihdr[0:]), binary.BigEndian.Uint32(ihdr[4:]); w != 600 || h != 600 {
		t.Errorf("size %d×%d", w, h)
	}
	if ihdr[8] != 8 || ihdr[9] != 6 || ihdr[12] != 0 {
		t.Errorf("bit depth %d, colour type %d, interlace %d; want 8-bit RGBA, not interlaced (gopdf refuses others)", ihdr[8], ihdr[9], ihdr[12])
	}
	img, err := png.Decode(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	n, ok := img.(*image.NRGBA)
	if !ok {
		t.Fatalf("decoded as %T", img)
	}
	red := gbt9704.Red
	inked := 0
	for y := 0; y < 600; y++ {
		for x := 0; x < 600; x++ {
			c := n.NRGBAAt(x, y)
			if c.A == 0 {
				continue
			}
			inked++
			if c.R != red[0] || c.G != red[1] || c.B != red[2] {
				t.Fatalf("pixel (%d,%d) is %v, not the seal red %v", x, y, c, red)
			}
		}
	}
	for _, p := range [][2]int{{0, 0}, {599, 0}, {0, 599}, {599, 599}, {300, 300 + 60}} {
		if n.NRGBAAt(p[0], p[1]).A != 0 {
			t.Errorf("pixel %v should be transparent (corner, or inside the ring between star and 样章)", p)
		}
	}
	// The ring: opaque all round at its middle radius.
	mid := (ringOuter - ringWidth/2) * 600
	for _, p := range [][2]int{{300 + int(mid), 300}, {300 - int(mid), 300}, {300, 300 + int(mid)}, {300, 300 - int(mid)}} {
		if n.NRGBAAt(p[0], p[1]).A != 255 {
			t.Errorf("ring not solid at %v", p)
		}
	}
	// 样章 across the middle: ink in the band below the centre.
	band := 0
	y0, y1 := 300+int((middleY-middleSize/2)*600), 300+int((middleY+middleSize/2)*600)
	for y := y0; y < y1; y++ {
		for x := 150; x < 450; x++ {
			if n.NRGBAAt(x, y).A > 128 {
				band++
			}
		}
	}
	if band < 2000 {
		t.Errorf("only %d inked pixels where 样章 should be", band)
	}
	if share := float64(inked) / (600 * 600); share < 0.05 || share > 0.4 {
		t.Errorf("%.0f%% of the image inked", share*100)
	}
}
