//go:build windows

package main

import "syscall"

// utf8Console switches the Windows console to UTF-8 (code page 65001) so
// that Chinese messages are not garbled in a console set to GBK (936), and
// returns a function that restores the previous code pages.
func utf8Console() (restore func()) {
	k := syscall.NewLazyDLL("kernel32.dll")
	getOut, setOut := k.NewProc("GetConsoleOutputCP"), k.NewProc("SetConsoleOutputCP")
	getIn, setIn := k.NewProc("GetConsoleCP"), k.NewProc("SetConsoleCP")
	if getOut.Find() != nil || setOut.Find() != nil || getIn.Find() != nil || setIn.Find() != nil {
		return func() {}
	}
	out, _, _ := getOut.Call()
	in, _, _ := getIn.Call()
	if out == 0 { // no console (output redirected to a file): nothing to do
		return func() {}
	}
	setOut.Call(65001)
	setIn.Call(65001)
	return func() {
		setOut.Call(out)
		setIn.Call(in)
	}
}
