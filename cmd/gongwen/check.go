package main

import (
	"fmt"
	"io"
)

// TODO(issue 2): implement.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gongwen check：尚未实现")
	return 1
}
