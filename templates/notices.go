package templates

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// notices holds the standing notice kinds: NAME.toml is the template a
// notice names with template = "NAME" (its sections, standing paragraphs,
// rules and statistics table; docs/data.md says how it is merged).
//
//go:embed *.toml
var notices embed.FS

// Notice returns the text of the notice template name.
func Notice(name string) ([]byte, error) {
	b, err := notices.ReadFile(name + ".toml")
	if err != nil {
		return nil, fmt.Errorf("没有名为“%s”的通报模板：可用的有 %s", name, strings.Join(NoticeNames(), "、"))
	}
	return b, nil
}

// NoticeNames lists the notice templates, sorted.
func NoticeNames() []string {
	var out []string
	entries, _ := fs.ReadDir(notices, ".")
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
