// Command gongwen turns an inspection notice written in TOML into an official
// document (公文) laid out to GB/T 9704-2012, as DOCX and PDF.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/gongwen/gongwen/internal/source"
)

// command is one subcommand. run returns the exit status.
type command struct {
	name    string
	summary string // one line, in Chinese
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands lists every subcommand, in the order `gongwen -h` shows them.
// Each is implemented in its own file.
func commands() []command {
	return []command{
		{"build", "检查并生成 DOCX、PDF（及 JSON）", runBuild},
		{"check", "只检查通报文件，列出全部问题", runCheck},
		{"new", "新建通报：由上期通报生成下期，或生成带注释的空白模板", runNew},
		{"diff", "比较两份通报成文后的差异（按章节、段落、表格单元格）", runDiff},
		{"sign", "对 PDF 加数字签名", runSign},
		{"archive", "生成、签名并归档（不覆盖已归档的任何文件）", runArchive},
		{"verify", "核验归档：文件摘要与 PDF 签名", runVerify},
		{"version", "显示版本与字体许可", runVersion},
	}
}

// gcPercent and memoryLimit tune the collector for a short-lived process:
// a build allocates a few tens of megabytes and exits, so collecting at the
// default GOGC=100 is mostly wasted work (docs/benchmarks.md). The soft
// limit makes the collector work harder before the heap nears it, keeping
// the peak of a large notice (2,000 accounts) well under 100 MB. A GOGC or
// GOMEMLIMIT set in the environment wins.
const (
	gcPercent   = 400
	memoryLimit = 64 << 20
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	restore := utf8Console()
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	restore()
	os.Exit(code)
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 1
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "gongwen：没有“%s”这个命令。可用的命令见 gongwen -h。\n", args[0])
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gongwen：按 GB/T 9704-2012 由 TOML 通报文件生成公文（DOCX、PDF）。")
	fmt.Fprintln(w, "\n用法：gongwen 命令 [参数]\n\n命令：")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n每个命令后加 -h 查看其用法。")
}

// newFlags makes the flag set of a command. usage is the synopsis line and
// its explanation, in Chinese; the flags' own help follows it.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("gongwen "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parseArgs says what went wrong, in Chinese
	fs.Usage = func() {
		fmt.Fprintln(stderr, strings.TrimSpace(usage))
		first := true
		fs.VisitAll(func(f *flag.Flag) {
			if first {
				fmt.Fprintln(stderr, "\n选项（写一个或两个减号均可，如 -o 或 --format）：")
				first = false
			}
			arg, help := flag.UnquoteUsage(f)
			line := "  -" + f.Name
			if arg != "" {
				line += " 值"
			}
			fmt.Fprintf(stderr, "%s\n    \t%s", line, help)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(stderr, "（默认：%s）", f.DefValue)
			}
			fmt.Fprintln(stderr)
		})
	}
	return fs
}

// parseArgs parses flags anywhere among the arguments (gongwen build FILE -o
// DIR as well as gongwen build -o DIR FILE) and returns the other arguments.
// done is true when the command should stop with status code: 0 after -h,
// 1 for a wrong flag (every failure of every command is status 1; only
// diff --exit-code gives 2, for "the documents differ").
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) (rest []string, code int, done bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0, true
			}
			msg := err.Error()
			switch {
			case strings.HasPrefix(msg, "flag provided but not defined: "):
				msg = fmt.Sprintf("没有“%s”这个选项（用法见上）", strings.TrimPrefix(msg, "flag provided but not defined: "))
			case strings.HasPrefix(msg, "flag needs an argument: "):
				msg = fmt.Sprintf("选项“%s”后面要写值", strings.TrimPrefix(msg, "flag needs an argument: "))
			}
			fmt.Fprintf(stderr, "\n%s：%s\n", fs.Name(), msg)
			return nil, 1, true
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, 0, false
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// printDiags prints diagnostics, one a line, then a count.
func printDiags(w io.Writer, ds source.Diagnostics) {
	if len(ds) == 0 {
		return
	}
	fmt.Fprint(w, ds.String())
	errs, warns := ds.Count()
	switch {
	case errs > 0 && warns > 0:
		fmt.Fprintf(w, "共 %d 个错误、%d 个警告。\n", errs, warns)
	case errs > 0:
		fmt.Fprintf(w, "共 %d 个错误。\n", errs)
	default:
		fmt.Fprintf(w, "共 %d 个警告。\n", warns)
	}
}
