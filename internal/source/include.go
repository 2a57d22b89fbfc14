package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// includeLines numbers the lines of included files apart from the
// notice's own: the k-th included file's line L is written k*includeLines+L
// in Pos, and finish turns it back into that file's name and L. A file is
// at most MaxSize bytes, so it never has that many lines.
const includeLines = 100_000_000

// An included file may hold only these top-level keys: its data, and
// further includes.
var includeKeys = []string{"data", "include"}

// includer reads the files a notice includes and merges their [data] into
// the notice's tree, their positions into the notice's Positions.
type includer struct {
	f     *File
	pos   *Positions
	diags []Diagnostic
	seen  map[string]string // absolute path → the name it was shown by
}

// includeFiles reads the files tree's include names (relative to dir, the
// notice's folder) and merges their data into tree. self is the notice's
// own path, so that a file including the notice is a cycle.
func (f *File) includeFiles(tree map[string]any, dir, self string) []Diagnostic {
	if _, ok := tree["include"]; !ok {
		return nil
	}
	in := &includer{f: f, pos: f.Pos, seen: map[string]string{}}
	abs, _ := filepath.Abs(self)
	in.include(tree, f.Pos, 0, dir, filepath.Dir(f.Name), ".", []string{abs})
	return in.diags
}

// includeNames returns the names tree's include key lists, or nil when it
// is not a string or a list of strings (the decoder reports that).
func includeNames(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	return nil
}

// include processes the include key of tree, a file whose positions are
// own (lines numbered from lineBase), in folder dir (shown as shownDir).
// relDir is that folder relative to the notice's, slash-separated ("" when
// reached through an absolute name); stack holds the absolute paths of the
// files including it, itself last.
func (in *includer) include(tree map[string]any, own *Positions, lineBase int, dir, shownDir, relDir string, stack []string) {
	names := includeNames(tree["include"])
	for i, name := range names {
		keyPath := indexPath("include", i)
		at := own.Nearest(keyPath)
		if len(names) == 1 && !own.Has(keyPath) {
			at = own.Nearest("include")
		}
		at.Line += lineBase
		errorf := func(format string, args ...any) {
			in.diags = append(in.diags, Diagnostic{Line: at.Line, Col: at.Col, Severity: Error, Message: fmt.Sprintf(format, args...)})
		}
		if strings.TrimSpace(name) == "" {
			errorf("include 中的文件名是空的：请写要包含的文件名，例如 include = [\"accounts.toml\"]")
			continue
		}
		real, shown := name, name
		if !filepath.IsAbs(name) {
			real = filepath.Join(dir, name)
			shown = filepath.Join(shownDir, name)
		}
		abs, err := filepath.Abs(real)
		if err != nil {
			abs = filepath.Clean(real)
		}
		if j := slices.Index(stack, abs); j >= 0 {
			errorf("包含文件形成了循环：%s 又包含了它自己或包含它的文件。请删去这一行 include", shown)
			continue
		}
		if prev, ok := in.seen[abs]; ok {
			errorf("文件 %s 已经包含过一次（%s）：同一个文件只能包含一次，请删去这一项", shown, prev)
			continue
		}
		rel := ""
		if r := relName(name); r != "" && relDir != "" {
			rel = path.Join(relDir, r)
		}
		data, err := in.f.readSource("include", name, real, rel, MaxSize)
		var nr *NotRegularError
		switch {
		case errors.As(err, &nr) && nr.Mode.IsDir():
			errorf("%s 是文件夹：include 要写文件夹中数据文件的名字，例如 %s", shown, filepath.ToSlash(filepath.Join(name, "accounts.toml")))
			continue
		case errors.Is(err, fs.ErrNotExist):
			errorf("找不到要包含的文件 %s：文件名相对于通报所在的文件夹，请检查文件名和位置", shown)
			continue
		case errors.As(err, new(*TooLargeError)):
			errorf("要包含的文件 %s 太大（超过 %s）：include 只用于检查数据文件，通常不到 100 KB，请确认文件选对了", shown, sizeText(MaxSize))
			continue
		case err != nil:
			errorf("%s", readProblem(err, "include", "要包含的文件", shown))
			continue
		}
		in.seen[abs] = shown
		// The file's own problems are at its own lines.
		k := len(in.f.includes) + 1
		base := k * includeLines
		in.f.includes = append(in.f.includes, shown)
		fileErr := func(ds []Diagnostic) {
			for _, d := range ds {
				d.Line += base
				in.diags = append(in.diags, d)
			}
		}
		text, ds := decodeText(data)
		fileErr(ds)
		if Diagnostics(ds).HasErrors() {
			errorf("要包含的文件 %s 无法读取，见该文件的错误", shown)
			continue
		}
		var sub map[string]any
		if _, err := toml.Decode(text, &sub); err != nil {
			fileErr(syntaxErrors(text, err))
			errorf("要包含的文件 %s 有格式错误，见该文件的错误", shown)
			continue
		}
		var other []string
		for key := range sub {
			if !slices.Contains(includeKeys, key) {
				other = append(other, key)
			}
		}
		if len(other) > 0 {
			sort.Strings(other)
			errorf("要包含的文件 %s 中只能写检查数据（[data]、[[data.unit]]、[[data.account]] 等），不能写 %s：请把这些内容移回通报文件", shown, strings.Join(other, "、"))
			continue
		}
		q := scanPositions(text)
		in.pos.addSegment(q, base)
		subDir := ""
		if rel != "" {
			subDir = path.Dir(rel)
		}
		in.include(sub, q, base, filepath.Dir(real), filepath.Dir(shown), subDir, append(stack[:len(stack):len(stack)], abs))
		if d, ok := sub["data"].(map[string]any); ok {
			own, ok := tree["data"].(map[string]any)
			if !ok {
				if _, written := tree["data"]; written {
					continue // data of the wrong type: the decoder says so
				}
				own = map[string]any{}
				tree["data"] = own
			}
			in.merge(own, d, "data", shown)
		}
	}
}

// merge adds the keys of src, read from the included file shown, to dst.
// A key written in both is an error: the data of a notice is written once.
func (in *includer) merge(dst, src map[string]any, path, shown string) {
	keys := make([]string, 0, len(src))
	for k := range src {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := joinPath(path, k)
		cur, ok := dst[k]
		if !ok {
			dst[k] = src[k]
			continue
		}
		a, am := cur.(map[string]any)
		b, bm := src[k].(map[string]any)
		if am && bm {
			in.merge(a, b, p, shown)
			continue
		}
		at := in.pos.NearestKey(p)
		in.diags = append(in.diags, Diagnostic{Line: at.Line, Col: at.Col, Severity: Error,
			Message: fmt.Sprintf("%s 在通报和它包含的文件 %s 中都写了：只能写在一处，请删去其中之一", p, shown)})
	}
}
