package main

import (
	"fmt"
	"io"
	"runtime"
)

// version is set at link time: go build -ldflags "-X main.version=1.2.0".
var version = "dev"

const versionUsage = `
用法：gongwen version

显示本程序的版本、编译所用的 Go 版本和平台，以及内嵌字体的许可。`

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", versionUsage, stderr)
	if _, code, done := parseArgs(fs, args); done {
		return code
	}
	fmt.Fprintf(stdout, "gongwen %s（%s，%s/%s）\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}
