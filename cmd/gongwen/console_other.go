//go:build !windows

package main

// utf8Console is a no-op outside Windows, whose terminals speak UTF-8.
func utf8Console() (restore func()) { return func() {} }
