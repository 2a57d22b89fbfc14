package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/gongwen/gongwen/internal/archive"
	"github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/pipeline"
	"github.com/gongwen/gongwen/internal/tooltest"
	"github.com/gongwen/gongwen/templates"
)

const archiveSample = "../../samples/linshu-2021-q3.toml"

// needPipeline fails the test when the pipeline cannot build the sample
// into PDF and DOCX: every archive test below needs it, and a skip would
// let a broken writer pass unnoticed.
func needPipeline(t *testing.T) {
	t.Helper()
	d, diags, err := pipeline.Document(archiveSample)
	if err != nil || d == nil {
		t.Fatalf("样例通报无法成文：%v %v", err, diags)
	}
	for _, f := range []string{"pdf", "docx"} {
		if _, err := pipeline.Render(d, f, pipeline.Options{}); err != nil {
			t.Fatalf("pipeline.Render(%q)：%v", f, err)
		}
	}
}

// sampleDir copies the sample notice and its seal into a fresh folder.
func sampleDir(t *testing.T) string {
	dir := t.TempDir()
	for _, f := range []string{"linshu-2021-q3.toml", "seal-sample.png"} {
		b, err := os.ReadFile(filepath.Join("../../samples", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writable lets the test's temporary folder be removed after archiving made
// it read-only.
func writable(t *testing.T, dir string) {
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && e.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
	})
}

func TestArchiveSampleEndToEnd(t *testing.T) {
	needPipeline(t)
	src := sampleDir(t)
	_, cert, key := keyFiles(t, src)
	arch := t.TempDir()
	writable(t, arch)
	toml := filepath.Join(src, "linshu-2021-q3.toml")
	for i := 1; i <= 2; i++ {
		code, out, errs := runCmd("archive", toml, "--cert", cert, "--key", key, "--dir", arch, "--reason", "正式发文")
		if code != 0 {
			t.Fatalf("archive #%d: exit %d\n%s%s", i, code, out, errs)
		}
		if i == 2 && !strings.HasSuffix(out, "与第 1 版相比：\n无差异\n") {
			t.Errorf("second archiving does not compare with the first:\n%s", out)
		}
	}
	docDir := filepath.Join(arch, "沭政督字〔2021〕31号")
	v1, v2 := filepath.Join(docDir, "v1"), filepath.Join(docDir, "v2")
	for _, v := range []string{v1, v2} {
		for _, f := range []string{"沭政督字〔2021〕31号.pdf", "沭政督字〔2021〕31号.docx", "沭政督字〔2021〕31号.json", "source/linshu-2021-q3.toml", "source/seal-sample.png", "模板/督查通报.toml", "manifest.json", "manifest.json.p7s"} {
			if _, err := os.Stat(filepath.Join(v, f)); err != nil {
				t.Errorf("%s: %v", v, err)
			}
		}
	}
	// The sources are stored byte for byte as they were built from.
	for _, f := range []string{"linshu-2021-q3.toml", "seal-sample.png"} {
		want, _ := os.ReadFile(filepath.Join(src, f))
		if got, err := os.ReadFile(filepath.Join(v1, "source", f)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("archived %s differs from the original (%v)", f, err)
		}
	}
	if want, err := templates.Notice("督查通报"); err != nil {
		t.Error(err)
	} else if got, _ := os.ReadFile(filepath.Join(v1, "模板", "督查通报.toml")); !bytes.Equal(got, want) {
		t.Error("archived template differs from the program's")
	}
	pdf1 := filepath.Join(v1, "沭政督字〔2021〕31号.pdf")
	var m archive.Manifest
	mj, _ := os.ReadFile(filepath.Join(v1, "manifest.json"))
	if err := json.Unmarshal(mj, &m); err != nil || m.PDFA != "PDF/A-2b" || m.Version != 1 || m.DocNumber != "沭政督字〔2021〕31号" {
		t.Errorf("manifest: %v %+v", err, m)
	}
	// The signed PDF/A file is still a well-formed PDF.
	api.DisableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.ValidateFile(pdf1, conf); err != nil {
		t.Errorf("pdfcpu strict validation of the archived PDF: %v", err)
	}
	if out, err := exec.Command(tooltest.Need(t, "qpdf", "qpdf"), "--check", pdf1).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	// The archived source builds the same words again.
	d, _, err := pipeline.Document(filepath.Join(v1, "source", "linshu-2021-q3.toml"))
	if err != nil || d == nil {
		t.Fatalf("archived source does not compose: %v", err)
	}
	j, _ := pipeline.Render(d, "json", pipeline.Options{})
	if stored, _ := os.ReadFile(filepath.Join(v1, "沭政督字〔2021〕31号.json")); !bytes.Equal(j, stored) {
		t.Error("the archived source composes to other words than the archived JSON")
	}
	prog := tooltest.Need(t, "pdfsig", "poppler-utils")
	rep, _ := exec.Command(prog, pdf1).CombinedOutput()
	if !bytes.Contains(rep, []byte("Signature is Valid")) || !bytes.Contains(rep, []byte("Total document signed")) {
		t.Errorf("pdfsig on the archived PDF:\n%s", rep)
	}
	if code, out, errs := runCmd("verify", arch); code != 0 {
		t.Fatalf("verify fresh archive: exit %d\n%s%s", code, out, errs)
	}
	// The archived version compares with its source as identical.
	if code, out, errs := runCmd("diff", v1, toml); code != 0 || out != "无差异\n" {
		t.Errorf("diff archived v1 against its source: exit %d\n%s%s", code, out, errs)
	}
	// One flipped byte in the archived PDF: verify fails and names it; v2 stays intact.
	b, _ := os.ReadFile(pdf1)
	b[len(b)/3] ^= 0x01
	os.Chmod(v1, 0o755)
	os.Chmod(pdf1, 0o644)
	if err := os.WriteFile(pdf1, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd("verify", arch)
	if code != 1 || !strings.Contains(out, pdf1) {
		t.Errorf("verify after flipping a byte of %s: exit %d\n%s", pdf1, code, out)
	}
	if strings.Contains(out, v2+string(filepath.Separator)) && strings.Contains(out, "✗ "+v2) {
		t.Errorf("v2 reported although untouched:\n%s", out)
	}
	if code, out, _ := runCmd("verify", v2); code != 0 {
		t.Errorf("verify v2 alone: exit %d\n%s", code, out)
	}
}

// bbox is a word's box as pdftotext -bbox gives it (points, y down).
type bbox struct {
	page                   int
	xMin, yMin, xMax, yMax float64
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// words finds every occurrence of word in the PDF.
func words(t *testing.T, pdf, word string) []bbox {
	prog := tooltest.Need(t, "pdftotext", "poppler-utils")
	out, err := exec.Command(prog, "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var res []bbox
	for i, page := range strings.Split(string(out), "<page ")[1:] {
		for _, m := range wordRE.FindAllStringSubmatch(page, -1) {
			if m[5] == word {
				f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
				res = append(res, bbox{i + 1, f(m[1]), f(m[2]), f(m[3]), f(m[4])})
			}
		}
	}
	return res
}

var (
	qdfPageRE   = regexp.MustCompile(`%% Contents for page (\d+)`)
	imageDrawRE = regexp.MustCompile(`([-\d.]+)\s+0\s+0\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+cm\s*/(\S+)\s+Do`)
)

// images finds every image drawn in the PDF: its page and its box (points,
// y down), from the uncompressed content streams.
func images(t *testing.T, pdf string, pageHeight float64) []bbox {
	prog := tooltest.Need(t, "qpdf", "qpdf")
	out, err := exec.Command(prog, "--qdf", "--object-streams=disable", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var res []bbox
	marks := qdfPageRE.FindAllSubmatchIndex(out, -1)
	for i, m := range marks {
		end := len(out)
		if i+1 < len(marks) {
			end = marks[i+1][0]
		}
		page, _ := strconv.Atoi(string(out[m[2]:m[3]]))
		for _, d := range imageDrawRE.FindAllSubmatch(out[m[1]:end], -1) {
			f := func(b []byte) float64 { v, _ := strconv.ParseFloat(string(b), 64); return v }
			w, h, x, y := f(d[1]), f(d[2]), f(d[3]), f(d[4])
			res = append(res, bbox{page, x, pageHeight - y - h, x + w, pageHeight - y})
		}
	}
	return res
}

// TestSealPlacement measures the built PDF against GB/T 9704 §7.3.5.1: the
// seal is centred over the 成文日期 and the 发文机关署名 (居中下压), both lie
// below the seal's centre, the date ends four characters from the right of
// the type area, and the seal's top is within one line of the last text line.
func TestSealPlacement(t *testing.T) {
	needPipeline(t)
	d, _, _ := pipeline.Document(archiveSample)
	b, err := pipeline.Render(d, "pdf", pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "sample.pdf")
	os.WriteFile(pdf, b, 0o644)

	dates := words(t, pdf, d.Signature.Date.Chinese())
	names := words(t, pdf, d.Signature.Issuers[0])
	if len(dates) != 1 {
		t.Fatalf("成文日期 %s found %d times as a word", d.Signature.Date.Chinese(), len(dates))
	}
	date := dates[0]
	var name *bbox
	for i := range names {
		if names[i].page == date.page && names[i].yMax < date.yMin+1 && (name == nil || names[i].yMax > name.yMax) {
			name = &names[i]
		}
	}
	if name == nil {
		t.Fatalf("发文机关署名 %s not found above the date on page %d", d.Signature.Issuers[0], date.page)
	}
	var seal *bbox
	for _, im := range images(t, pdf, gbt9704.PageHeight) {
		if im.page == date.page {
			im := im
			seal = &im
		}
	}
	if seal == nil {
		t.Fatalf("no image on the signature page %d", date.page)
	}
	cx, cy := (seal.xMin+seal.xMax)/2, (seal.yMin+seal.yMax)/2
	// Cross-check the placement read from the content stream with what is
	// drawn: the red ink around it on the rendered page is centred on the
	// same point (the sample seal's ring fills its image).
	if rx, ry, ok := redCentre(t, pdf, date.page, *seal); !ok {
		t.Errorf("no red ink around the seal's place on page %d", date.page)
	} else if t.Logf("red ink centred at (%.1f, %.1f)", rx, ry); math.Abs(rx-cx) > 1.5 || math.Abs(ry-cy) > 1.5 {
		t.Errorf("red ink centred at (%.1f, %.1f), the seal image at (%.1f, %.1f)", rx, ry, cx, cy)
	}
	dateCx := (date.xMin + date.xMax) / 2
	nameCx := (name.xMin + name.xMax) / 2
	tol := 0.1 * gbt9704.CharPitch
	t.Logf("seal %.1f–%.1f × %.1f–%.1f (centre %.1f, %.1f); name %+v; date %+v", seal.xMin, seal.xMax, seal.yMin, seal.yMax, cx, cy, *name, date)
	if d := cx - dateCx; d > tol || d < -tol {
		t.Errorf("seal centre x %.2f, date centre x %.2f: not centred over the date (off by %.2f pt)", cx, dateCx, d)
	}
	if d := nameCx - dateCx; d > tol || d < -tol {
		t.Errorf("name centre x %.2f, date centre x %.2f: the name is not centred over the date", nameCx, dateCx)
	}
	// 使发文机关署名和成文日期居印章中心偏下位置: the name/date block's middle
	// lies below the centre, and both lie inside the seal's height.
	if mid := (name.yMin + date.yMax) / 2; mid <= cy {
		t.Errorf("middle of name and date (y %.1f) is not below the seal centre (y %.1f)", mid, cy)
	}
	if name.yMin < seal.yMin || date.yMax > seal.yMax {
		t.Errorf("name (%.1f) or date (%.1f) outside the seal's height %.1f–%.1f: the seal does not press on them", name.yMin, date.yMax, seal.yMin, seal.yMax)
	}
	// 成文日期右空四字.
	right := gbt9704.MarginLeft + gbt9704.TypeAreaWidth
	if got, want := right-date.xMax, float64(gbt9704.SignatureRightChars)*gbt9704.CharPitch; got < want-2 || got > want+2 {
		t.Errorf("date ends %.1f pt from the right of the type area, want four characters (%.1f pt)", got, want)
	}
	// 印章顶端应当上距正文（或附件说明）一行之内.
	last := lastTextAbove(t, pdf, date.page, seal.yMin, name.yMin)
	if gap := seal.yMin - last; gap > gbt9704.LinePitch {
		t.Errorf("seal top %.1f is %.1f pt below the last text line (bottom %.1f): more than one line (%.1f pt)", seal.yMin, gap, last, gbt9704.LinePitch)
	}
}

// redCentre renders the page at 72 dpi (one pixel a point) and returns the
// centre of the bounding box of the red pixels near box.
func redCentre(t *testing.T, pdf string, page int, box bbox) (float64, float64, bool) {
	prog := tooltest.Need(t, "pdftoppm", "poppler-utils")
	out, err := exec.Command(prog, "-png", "-r", "72", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	const margin = 10
	for y := int(box.yMin) - margin; y <= int(box.yMax)+margin; y++ {
		for x := int(box.xMin) - margin; x <= int(box.xMax)+margin; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 > 200 && g>>8 < 90 && b>>8 < 90 {
				minX, maxX = math.Min(minX, float64(x)), math.Max(maxX, float64(x+1))
				minY, maxY = math.Min(minY, float64(y)), math.Max(maxY, float64(y+1))
			}
		}
	}
	if math.IsInf(minX, 0) {
		return 0, 0, false
	}
	return (minX + maxX) / 2, (minY + maxY) / 2, true
}

// lastTextAbove is the bottom of the lowest word above the signature block on
// the page (the last body or 附件说明 line). Words inside the seal's area
// above the name count too: the seal may press on the last line.
func lastTextAbove(t *testing.T, pdf string, page int, sealTop, nameTop float64) float64 {
	prog := tooltest.Need(t, "pdftotext", "poppler-utils")
	out, err := exec.Command(prog, "-bbox", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	last := 0.0
	for _, m := range wordRE.FindAllStringSubmatch(string(out), -1) {
		yMax, _ := strconv.ParseFloat(m[4], 64)
		if yMax < nameTop-1 && yMax > last {
			last = yMax
		}
	}
	if last == 0 {
		t.Fatalf("no text above the signature on page %d", page)
	}
	return last
}

// A failed archiving leaves nothing behind: no key, a wrong password, a
// notice with errors.
func TestArchiveFailsCleanly(t *testing.T) {
	src := sampleDir(t)
	_, cert, key := keyFiles(t, src)
	toml := filepath.Join(src, "linshu-2021-q3.toml")
	bad := filepath.Join(src, "bad.toml")
	os.WriteFile(bad, []byte("[head\n"), 0o644)
	for _, args := range [][]string{
		{"archive", toml, "--dir"},                         // no folder
		{"archive", toml, "--dir", "ARCH"},                 // no key
		{"archive", toml, "--cert", cert, "--dir", "ARCH"}, // key missing
		{"archive", bad, "--cert", cert, "--key", key, "--dir", "ARCH"},
		{"archive", toml, "--cert", cert, "--key", key, "--password", "x", "--dir", "ARCH"},
	} {
		arch := filepath.Join(t.TempDir(), "archive")
		for i, a := range args {
			if a == "ARCH" {
				args[i] = arch
			}
		}
		code, _, errs := runCmd(args...)
		if code != 1 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
		if _, err := os.Stat(arch); err == nil {
			t.Errorf("%v: left %s behind", args, arch)
		}
	}
}

// The same notice gives the same PDF and DOCX bytes, and the only dates in
// them are the document's own (成文日期): nothing records when they were
// built, so an archived file can be rebuilt and compared byte for byte.
func TestBuildsDeterministicAndDatedByDocument(t *testing.T) {
	needPipeline(t)
	d, _, _ := pipeline.Document(archiveSample)
	own := d.Signature.Date
	now := time.Now()
	today := []string{now.Format("20060102"), now.Format("2006-01-02"), now.UTC().Format("20060102"), now.UTC().Format("2006-01-02")}
	dateRE := regexp.MustCompile(`D:(\d{8})|(\d{4})-(\d{2})-(\d{2})T`)
	found := map[string]int{}
	checkDates := func(where string, text []byte) {
		for _, s := range today {
			if own.ISO() != s && bytes.Contains(text, []byte(s)) {
				t.Errorf("%s holds today's date %s", where, s)
			}
		}
		for _, m := range dateRE.FindAllSubmatch(text, -1) {
			got := string(m[1])
			if got == "" {
				got = string(m[2]) + string(m[3]) + string(m[4])
			}
			if got != fmt.Sprintf("%04d%02d%02d", own.Year, own.Month, own.Day) {
				t.Errorf("%s holds the date %s, not the document's %s", where, m[0], own.ISO())
			}
			found[strings.Fields(where)[0]]++
		}
	}
	for _, f := range []string{"pdf", "docx"} {
		a, err := pipeline.Render(d, f, pipeline.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := pipeline.Render(d, f, pipeline.Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", f)
		}
		switch f {
		case "pdf":
			name := filepath.Join(t.TempDir(), "a.pdf")
			os.WriteFile(name, a, 0o644)
			q, err := exec.Command(tooltest.Need(t, "qpdf", "qpdf"), "--qdf", "--object-streams=disable", name, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			checkDates("PDF", q)
		case "docx":
			z, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range z.File {
				if m := e.Modified; !m.IsZero() && m.Year() > 1980 {
					t.Errorf("DOCX entry %s stamped %v", e.Name, m)
				}
				r, _ := e.Open()
				var part bytes.Buffer
				part.ReadFrom(r)
				r.Close()
				checkDates("DOCX "+e.Name, part.Bytes())
			}
		}
	}
	// The files do carry the document's date (PDF Info, DOCX core
	// properties): the checks above looked at real dates.
	if found["PDF"] == 0 || found["DOCX"] == 0 {
		t.Errorf("dates found: %v; the PDF Info and the DOCX core properties should carry 成文日期", found)
	}
}

// TestHelperBuild is the child process of TestBuildsSameAcrossProcesses.
func TestHelperBuild(t *testing.T) {
	dir := os.Getenv("GONGWEN_HELPER_BUILD")
	if dir == "" {
		t.Skip("only run as the child process of TestBuildsSameAcrossProcesses")
	}
	var errb bytes.Buffer
	if code := run([]string{"build", archiveSample, "-o", dir, "--format", "docx,pdf,json"}, &errb, &errb); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errb.String())
	}
}

// Two separate processes (with different GOMAXPROCS) build the same bytes:
// what one process could hide — a hash seed, an address, scheduling —
// never reaches the output.
func TestBuildsSameAcrossProcesses(t *testing.T) {
	needPipeline(t)
	var dirs [2]string
	for i := range dirs {
		dirs[i] = t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "GONGWEN_HELPER_BUILD="+dirs[i], "GOMAXPROCS="+strconv.Itoa(i+1))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("child build %d: %v\n%s", i, err, out)
		}
	}
	for _, ext := range []string{".pdf", ".docx", ".json"} {
		name := "linshu-2021-q3" + ext
		a, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two processes", name)
		}
	}
}
