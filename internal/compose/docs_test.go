package compose

import (
	"os"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/expr"
	"github.com/gongwen/gongwen/internal/findings"
	"github.com/gongwen/gongwen/internal/source"
)

// Every example of docs/expressions.md — a line with an expression in a
// code block, followed by "⇒ result" — says what the language computes over
// the linshu sample's data, and every function has an example.
func TestExpressionDocs(t *testing.T) {
	md, err := os.ReadFile("../../docs/expressions.md")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(linshu)
	if err != nil {
		t.Fatal(err)
	}
	f := source.Parse("l.toml", b, source.Options{Dir: "../../samples"})
	n, err := source.ApplyTemplate(f.Notice)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := findings.Evaluate(n.Data)
	env := expr.New(m)
	lines := strings.Split(string(md), "\n")
	inCode := false
	examples := 0
	used := map[string]bool{}
	for i, l := range lines {
		if strings.HasPrefix(l, "```") {
			inCode = !inCode
			continue
		}
		if !inCode || !strings.Contains(l, "{{") || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "⇒ ") {
			continue
		}
		examples++
		want := strings.TrimPrefix(lines[i+1], "⇒ ")
		got, err := env.Text(l, expr.Pos{Line: i + 1, Col: 1})
		if err != nil {
			t.Errorf("docs/expressions.md:%d: %s: %v", i+1, l, err)
			continue
		}
		if got != want {
			t.Errorf("docs/expressions.md:%d: %s\n got  %s\n want %s", i+1, l, got, want)
		}
		for _, fn := range env.FuncNames() {
			if strings.Contains(l, fn+" ") || strings.Contains(l, fn+"}}") || strings.Contains(l, fn+")") {
				used[fn] = true
			}
		}
	}
	if examples < 30 {
		t.Errorf("only %d examples found", examples)
	}
	for _, fn := range env.FuncNames() {
		if !used[fn] {
			t.Errorf("function %s has no example in docs/expressions.md", fn)
		}
	}
}
