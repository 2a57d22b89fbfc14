package main

import (
	"fmt"
	"io"
)

// TODO(issue 2): implement.
func runBuild(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gongwen build：尚未实现")
	return 1
}
