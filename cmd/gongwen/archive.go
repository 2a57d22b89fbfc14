package main

import (
	"fmt"
	"io"
)

// TODO(issue 6): implement.
func runArchive(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gongwen archive：尚未实现")
	return 1
}
