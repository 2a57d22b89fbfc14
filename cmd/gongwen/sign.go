package main

import (
	"fmt"
	"io"
)

// TODO(issue 6): implement.
func runSign(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gongwen sign：尚未实现")
	return 1
}
