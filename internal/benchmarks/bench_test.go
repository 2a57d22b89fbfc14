package benchmarks

// The benchmarks of the pipeline, stage by stage, on the sample and on the
// generated city notice. They run only with -bench:
//
//	go test -run '^$' -bench . -benchmem ./internal/benchmarks/
//
// docs/benchmarks.md has the results and what they mean.

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/internal/compose"
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/docx"
	"github.com/gongwen/gongwen/internal/layout"
	"github.com/gongwen/gongwen/internal/pdf"
	"github.com/gongwen/gongwen/internal/pipeline"
	"github.com/gongwen/gongwen/internal/source"
)

const samples = "../../samples"

// input is a notice's bytes and the folder its files (the seal) are read from.
type input struct {
	name string
	data []byte
	dir  string
}

func sample(b *testing.B) input {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(samples, "linshu-2021-q3.toml"))
	if err != nil {
		b.Fatal(err)
	}
	return input{"linshu-2021-q3.toml", data, samples}
}

func city(accounts int) input {
	return input{fmt.Sprintf("city-%d.toml", accounts), City(CityOptions{Accounts: accounts, Seal: "seal-sample.png"}), samples}
}

// stages holds the result of every stage, each computed once outside the
// timed loops so that a stage's benchmark times that stage alone.
type stages struct {
	file *source.File
	doc  *doc.Document
	ld   *layout.Document
}

func prepare(b *testing.B, in input) stages {
	b.Helper()
	var s stages
	s.file = parse(b, in)
	s.doc = composeDoc(b, in, s.file)
	s.ld = layoutDoc(b, s.doc)
	return s
}

func parse(b *testing.B, in input) *source.File {
	f := source.Parse(in.name, in.data, source.Options{Dir: in.dir})
	if f.Diags.HasErrors() {
		b.Fatalf("%s: %s", in.name, f.Diags)
	}
	return f
}

func composeDoc(b *testing.B, in input, f *source.File) *doc.Document {
	d, err := compose.Compose(f.Notice, compose.Options{Dir: in.dir})
	if err != nil {
		b.Fatalf("%s: %v", in.name, err)
	}
	return d
}

// layoutDoc lays d out as pdf.Render does, with the shipped fonts.
func layoutDoc(b *testing.B, d *doc.Document) *layout.Document {
	ld, err := layout.Layout(d, layout.Options{Has: func(face doc.Face, r rune) bool {
		return fonts.Has(string(face), r) || fonts.Has(pdf.FaceFallback, r)
	}})
	if err != nil {
		b.Fatal(err)
	}
	return ld
}

func writePDF(b *testing.B, ld *layout.Document) []byte {
	out, err := pdf.Write(ld, pdf.Options{}) // the shipped fonts, as the CLI
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func renderPDF(b *testing.B, d *doc.Document) []byte {
	out, err := pdf.Render(d, pdf.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func renderDOCX(b *testing.B, d *doc.Document) []byte {
	out, err := docx.Render(d, docx.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// build is the whole pipeline in memory, from the file's bytes to both
// outputs: what gongwen build does (pipeline.RenderAll: one layout for both
// formats, rendered at the same time), less the process start and file
// writes.
func build(b *testing.B, in input) (docxBytes, pdfBytes []byte) {
	d := composeDoc(b, in, parse(b, in))
	out, err := pipeline.RenderAll(d, []string{"docx", "pdf"}, pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return out["docx"], out["pdf"]
}

// benchStages runs one sub-benchmark per stage of in.
func benchStages(b *testing.B, in input) {
	s := prepare(b, in)
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			parse(b, in)
		}
	})
	b.Run("compose", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			composeDoc(b, in, s.file)
		}
	})
	b.Run("layout", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			layoutDoc(b, s.doc)
		}
		b.ReportMetric(float64(len(s.ld.Pages)), "pages")
	})
	b.Run("pdf-write", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			n = len(writePDF(b, s.ld))
		}
		b.ReportMetric(float64(n), "bytes")
	})
	b.Run("pdf", func(b *testing.B) { // layout + write
		b.ReportAllocs()
		for b.Loop() {
			renderPDF(b, s.doc)
		}
	})
	b.Run("docx", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			n = len(renderDOCX(b, s.doc))
		}
		b.ReportMetric(float64(n), "bytes")
	})
	b.Run("build", func(b *testing.B) { // parse + compose + docx + pdf
		b.ReportAllocs()
		for b.Loop() {
			build(b, in)
		}
	})
}

// BenchmarkSample times each stage on the sample notice.
func BenchmarkSample(b *testing.B) { benchStages(b, sample(b)) }

// BenchmarkCity times each stage on the generated city notice: 2,000
// accounts of 400 units, one table row each.
func BenchmarkCity(b *testing.B) { benchStages(b, city(2000)) }

// BenchmarkRows builds notices of 250 to 2,000 accounts whole (parse,
// compose, DOCX and PDF) and reports the time per account row: when the
// work grows linearly in the rows, ns/row stays flat as the size doubles.
func BenchmarkRows(b *testing.B) {
	for _, n := range []int{250, 500, 1000, 2000} {
		in := city(n)
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				build(b, in)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}
