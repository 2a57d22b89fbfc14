package main

import (
	"fmt"
	"io"
)

// TODO(issue 2): implement.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gongwen version：尚未实现")
	return 1
}
