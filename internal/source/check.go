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
		checkOutput, // output.go: [output] docx_template
	}
}

// Input is what a check looks at: the decoded notice and where each of its
// keys stands in the file.
type Input struct {
	File   string // the file name, as given
	Dir    string // the folder of the file; files the notice names are relative to it
	Notice *Notice
	Pos    *Positions

	readFile     func(string) ([]byte, error)
	file         *File // reads the files keys name (File.readSource)
	failed       map[string]bool
	loadTemplate func(string) ([]byte, error) // nil: templates.Notice
	tmpl         *templateInput               // read once, by Template
	prepared     *Prepared                    // set by checkFindings
	checkDOCX    func([]byte) error           // Options.DOCXTemplate
	dataCut      bool                         // recovery (recover.go) left lines of [data] out
}

// Failed reports whether the value at path (or one of its parents) could not
// be decoded; that was reported already, so checks of its meaning skip it.
func (in *Input) Failed(path string) bool {
	for {
		if in.failed[path] {
			return true
		}
		if path == "" {
			return false // "" failed: a line of the top level was unreadable
		}
		path = parentPath(path)
	}
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
	w := stringWalker{fields: map[reflect.Type][]field{}}
	w.walk(path, v, func(path string, v reflect.Value) error {
		fn(path, v.String())
		return nil
	})
}

// EditStrings replaces every string in v (addressable, as from
// reflect.ValueOf(&x).Elem()) by what fn returns for it, walking as Strings
// does (strings in maps, which cannot be set in place, are left). It stops
// at the first error.
func EditStrings(path string, v reflect.Value, fn func(path, s string) (string, error)) error {
	w := stringWalker{fields: map[reflect.Type][]field{}}
	return w.walk(path, v, func(path string, v reflect.Value) error {
		s, err := fn(path, v.String())
		if err != nil {
			return err
		}
		if v.CanSet() {
			v.SetString(s)
		}
		return nil
	})
}

// stringWalker walks the strings of a value. It keeps the fields of each
// struct type met, so that a notice of hundreds of accounts is not
// reflected upon field by field for each.
type stringWalker struct {
	fields map[reflect.Type][]field
}

func (w *stringWalker) walk(path string, v reflect.Value, fn func(path string, v reflect.Value) error) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return w.walk(path, v.Elem(), fn)
		}
	case reflect.String:
		return fn(path, v)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := w.walk(indexPath(path, i), v.Index(i), fn); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return nil
		}
		keys := v.MapKeys()
		ks := make([]string, len(keys))
		for i, k := range keys {
			ks[i] = k.String()
		}
		sortStrings(ks)
		for _, k := range ks {
			if err := w.walk(joinPath(path, k), v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())), fn); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		if t == timeType {
			return nil
		}
		fs, ok := w.fields[t]
		if !ok {
			fs = fields(t)
			w.fields[t] = fs
		}
		for _, f := range fs {
			if err := w.walk(joinPath(path, f.key), v.FieldByIndex(f.index), fn); err != nil {
				return err
			}
		}
	}
	return nil
}
