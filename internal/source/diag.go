package source

import (
	"fmt"
	"strings"
)

// Severity of a diagnostic.
type Severity int

// Severities.
const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in a notice file, at a place a clerk can
// find: file, line and column (1-based, columns counted in characters).
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	// Message says what is wrong and what to write instead, in Chinese.
	Message string
	// Omitted is set on the line that ends a list cut short (另有 N 个错误未列出):
	// the N diagnostics of its severity not listed. The line itself is no
	// problem of the file.
	Omitted int `json:",omitempty"`
}

// String formats d as FILE:LINE:COL: 错误：… (or 警告：…).
func (d Diagnostic) String() string {
	kind := "错误"
	if d.Severity == Warning {
		kind = "警告"
	}
	return fmt.Sprintf("%s:%d:%d: %s：%s", d.File, d.Line, d.Col, kind, d.Message)
}

// Diagnostics is every problem of one run.
type Diagnostics []Diagnostic

// Count is how many errors and warnings the file has, those left out of a
// cut list included.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		n := 1
		if d.Omitted > 0 {
			n = d.Omitted
		}
		if d.Severity == Error {
			errors += n
		} else {
			warnings += n
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// String is one diagnostic a line.
func (ds Diagnostics) String() string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}
