package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned in a minute: a
// read that blocks (a FIFO) or never ends (/dev/zero) fails the test
// instead of hanging CI.
func within[T any](t *testing.T, f func() T) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-ctx.Done():
		t.Fatal("the read did not return: it blocks or reads without end")
	}
	panic("unreachable")
}

// specialFiles are the non-regular files a key may name on this system:
// a device that reads without end and a FIFO that blocks its reader.
func specialFiles(t *testing.T) map[string]string {
	files := map[string]string{}
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero or FIFOs on Windows")
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		files["设备文件"] = "/dev/zero"
	}
	fifo := filepath.Join(t.TempDir(), "pipe.toml")
	if err := mkfifo(fifo); err != nil {
		// Every unix CI machine can make a FIFO: failing to is a broken
		// test set-up there, not a reason to test less.
		if os.Getenv("CI") == "true" {
			t.Fatalf("no FIFO: %v", err)
		}
		t.Logf("no FIFO: %v", err)
	} else {
		files["命名管道（FIFO）"] = fifo
	}
	if len(files) == 0 {
		t.Skip("neither /dev/zero nor FIFOs here")
	}
	return files
}

func TestReadLimitedSpecial(t *testing.T) {
	for kind, name := range specialFiles(t) {
		err := within(t, func() error { _, err := ReadLimited(name, MaxSize); return err })
		var nr *NotRegularError
		if !errors.As(err, &nr) || nr.Kind() != kind {
			t.Errorf("ReadLimited(%s) = %v; want a NotRegularError saying %s", name, err, kind)
		}
	}
}

// TestReadLimitedLarge: a file past the limit is refused after limit+1
// bytes; one at the limit is read whole.
func TestReadLimitedLarge(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	fh, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := fh.Truncate(1 << 30); err != nil { // sparse: 1 GB of zeros
		t.Fatal(err)
	}
	fh.Close()
	b, err := ReadLimited(big, MaxSize)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Limit != MaxSize || len(b) != MaxSize+1 {
		t.Errorf("1 GB file: %d bytes, %v; want %d bytes and a TooLargeError", len(b), err, MaxSize+1)
	}
	exact := filepath.Join(dir, "exact.toml")
	if err := os.WriteFile(exact, make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadLimited(exact, 1000); err != nil || len(b) != 1000 {
		t.Errorf("file of exactly the limit: %d bytes, %v", len(b), err)
	}
	if _, err := ReadLimited(filepath.Join(dir, "none.toml"), MaxSize); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v; want ErrNotExist", err)
	}
}

// TestSpecialFileAtKey: an include, a seal or a DOCX template naming a
// device or a FIFO is an error at that key's line naming the file and the
// key, found without blocking; so is the notice itself.
func TestSpecialFileAtKey(t *testing.T) {
	for kind, special := range specialFiles(t) {
		dir := t.TempDir()
		name := filepath.Join(dir, "n.toml")
		quoted := strings.ReplaceAll(special, `\`, `\\`)
		src := "include = [\"" + quoted + "\"]\n" + // line 1
			"[main]\ntitle = \"关于检查情况的通报\"\ntext = \"正文。\"\n" +
			"[signature]\nissuer = \"某县人民政府办公室\"\ndate = 2021-09-22\n" +
			"seal = \"" + quoted + "\"\n" + // line 8
			"[output]\ndocx_template = \"" + quoted + "\"\n" // line 10
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		type res struct {
			f   *File
			err error
		}
		r := within(t, func() res { f, err := Load(name); return res{f, err} })
		if r.err != nil {
			t.Fatalf("%s: %v", kind, r.err)
		}
		for _, want := range []struct {
			line int
			key  string
		}{{1, "include"}, {8, "signature.seal"}, {10, "output.docx_template"}} {
			found := false
			for _, d := range r.f.Diags {
				if d.Severity == Error && d.File == name && d.Line == want.line &&
					strings.Contains(d.Message, kind) && strings.Contains(d.Message, special) && strings.Contains(d.Message, want.key) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no error at line %d naming %s, %s and %s; got:\n%s", kind, want.line, special, kind, want.key, r.f.Diags)
			}
		}
		if len(r.f.Sources()) != 0 {
			t.Errorf("%s: sources recorded: %v", kind, r.f.Sources())
		}
		// The notice itself.
		if r := within(t, func() res { f, err := Load(special); return res{f, err} }); r.err == nil || !strings.Contains(r.err.Error(), kind) {
			t.Errorf("Load(%s) = %v; want an error saying %s", special, r.err, kind)
		}
	}
}

// TestSources: the files the build reads are recorded with their keys,
// their paths relative to the notice (through nested includes) and the
// bytes read; an absolute name has no relative path.
func TestSources(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "2021")
	for _, d := range []string{dir, filepath.Join(root, "shared", "sub")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	seal, err := os.ReadFile("../../samples/seal-sample.png")
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(root, "abs.toml")
	files := map[string]string{
		filepath.Join(root, "shared", "units.toml"):           "include = [\"sub/accounts.toml\"]\n[[data.unit]]\nname = \"店头镇\"\nkind = \"镇\"\n",
		filepath.Join(root, "shared", "sub", "accounts.toml"): "[[data.account]]\nunit = \"店头镇\"\nplatform = \"微博\"\nlast_update = 2021-09-05\n",
		abs:                          "[data]\nlevel = \"县\"\n",
		filepath.Join(dir, "印章.png"): string(seal),
	}
	for p, s := range files {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	notice := "include = [\"../shared/units.toml\", \"" + strings.ReplaceAll(abs, `\`, `\\`) + "\"]\n" +
		"[main]\ntitle = \"关于检查情况的通报\"\ntext = \"本期检查了{{count accounts}}个账号。\"\n" +
		"[signature]\nissuer = \"某县人民政府办公室\"\ndate = 2021-09-22\nseal = \"印章.png\"\n" +
		"[data]\ncheck_date = 2021-09-14\nrules = { late_days = 7 }\n"
	name := filepath.Join(dir, "n.toml")
	if err := os.WriteFile(name, []byte(notice), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(name)
	if err != nil || f.Diags.HasErrors() {
		t.Fatalf("%v\n%s", err, f.Diags)
	}
	if string(f.Data) != notice {
		t.Errorf("File.Data is not the notice's bytes")
	}
	want := map[string][2]string{ // path → key, rel
		filepath.Join(root, "shared", "units.toml"):           {"include", "../shared/units.toml"},
		filepath.Join(root, "shared", "sub", "accounts.toml"): {"include", "../shared/sub/accounts.toml"},
		abs:                          {"include", ""},
		filepath.Join(dir, "印章.png"): {"signature.seal", "印章.png"},
	}
	got := f.Sources()
	if len(got) != len(want) {
		t.Errorf("%d sources, want %d: %+v", len(got), len(want), got)
	}
	for _, s := range got {
		w, ok := want[filepath.Clean(s.Path)]
		if !ok || s.Key != w[0] || s.Rel != w[1] || string(s.Data) != files[filepath.Clean(s.Path)] {
			t.Errorf("source %s: key %q rel %q (%d bytes); want %q", s.Path, s.Key, s.Rel, len(s.Data), w)
		}
	}
}
