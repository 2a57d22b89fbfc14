package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gongwen/internal/archive"
	"github.com/gongwen/gongwen/internal/pipeline"
	"github.com/gongwen/gongwen/internal/source"
)

const includingNotice = `include = ["accounts.toml", "../shared/units.toml"]

[main]
title = "关于检查情况的通报"
text = "本期检查了{{count accounts}}个账号，{{count units}}个单位。"

[signature]
issuer = "某县人民政府办公室"
date = 2021-09-22
seal = "印章/seal.png"

[output]
docx_template = "letterhead.docx"

[data]
check_date = 2021-09-14
rules = { late_days = 7 }
`

// includingDir writes a notice that includes a file beside it and one in
// a sibling folder, with a seal in a subfolder and a DOCX template:
// root/2021/notice.toml, root/shared/units.toml. It returns the notice and
// every file it names, by path relative to root.
func includingDir(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	root := t.TempDir()
	seal, err := os.ReadFile("../../samples/seal-sample.png")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"2021/notice.toml":     []byte(includingNotice),
		"2021/accounts.toml":   []byte("[[data.account]]\nunit = \"店头镇\"\nplatform = \"微博\"\nlast_update = 2021-09-05\n"),
		"shared/units.toml":    []byte("[[data.unit]]\nname = \"店头镇\"\nkind = \"镇\"\n\n[[data.unit]]\nname = \"交通运输局\"\nkind = \"县直部门\"\n"),
		"2021/印章/seal.png":     seal,
		"2021/letterhead.docx": markedTemplate(t, "ARCHIVED-LETTERHEAD"),
	}
	for p, b := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(root, "2021", "notice.toml"), files
}

// TestArchiveIncludes: archive stores every file the build read — the
// notice, both included files, the seal, the DOCX template — byte for byte
// under source/ in their layout relative to the notice, listed with their
// roles; the archived notice builds again to the same unsigned PDF, DOCX
// and JSON; and a byte flipped in an archived included file is named by
// verify.
func TestArchiveIncludes(t *testing.T) {
	needPipeline(t)
	notice, files := includingDir(t)
	_, cert, key := keyFiles(t, t.TempDir())
	arch := t.TempDir()
	writable(t, arch)
	built, err := archiveInput(notice, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !docxHas(t, built.DOCX, "ARCHIVED-LETTERHEAD") {
		t.Error("the archived DOCX is not built on [output] docx_template")
	}
	if code, out, errs := runCmd("archive", notice, "--cert", cert, "--key", key, "--dir", arch); code != 0 {
		t.Fatalf("archive: exit %d\n%s%s", code, out, errs)
	}
	vdir := filepath.Join(arch, "无文号-关于检查情况的通报", "v1")
	m, _, err := archive.ReadManifest(vdir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // stored path → role
		"source/2021/notice.toml":     archive.RoleSource,
		"source/2021/accounts.toml":   archive.RoleInclude,
		"source/shared/units.toml":    archive.RoleInclude,
		"source/2021/印章/seal.png":     archive.RoleSeal,
		"source/2021/letterhead.docx": archive.RoleDOCXTemplate,
	}
	listed := map[string]string{}
	for _, f := range m.Files {
		listed[f.Path] = f.Role
	}
	for p, role := range want {
		if listed[p] != role {
			t.Errorf("manifest lists %s as %q, want %q", p, listed[p], role)
		}
		got, err := os.ReadFile(filepath.Join(vdir, filepath.FromSlash(p)))
		if orig := files[strings.TrimPrefix(p, "source/")]; err != nil || !bytes.Equal(got, orig) {
			t.Errorf("archived %s is not the file built from (%v)", p, err)
		}
	}
	// The archived notice builds again, from the archived files, to the
	// same bytes (the PDF before signing).
	archived := filepath.Join(vdir, "source", "2021", "notice.toml")
	again, err := archiveInput(archived, pipeline.Options{})
	if err != nil {
		t.Fatalf("the archived notice does not build: %v", err)
	}
	for _, c := range []struct {
		what string
		a, b []byte
	}{{"PDF", built.PDF, again.PDF}, {"DOCX", built.DOCX, again.DOCX}, {"JSON", built.JSON, again.JSON}} {
		if !bytes.Equal(c.a, c.b) {
			t.Errorf("the archived notice builds another %s (%d bytes, first build %d)", c.what, len(c.b), len(c.a))
		}
	}
	outDir := t.TempDir()
	if code, o, e := runCLI("build", archived, "-o", outDir, "--format", "pdf,json"); code != 0 {
		t.Fatalf("gongwen build %s: exit %d\n%s%s", archived, code, o, e)
	}
	if b, _ := os.ReadFile(filepath.Join(outDir, "notice.pdf")); !bytes.Equal(b, built.PDF) {
		t.Error("gongwen build of the archived notice gives another PDF than the one archived before signing")
	}
	if b, _ := os.ReadFile(filepath.Join(outDir, "notice.json")); !bytes.Equal(b, built.JSON) {
		t.Error("gongwen build of the archived notice gives another JSON")
	}
	if code, out, e := runCmd("verify", arch); code != 0 {
		t.Fatalf("verify of the untouched archive: exit %d\n%s%s", code, out, e)
	}
	// One byte flipped in the archived included file.
	units := filepath.Join(vdir, "source", "shared", "units.toml")
	os.Chmod(filepath.Dir(units), 0o755)
	os.Chmod(units, 0o644)
	b, _ := os.ReadFile(units)
	b[len(b)/2] ^= 1
	if err := os.WriteFile(units, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd("verify", arch)
	if code != 1 || !strings.Contains(out, filepath.Join("source", "shared", "units.toml")+"："+archive.ErrChanged.Error()) {
		t.Errorf("verify does not name the changed included file: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "accounts.toml") || strings.Contains(out, "notice.toml") {
		t.Errorf("verify names files that did not change:\n%s", out)
	}
}

// TestArchiveStoresBytesRead: the sources archived are the bytes the build
// read, not the files as they are on disk afterwards.
func TestArchiveStoresBytesRead(t *testing.T) {
	notice, files := includingDir(t)
	f, err := source.LoadOptions(notice, source.Options{})
	if err != nil || f.Diags.HasErrors() {
		t.Fatalf("%v\n%s", err, f.Diags)
	}
	root := filepath.Dir(filepath.Dir(notice))
	for p := range files {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(p)), []byte("changed after the build read it"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srcs, err := sourceFiles(notice, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != len(files) {
		t.Errorf("%d sources, want %d", len(srcs), len(files))
	}
	for _, s := range srcs {
		if orig, ok := files[strings.TrimPrefix(s.Path, "source/")]; !ok || !bytes.Equal(s.Data, orig) {
			t.Errorf("%s: not the bytes the build read", s.Path)
		}
	}
}

// TestArchiveAbsoluteRefused: a file named by an absolute path cannot be
// archived so that the archive rebuilds from it: archive refuses, naming
// the key and the file, and writes nothing.
func TestArchiveAbsoluteRefused(t *testing.T) {
	notice, _ := includingDir(t)
	abs := filepath.Join(filepath.Dir(notice), "accounts.toml")
	text := strings.Replace(includingNotice, `"accounts.toml"`, `"`+strings.ReplaceAll(abs, `\`, `\\`)+`"`, 1)
	if err := os.WriteFile(notice, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, cert, key := keyFiles(t, t.TempDir())
	arch := t.TempDir()
	code, _, e := runCmd("archive", notice, "--cert", cert, "--key", key, "--dir", arch)
	if code != 1 || !strings.Contains(e, "include") || !strings.Contains(e, abs) || !strings.Contains(e, "相对路径") {
		t.Errorf("archive with an absolute include: exit %d\n%s", code, e)
	}
	if es, _ := os.ReadDir(arch); len(es) != 0 {
		t.Errorf("archive wrote %d entries", len(es))
	}
}

// TestSpecialInputs: an include, seal or DOCX template naming /dev/zero or
// a FIFO makes build, check and archive stop with exit 1 and an error at
// the key's line, writing nothing — without blocking (a deadline fails the
// test instead of hanging CI).
func TestSpecialInputs(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero or FIFOs on Windows")
	}
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := mkfifo(fifo); err != nil {
		skipOrFailCI(t, "no FIFO: %v", err)
	}
	_, cert, key := keyFiles(t, t.TempDir())
	for _, special := range []string{"/dev/zero", fifo} {
		for _, k := range []struct{ old, new, line string }{
			{`include = ["accounts.toml", `, `include = ["` + special + `", `, ":1:"},
			{`seal = "印章/seal.png"`, `seal = "` + special + `"`, ":10:"},
			{`docx_template = "letterhead.docx"`, `docx_template = "` + special + `"`, ":13:"},
		} {
			notice, _ := includingDir(t)
			if err := os.WriteFile(notice, []byte(strings.Replace(includingNotice, k.old, k.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			outDir := filepath.Join(t.TempDir(), "out")
			arch := filepath.Join(t.TempDir(), "arch")
			for _, args := range [][]string{
				{"build", notice, "-o", outDir},
				{"check", notice},
				{"archive", notice, "--cert", cert, "--key", key, "--dir", arch},
			} {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				type result struct {
					code   int
					stderr string
				}
				done := make(chan result, 1)
				go func() {
					code, o, e := runCLI(args...)
					done <- result{code, o + e}
				}()
				var r result
				select {
				case r = <-done:
				case <-ctx.Done():
					t.Fatalf("%s with %s: did not return (the read blocks or never ends)", args[0], k.new)
				}
				cancel()
				if r.code != 1 || !strings.Contains(r.stderr, "notice.toml"+k.line) || !strings.Contains(r.stderr, special) || !strings.Contains(r.stderr, "不是普通文件") {
					t.Errorf("%s with %s: exit %d; want 1 and an error at %s naming the file:\n%s", args[0], k.new, r.code, k.line, r.stderr)
				}
			}
			for _, d := range []string{outDir, arch} {
				if _, err := os.Stat(d); err == nil {
					t.Errorf("%s: %s was written", k.new, d)
				}
			}
		}
	}
}

// TestVerifySpecialFiles: verify given a FIFO or /dev/zero as the PDF, or as
// the --trust certificates, says it is no regular file and exits 1 instead
// of blocking or reading without end.
func TestVerifySpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero or FIFOs on Windows")
	}
	fifo := filepath.Join(t.TempDir(), "pipe.pdf")
	if err := mkfifo(fifo); err != nil {
		skipOrFailCI(t, "no FIFO: %v", err)
	}
	for _, special := range []string{"/dev/zero", fifo} {
		for _, args := range [][]string{{"verify", special}, {"verify", "--trust", special, t.TempDir()}} {
			done := make(chan string, 1)
			go func() {
				code, o, e := runCLI(args...)
				done <- fmt.Sprintf("exit %d\n%s%s", code, o, e)
			}()
			select {
			case out := <-done:
				if !strings.HasPrefix(out, "exit 1\n") || !strings.Contains(out, "不是普通文件") {
					t.Errorf("%v: want exit 1 saying it is no regular file:\n%s", args, out)
				}
			case <-time.After(time.Minute):
				t.Fatalf("%v: did not return (the read blocks or never ends)", args)
			}
		}
	}
}

// skipOrFailCI skips a test whose setup this machine cannot make (a FIFO in
// a temporary folder), but fails it under CI=true, where the setup must work
// and a skip would hide the test.
func skipOrFailCI(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}
