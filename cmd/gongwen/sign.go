package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongwen/gongwen/internal/sign"
)

// passwordEnv names the environment variable that may hold the key's
// password. A password is never taken from the command line, where it would
// stay in the shell history and the process list.
const passwordEnv = "GONGWEN_KEY_PASSWORD"

// keyFlags are the flags that name a signing key, shared by sign and archive.
type keyFlags struct {
	cert, key, p12, passwordFile string
	name, reason, location       string
}

func (k *keyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&k.cert, "cert", "", "签名证书（PEM 文件，可含证书链）")
	fs.StringVar(&k.key, "key", "", "私钥（PEM 文件）")
	fs.StringVar(&k.p12, "p12", "", "PKCS#12 文件（.p12/.pfx，含私钥和证书），可代替 --cert 和 --key")
	fs.StringVar(&k.passwordFile, "password-file", "", "存放私钥口令的文件（也可用环境变量 "+passwordEnv+"）")
	fs.StringVar(&k.name, "name", "", "签名人（默认取证书中的名称）")
	fs.StringVar(&k.reason, "reason", "正式发文", "签名原因")
	fs.StringVar(&k.location, "location", "", "签名地点（可不填）")
}

func (k *keyFlags) password() ([]byte, error) {
	if k.passwordFile != "" {
		b, err := os.ReadFile(k.passwordFile)
		if err != nil {
			return nil, fmt.Errorf("读取口令文件 %s：%w", k.passwordFile, err)
		}
		return []byte(strings.TrimRight(string(b), "\r\n")), nil
	}
	return []byte(os.Getenv(passwordEnv)), nil
}

// load reads the signing key.
func (k *keyFlags) load() (*sign.Signer, error) {
	pw, err := k.password()
	if err != nil {
		return nil, err
	}
	switch {
	case k.p12 != "":
		if k.cert != "" || k.key != "" {
			return nil, errors.New("--p12 与 --cert/--key 只能用其一")
		}
		b, err := os.ReadFile(k.p12)
		if err != nil {
			return nil, fmt.Errorf("读取 PKCS#12 文件：%w", err)
		}
		return sign.LoadPKCS12(b, string(pw))
	case k.cert != "" && k.key != "":
		c, err := os.ReadFile(k.cert)
		if err != nil {
			return nil, fmt.Errorf("读取证书文件：%w", err)
		}
		kb, err := os.ReadFile(k.key)
		if err != nil {
			return nil, fmt.Errorf("读取私钥文件：%w", err)
		}
		return sign.LoadPEM(c, kb, pw)
	}
	return nil, errors.New("请用 --cert 证书.pem --key 私钥.pem，或 --p12 文件.p12 指定签名证书")
}

// info is what the signature says: the signer's name (by default the
// certificate's common name), the reason and the time of signing.
func (k *keyFlags) info(s *sign.Signer, now time.Time) sign.Info {
	name := k.name
	if name == "" {
		name = s.Cert.Subject.CommonName
	}
	return sign.Info{Name: name, Reason: k.reason, Location: k.location, Time: now}
}

// parseKeyArgs parses a signing command's arguments as every command does
// (parseArgs: flags before or after the files, messages in Chinese), after
// refusing a password on the command line, where it would stay in the
// shell history and the process list. Its status is that of the signing
// commands: 0 after -h, 1 for anything wrong.
func parseKeyArgs(fs *flag.FlagSet, args []string, stderr io.Writer) (rest []string, code int, done bool) {
	for _, a := range args {
		if n := strings.TrimLeft(a, "-"); a != n && (n == "password" || strings.HasPrefix(n, "password=") || n == "pass" || strings.HasPrefix(n, "pass=")) {
			fmt.Fprintf(stderr, "%s：口令不能写在命令行上（会留在命令历史和进程列表中）：请用 --password-file 口令文件，或环境变量 %s\n", fs.Name(), passwordEnv)
			return nil, 1, true
		}
	}
	return parseArgs(fs, args, stderr)
}

// writeNewFile writes a file that must not exist yet.
func writeNewFile(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s 已存在，不覆盖：请用 -o 另指定输出文件", name)
		}
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

const signUsage = `
用法：gongwen sign 文件.pdf --cert 证书.pem --key 私钥.pem [--reason 原因] [--name 签名人] [-o 输出.pdf]
      gongwen sign 文件.pdf --p12 证书.p12 [--password-file 口令文件] …

对 PDF 加数字签名（增量更新，原文件字节不变），可用 poppler 的 pdfsig 或 gongwen verify 核验。
私钥口令从 --password-file 指定的文件或环境变量 ` + passwordEnv + ` 读取，不接受写在命令行上。
退出码：0 成功，1 出错。`

func runSign(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sign", signUsage, stderr)
	var k keyFlags
	k.register(fs)
	out := fs.String("o", "", "输出文件（默认：原文件名加“-已签名”；已存在时不覆盖）")
	pdfa := fs.Bool("pdfa", false, "签名前先转为 PDF/A-2b 归档格式（加 XMP 元数据、sRGB 输出意图；仅用于本工具生成、尚未签名的 PDF）")
	pos, code, done := parseKeyArgs(fs, args, stderr)
	if done {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "gongwen sign：请指定一个 PDF 文件，如 gongwen sign 通报.pdf --cert 证书.pem --key 私钥.pem")
		return 1
	}
	in := pos[0]
	s, err := k.load()
	if err != nil {
		fmt.Fprintf(stderr, "gongwen sign：%v\n", err)
		return 1
	}
	b, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen sign：%v\n", err)
		return 1
	}
	if *pdfa {
		if b, err = sign.PDFA(b); err != nil {
			fmt.Fprintf(stderr, "gongwen sign：%s：转为 PDF/A 失败：%v\n", in, err)
			return 1
		}
	}
	signed, err := sign.Sign(b, s, k.info(s, time.Now()))
	if err != nil {
		fmt.Fprintf(stderr, "gongwen sign：%s：%v\n", in, err)
		return 1
	}
	if *out == "" {
		*out = strings.TrimSuffix(in, filepath.Ext(in)) + "-已签名.pdf"
	}
	if err := writeNewFile(*out, signed); err != nil {
		fmt.Fprintf(stderr, "gongwen sign：%v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "已签名：%s（签名人 %s）\n", *out, s.Subject())
	return 0
}
