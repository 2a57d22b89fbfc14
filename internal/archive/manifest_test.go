package archive

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// handVersion writes a version folder v1 under a fresh archive root with the
// given manifest bytes and files, unsigned: what someone editing an archive
// by hand leaves behind.
func handVersion(t *testing.T, manifest []byte, files map[string]string) (root, vdir string) {
	t.Helper()
	root = t.TempDir()
	vdir = filepath.Join(root, "文号", "v1")
	for name, data := range files {
		p := filepath.Join(vdir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(vdir, ManifestName), manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	return root, vdir
}

func manifestJSON(t *testing.T, files ...File) []byte {
	t.Helper()
	b, err := json.MarshalIndent(Manifest{Format: ManifestFormat, Version: 1, Files: files}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A manifest can never make Verify read a file outside the version folder:
// not by "..", not by an absolute path, not through a symbolic link. The
// secret outside is listed with its true SHA-256, so a Verify that read it
// would count it as a checked, intact file.
func TestVerifyNeverReadsOutside(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	const data = "outside the archive"
	if err := os.WriteFile(secret, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	entry := func(p string) File {
		return File{Path: p, Role: RoleSource, Size: int64(len(data)), SHA256: sha([]byte(data))}
	}
	rel, err := filepath.Rel(t.TempDir(), secret)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"../../../secret.txt",
		filepath.ToSlash(rel),
		"a/../../secret.txt",
		filepath.ToSlash(secret),
		"/etc/passwd",
		`..\..\secret.txt`,
		".",
		"",
	} {
		root, vdir := handVersion(t, manifestJSON(t, entry(p)), nil)
		rep, err := Verify(root)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Versions) != 1 || rep.Versions[0].Files != 0 {
			t.Errorf("path %q: %d versions, files checked %v", p, len(rep.Versions), rep.Versions)
		}
		if got := problemsFor(rep, filepath.Join(vdir, ManifestName)); len(got) == 0 {
			t.Errorf("path %q: manifest not named: %v", p, rep.Problems)
		}
	}
	// A symbolic link in the folder pointing outside, listed by its own name.
	root, vdir := handVersion(t, manifestJSON(t, entry("link.txt"), entry("sub/link.txt")), nil)
	if err := os.Symlink(secret, filepath.Join(vdir, "link.txt")); err != nil {
		if runtime.GOOS != "windows" {
			t.Fatal("no symbolic link made, the outside link is not checked:", err)
		}
		t.Skip("no symbolic links here (Windows without the privilege):", err)
	}
	os.Symlink(filepath.Dir(secret), filepath.Join(vdir, "sub"))
	rep, err := Verify(root)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Versions[0].Files != 0 {
		t.Errorf("a link to a file outside was read: %d files checked", rep.Versions[0].Files)
	}
	for _, n := range []string{"link.txt", "sub/link.txt"} {
		if got := problemsFor(rep, filepath.Join(vdir, filepath.FromSlash(n))); len(got) == 0 {
			t.Errorf("%s not named: %v", n, rep.Problems)
		}
	}
}

// Damaged manifests are reported, never a crash and never an error of
// Verify itself.
func TestVerifyDamagedManifest(t *testing.T) {
	good := manifestJSON(t, File{Path: "a.txt", Role: RoleSource, Size: 1, SHA256: sha([]byte("a"))})
	for name, m := range map[string][]byte{
		"not JSON":       []byte("这不是 JSON"),
		"truncated":      good[:len(good)/2],
		"empty":          nil,
		"array":          []byte("[]"),
		"unknown field":  bytes.Replace(good, []byte(`"format"`), []byte(`"formats"`), 1),
		"trailing data":  append(bytes.Clone(good), "{}"...),
		"size overflows": bytes.Replace(good, []byte(`"size": 1`), []byte(`"size": 99999999999999999999999`), 1),
		"huge":           append(bytes.Clone(good), bytes.Repeat([]byte(" "), maxManifestSize)...),
	} {
		root, vdir := handVersion(t, m, map[string]string{"a.txt": "a"})
		rep, err := Verify(root)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rep.OK() || len(problemsFor(rep, filepath.Join(vdir, ManifestName))) == 0 {
			t.Errorf("%s: manifest not named: %v", name, rep.Problems)
		}
	}
}

// A listed file of the wrong size is reported as changed, and a listed
// special file (a FIFO would block a read for ever) is not read.
func TestReadListedRefuses(t *testing.T) {
	_, vdir := handVersion(t, manifestJSON(t), map[string]string{"a.txt": "abc"})
	if _, err := ReadListed(vdir, File{Path: "a.txt", Size: 2, SHA256: sha([]byte("abc"))}); err != ErrChanged {
		t.Errorf("wrong size: %v, want ErrChanged", err)
	}
	if b, err := ReadListed(vdir, File{Path: "a.txt", Size: 3, SHA256: sha([]byte("abc"))}); err != nil || string(b) != "abc" {
		t.Errorf("intact file: %q %v", b, err)
	}
	if _, err := ReadListed(vdir, File{Path: ".", Size: 0}); err == nil {
		t.Error("the folder itself was read as a file")
	}
	if err := mkfifo(filepath.Join(vdir, "pipe")); err == nil {
		if _, err := ReadListed(vdir, File{Path: "pipe"}); err == nil || !strings.Contains(err.Error(), "不是普通文件") {
			t.Errorf("FIFO: %v", err)
		}
	}
}

// FuzzParseManifest: any bytes give a manifest or an error, never a panic;
// an accepted manifest lists only paths inside the version folder and
// survives a round trip.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{"format":1,"version":1,"files":[{"path":"a/b.pdf","role":"pdf","size":3,"sha256":"00"}]}`))
	f.Add([]byte(`{"files":[{"path":"../x"}]}`))
	f.Add([]byte(`{"files":[{"path":"C:/x"}]}`))
	f.Add([]byte(`{"files":null}` + "\n"))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseManifest(b)
		if err != nil {
			return
		}
		for _, fl := range m.Files {
			if !filepath.IsLocal(filepath.FromSlash(fl.Path)) || fl.Path == "." || strings.Contains(fl.Path, `\`) {
				t.Fatalf("accepted path %q", fl.Path)
			}
			if rel, err := filepath.Rel("/v", filepath.Join("/v", filepath.FromSlash(fl.Path))); err != nil || strings.HasPrefix(rel, "..") {
				t.Fatalf("path %q leaves the folder", fl.Path)
			}
		}
		again, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		m2, err := ParseManifest(again)
		if err != nil || !reflect.DeepEqual(m, m2) {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, m, m2)
		}
	})
}
