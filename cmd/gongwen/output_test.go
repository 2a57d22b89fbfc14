package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/docx"
)

// markedTemplate is the default DOCX template with a marker comment in its
// styles part, so that a test can tell an output built on it.
func markedTemplate(t *testing.T, marker string) []byte {
	t.Helper()
	b, err := docx.DefaultTemplate()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		if f.Name == "word/styles.xml" {
			s := string(data)
			i := strings.Index(s, "?>") + 2
			data = []byte(s[:i] + "<!--" + marker + "-->" + s[i:])
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	return out.Bytes()
}

// docxHas reports whether any part of the DOCX b contains s.
func docxHas(t *testing.T, b []byte, s string) bool {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		if strings.Contains(string(data), s) {
			return true
		}
	}
	return false
}

// [output] docx_template: check reads and checks the template, each problem
// at the key's line; build builds on it; --docx-template overrides it and is
// checked the same way.
func TestOutputDOCXTemplate(t *testing.T) {
	text := readSample(t)
	text = strings.Replace(text, "[signature]", "[output]\ndocx_template = \"letterhead.docx\"\n\n[signature]", 1)
	dir, notice, outDir, _ := setup(t, []byte(text))
	lines := strings.Split(text, "\n")
	line := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "docx_template") {
			line = i + 1
		}
	}
	at := notice + ":" + strconv.Itoa(line) + ":17: 错误："

	// Missing, then not a DOCX: errors at the key.
	if code, _, e := runCLI("check", notice); code != 1 || !strings.Contains(e, at) || !strings.Contains(e, "找不到 DOCX 底版“letterhead.docx”") {
		t.Errorf("missing template: exit %d\n%s", code, e)
	}
	os.WriteFile(filepath.Join(dir, "letterhead.docx"), []byte("不是 docx"), 0o644)
	if code, _, e := runCLI("check", notice); code != 1 || !strings.Contains(e, at) || !strings.Contains(e, "不是有效的 .docx") {
		t.Errorf("broken template: exit %d\n%s", code, e)
	}
	if code, _, e := runCLI("build", notice, "-o", outDir, "--format", "docx"); code != 1 || !strings.Contains(e, at) {
		t.Errorf("build with a broken template: exit %d\n%s", code, e)
	}

	// A good one: check passes and the DOCX is built on it.
	os.WriteFile(filepath.Join(dir, "letterhead.docx"), markedTemplate(t, "KEY-TEMPLATE"), 0o644)
	if code, o, e := runCLI("check", notice); code != 0 {
		t.Fatalf("good template: exit %d\n%s%s", code, o, e)
	}
	if code, o, e := runCLI("build", notice, "-o", outDir, "--format", "docx"); code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, o, e)
	}
	if !docxHas(t, mustRead(t, filepath.Join(outDir, "n.docx")), "KEY-TEMPLATE") {
		t.Errorf("the DOCX is not built on [output] docx_template")
	}

	// The flag wins, and is checked.
	flagged := filepath.Join(dir, "flag.docx")
	os.WriteFile(flagged, markedTemplate(t, "FLAG-TEMPLATE"), 0o644)
	if code, o, e := runCLI("build", notice, "-o", outDir, "--format", "docx", "--docx-template", flagged); code != 0 {
		t.Fatalf("build --docx-template: exit %d\n%s%s", code, o, e)
	}
	out := mustRead(t, filepath.Join(outDir, "n.docx"))
	if !docxHas(t, out, "FLAG-TEMPLATE") || docxHas(t, out, "KEY-TEMPLATE") {
		t.Errorf("--docx-template does not override [output] docx_template")
	}
	os.WriteFile(flagged, []byte("PK\x03\x04 cut"), 0o644)
	for _, cmd := range []string{"check", "build"} {
		code, _, e := runCLI(cmd, "--docx-template", flagged, notice, "-o", outDir)
		if cmd == "check" {
			code, _, e = runCLI(cmd, "--docx-template", flagged, notice)
		}
		if code != 1 || !strings.Contains(e, "flag.docx（--docx-template）") || !strings.Contains(e, "DOCX 模板") {
			t.Errorf("%s with a broken --docx-template: exit %d\n%s", cmd, code, e)
		}
	}
}

// new --from into another folder keeps naming the same DOCX template.
func TestNewKeepsDOCXTemplate(t *testing.T) {
	text := strings.Replace(readSample(t), "[signature]", "[output]\ndocx_template = \"letterhead.docx\"\n\n[signature]", 1)
	dir, notice, _, _ := setup(t, []byte(text))
	os.WriteFile(filepath.Join(dir, "letterhead.docx"), markedTemplate(t, "X"), 0o644)
	next := filepath.Join(dir, "q4", "n.toml")
	if code, o, e := runCLI("new", "--from", notice, next); code != 0 {
		t.Fatalf("new: exit %d\n%s%s", code, o, e)
	}
	if nt := string(mustRead(t, next)); !strings.Contains(nt, `docx_template = "../letterhead.docx"`) {
		t.Errorf("the new notice in q4/ does not name ../letterhead.docx:\n%s", nt)
	}
}
