// Package tooltest lets tests depend on external programs (pdftotext, qpdf,
// soffice …): absent, the test skips with a message saying what to install;
// under CI=true, absence is a failure, so CI can never pass by skipping.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of program, or skips (fails under CI=true) naming the
// Debian package that provides it.
func Need(t testing.TB, program, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err == nil {
		return p
	}
	msg := program + " 不在 PATH 中；请安装 Debian 软件包 " + debianPackage + "（apt-get install " + debianPackage + "）"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// NeedFile is Need for a file a Debian package installs (a test font):
// absent, the test skips, or fails under CI=true.
func NeedFile(t testing.TB, path, debianPackage string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	msg := path + " 不存在；请安装 Debian 软件包 " + debianPackage + "（apt-get install " + debianPackage + "）"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
