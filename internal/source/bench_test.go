package source

import (
	"os"
	"strings"
	"testing"
)

func BenchmarkParseSample(b *testing.B) {
	data, _ := os.ReadFile("../../samples/linshu-2021-q3.toml")
	for b.Loop() {
		Parse("s.toml", data, Options{Dir: "../../samples"})
	}
}

func BenchmarkParseBig(b *testing.B) {
	data, _ := os.ReadFile("../../samples/linshu-2021-q3.toml")
	s := string(data)
	var sb strings.Builder
	sb.WriteString(s)
	for sb.Len() < MaxSize-20000 {
		sb.WriteString("[[attachment]]\ntitle = \"附件,名称\"\ntext = \"\"\"\n" + strings.Repeat("正文,内容。", 100) + "\n\"\"\"\n")
	}
	big := []byte(sb.String())
	b.ResetTimer()
	for b.Loop() {
		f := Parse("s.toml", big, Options{Dir: "../../samples"})
		_ = f
	}
}
