package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/archive"
)

// verify on hand-edited manifests: reported, exit status 1, nothing read
// outside the version folder, never a crash.
func TestVerifyTamperedManifest(t *testing.T) {
	root := t.TempDir()
	secret := filepath.Join(root, "secret.txt")
	os.WriteFile(secret, []byte("x"), 0o644)
	sum := sha256.Sum256([]byte("x"))
	entry := func(p string, size int64) []byte {
		m, _ := json.Marshal(archive.Manifest{Format: archive.ManifestFormat, Version: 1, Files: []archive.File{
			{Path: p, Role: archive.RoleSource, Size: size, SHA256: hex.EncodeToString(sum[:])}}})
		return m
	}
	for name, m := range map[string][]byte{
		"escapes":   entry("../../secret.txt", 1),
		"absolute":  entry(filepath.ToSlash(secret), 1),
		"not JSON":  []byte("{这不是"),
		"huge size": entry("a.txt", 1<<62),
	} {
		v := filepath.Join(root, "arch", name, "v1")
		os.MkdirAll(v, 0o755)
		os.WriteFile(filepath.Join(v, "a.txt"), []byte("x"), 0o644)
		os.WriteFile(filepath.Join(v, archive.ManifestName), m, 0o644)
		code, out, errs := runCmd("verify", v)
		if code != 1 || !strings.Contains(out, "✗") {
			t.Errorf("%s: exit %d\n%s%s", name, code, out, errs)
		}
		if strings.Contains(out, "核对文件 1 个") && name != "huge size" {
			t.Errorf("%s: a file was checked:\n%s", name, out)
		}
	}
}
