package main

import (
	"fmt"
	"io"
)

// TODO(issue 6): implement.
func runVerify(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gongwen verify：尚未实现")
	return 1
}
