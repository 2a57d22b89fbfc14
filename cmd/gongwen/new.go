package main

import (
	"fmt"
	"io"
)

// TODO(issue 2): implement.
func runNew(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gongwen new：尚未实现")
	return 1
}
