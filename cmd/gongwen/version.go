package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/internal/source"
)

// version is set at link time: go build -ldflags "-X main.version=1.2.0".
var version = "dev"

const versionUsage = `
用法：gongwen version [--licences]

显示本程序的版本、编译所用的 Go 版本和平台，以及内嵌字体的文件和许可。
加 --licences 时另外打印各字体许可的全文（程序单独转发给别人时，许可随程序一起提供）。`

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", versionUsage, stderr)
	full := fs.Bool("licences", false, "打印各字体许可的全文")
	if _, code, done := parseArgs(fs, args, stderr); done {
		return code
	}
	fmt.Fprintf(stdout, "gongwen %s（%s，%s/%s）\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintln(stdout, "\n内嵌字体（许可全文见 fonts/ 及 fonts/README.md）：")
	lic := fonts.Licences()
	for _, f := range fonts.Faces() {
		name := source.FaceName(f)
		pad := strings.Repeat(" ", max(1, 8-2*utf8.RuneCountInString(name)))
		fmt.Fprintf(stdout, "  %s%s%-38s 许可：%s\n", name, pad, fonts.File(f), lic[f])
	}
	if !*full {
		return 0
	}
	// Each licence once, in the order the faces first name it.
	seen := map[string]bool{}
	for _, f := range fonts.Faces() {
		file := lic[f]
		if seen[file] {
			continue
		}
		seen[file] = true
		text, err := fonts.LicenceText(file)
		if err != nil {
			fmt.Fprintf(stderr, "gongwen version：%v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "\n==== %s ====\n\n%s\n", file, strings.TrimRight(text, "\n"))
	}
	return 0
}
