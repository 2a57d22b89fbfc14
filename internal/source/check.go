package source

import (
	"fmt"
	"reflect"
	"strings"
)

// Check is one rule over a decoded notice. It returns what it finds, each
// diagnostic at the place of the problem (Input's helpers find it). A new
// rule is a function added to DefaultChecks.
type Check func(in *Input) []Diagnostic

// DefaultChecks are the rules every notice is checked against, in order.
func DefaultChecks() []Check {
	return []Check{
		checkRequired,
		checkHead,
		checkDocNumber,
		checkSections,
		checkTables,
		checkAttachments,
		checkSignature,
		checkColophon,
		checkText,
		checkFindings, // findings_check.go: [data], template, expressions
		checkCoverage,
	}
}

// Input is what a check looks at: the decoded notice and where each of its
// keys stands in the file.
type Input struct {
	File   string // the file name, as given
	Dir    string // the folder of the file; files the notice names are relative to it
	Notice *Notice
	Pos    *Positions

	readFile func(string) ([]byte, error)
	failed   map[string]bool
}

// Failed reports whether the value at path (or one of its parents) could not
// be decoded; that was reported already, so checks of its meaning skip it.
func (in *Input) Failed(path string) bool {
	for ; path != ""; path = parentPath(path) {
		if in.failed[path] {
			return true
		}
	}
	return false
}

// ReadFile reads a file the notice names (relative names from Dir).
func (in *Input) ReadFile(name string) ([]byte, error) { return in.readFile(name) }

// Errorf is an error at the value of path (or, when path is not written in
// the file, at its nearest written ancestor).
func (in *Input) Errorf(path, format string, args ...any) Diagnostic {
	return in.At(in.Pos.Nearest(path), Error, format, args...)
}

// Warnf is a warning at the value of path.
func (in *Input) Warnf(path, format string, args ...any) Diagnostic {
	return in.At(in.Pos.Nearest(path), Warning, format, args...)
}

// KeyErrorf is an error at the key of path.
func (in *Input) KeyErrorf(path, format string, args ...any) Diagnostic {
	return in.At(in.Pos.NearestKey(path), Error, format, args...)
}

// At is a diagnostic at a given place.
func (in *Input) At(p Pos, sev Severity, format string, args ...any) Diagnostic {
	return Diagnostic{File: in.File, Line: p.Line, Col: p.Col, Severity: sev, Message: fmt.Sprintf(format, args...)}
}

// TextAt returns the place of the i-th rune of the string at path, when s is
// the value written there; otherwise the place of the value.
func (in *Input) TextAt(path, s string, i int) Pos { return in.TextPlaces(path, s)(i) }

// TextPlaces is TextAt for many runes of one string: it decodes the string
// once and returns the function from rune index to place.
func (in *Input) TextPlaces(path, s string) func(i int) Pos {
	ws, offs, ok := in.Pos.String(path)
	if !ok && strings.HasSuffix(path, "[0]") {
		// A list key (Names) written as a single string.
		ws, offs, ok = in.Pos.String(parentPath(path))
	}
	if !ok || ws != s {
		p := in.Pos.Nearest(path)
		return func(int) Pos { return p }
	}
	return func(i int) Pos {
		if i < 0 || i >= len(offs) {
			return in.Pos.Nearest(path)
		}
		return in.Pos.At(offs[i])
	}
}

func reflectValue(n *Notice) reflect.Value { return reflect.ValueOf(n).Elem() }

// Strings calls fn for every string in v (a notice or a part of it), with its
// path, walking structs by their toml keys, slices and maps. New fields are
// walked without any change here.
func Strings(path string, v reflect.Value, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			Strings(path, v.Elem(), fn)
		}
	case reflect.String:
		fn(path, v.String())
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			Strings(indexPath(path, i), v.Index(i), fn)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		keys := v.MapKeys()
		ks := make([]string, len(keys))
		for i, k := range keys {
			ks[i] = k.String()
		}
		sortStrings(ks)
		for _, k := range ks {
			Strings(joinPath(path, k), v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())), fn)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		for _, f := range fields(v.Type()) {
			fv := v
			for _, i := range f.index {
				fv = fv.Field(i)
			}
			Strings(joinPath(path, f.key), fv, fn)
		}
	}
}
