package main

import (
	"fmt"
	"io"
)

// TODO(issue 6): implement.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gongwen diff：尚未实现")
	return 1
}
