// Command gen writes a large generated notice (a city's inspection) to
// standard output, for benchmarks and for trying the tool on a big file:
//
//	go run ./bench/gen -accounts 2000 > /tmp/city.toml
//	gongwen build /tmp/city.toml -o /tmp/city
//
// The same flags always give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/gongwen/gongwen/internal/benchmarks"
)

func main() {
	accounts := flag.Int("accounts", 2000, "政务新媒体账号数（附件统计表每个账号一行）")
	seal := flag.String("seal", "", "印章 PNG 文件（相对于生成的通报文件所在文件夹）；不写则不盖章")
	flag.Parse()
	if *accounts < 1 {
		fmt.Fprintln(os.Stderr, "gen：-accounts 至少为 1")
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(benchmarks.City(benchmarks.CityOptions{Accounts: *accounts, Seal: *seal})); err != nil {
		fmt.Fprintf(os.Stderr, "gen：写出失败：%v\n", err)
		os.Exit(1)
	}
}
