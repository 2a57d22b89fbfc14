package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/archive"
	"github.com/gongwen/gongwen/internal/diff"
	"github.com/gongwen/gongwen/internal/pipeline"
)

func TestDiffCommand(t *testing.T) {
	src := sampleDir(t)
	old := filepath.Join(src, "written.toml")
	w, err := os.ReadFile("../../samples/linshu-2021-q3-written.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(old, w, 0o644)
	b, _ := os.ReadFile(old)
	changed := strings.Replace(string(b), "56个政务新媒体", "55个政务新媒体", 1)
	if changed == string(b) {
		t.Fatal("sample lacks the sentence this test changes")
	}
	nw := filepath.Join(src, "new.toml")
	os.WriteFile(nw, []byte(changed), 0o644)

	code, out, errs := runCmd("diff", old, old)
	if code != 0 || out != "无差异\n" {
		t.Errorf("identical: exit %d, %q %s", code, out, errs)
	}
	code, out, _ = runCmd("diff", old, nw)
	want := "共 1 处改动：\n一、第1段 修改：\n    「56」改为「55」：……全县纳入备案管理的政府网站和「55」个政务新媒体进行了读网检查。\n"
	if code != 0 || out != want {
		t.Errorf("one number changed: exit %d\n got %q\nwant %q", code, out, want)
	}
	if code, _, _ := runCmd("diff", "--exit-code", old, nw); code != diffDifferent {
		t.Errorf("--exit-code with differences: exit %d, want %d", code, diffDifferent)
	}
	if code, _, _ := runCmd("diff", "--exit-code", old, old); code != 0 {
		t.Errorf("--exit-code without differences: exit %d, want 0", code)
	}
	code, out, _ = runCmd("diff", "--json", old, nw)
	var cs []diff.Change
	if err := json.Unmarshal([]byte(out), &cs); code != 0 || err != nil || len(cs) != 1 || cs[0].Edits[0].New != "55" {
		t.Errorf("--json: exit %d, %v, %s", code, err, out)
	}
	if code, _, errs := runCmd("diff", old, filepath.Join(src, "missing.toml")); code != 1 || errs == "" {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
}

// diff refuses what is not a notice and never reads outside an archived
// version folder, whatever its manifest says.
func TestDiffBadInput(t *testing.T) {
	dir := t.TempDir()
	sample := "../../samples/linshu-2021-q3-written.toml"
	d, diags, err := pipeline.Document(sample)
	if err != nil || d == nil {
		t.Fatalf("sample: %v %v", err, diags)
	}
	ours, err := pipeline.Render(d, "json", pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(dir, "outside.json")
	os.WriteFile(outside, ours, 0o644)
	foreign := filepath.Join(dir, "package.json")
	os.WriteFile(foreign, []byte(`{"name":"x","version":"1.0.0"}`), 0o644)
	if code, _, errs := runCmd("diff", foreign, outside); code != 1 || !strings.Contains(errs, "不是 gongwen 生成") {
		t.Errorf("foreign JSON: exit %d, stderr %q", code, errs)
	}
	sum := sha256.Sum256(ours)
	for i, p := range []string{"../outside.json", ".", "v/../../outside.json", filepath.ToSlash(outside)} {
		v := filepath.Join(dir, "a", strconv.Itoa(i))
		os.MkdirAll(v, 0o755)
		m, _ := json.Marshal(archive.Manifest{Format: archive.ManifestFormat, Version: 1, Files: []archive.File{
			{Path: p, Role: archive.RoleJSON, Size: int64(len(ours)), SHA256: hex.EncodeToString(sum[:])}}})
		os.WriteFile(filepath.Join(v, archive.ManifestName), m, 0o644)
		if code, out, errs := runCmd("diff", v, outside); code != 1 || !strings.Contains(errs, "不合规") {
			t.Errorf("manifest naming %q: exit %d, stdout %q, stderr %q", p, code, out, errs)
		}
	}
	// A symbolic link inside the folder pointing outside is not followed.
	v := filepath.Join(dir, "link")
	os.MkdirAll(v, 0o755)
	if err := os.Symlink(outside, filepath.Join(v, "doc.json")); err == nil {
		m, _ := json.Marshal(archive.Manifest{Format: archive.ManifestFormat, Version: 1, Files: []archive.File{
			{Path: "doc.json", Role: archive.RoleJSON, Size: int64(len(ours)), SHA256: hex.EncodeToString(sum[:])}}})
		os.WriteFile(filepath.Join(v, archive.ManifestName), m, 0o644)
		if code, out, errs := runCmd("diff", v, outside); code != 1 {
			t.Errorf("link to a file outside: exit %d, stdout %q, stderr %q", code, out, errs)
		}
	}
}
