package main

import (
	"crypto/x509"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/gongwen/gongwen/internal/archive"
	"github.com/gongwen/gongwen/internal/sign"
	"github.com/gongwen/gongwen/internal/source"
)

const verifyUsage = `
用法：gongwen verify [--trust 证书.pem] 归档文件夹 | 发文字号文件夹 | 版本文件夹 | 文件.pdf

核验归档：每个文件与清单 manifest.json 中的 SHA-256 对照，清单与其签名对照，
每个 PDF 的数字签名逐一核验（签名须有效、覆盖整个文件、出自清单所记的证书），
并找出清单中没有的多余文件。逐一列出有问题的文件。
给出单个 PDF 时只核验其数字签名。
不加 --trust 时，核验证明归档自签名以来未被改动，并列出签名人；加 --trust 才证明签名人可信
（否则他人可以改动后用自己的证书重新签名整个版本）。
退出码：0 全部完好，1 有文件被改动、缺失、多出，签名无效，或无法核验。`

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify", verifyUsage, stderr)
	trust := fs.String("trust", "", "受信任的证书（PEM，可含多个：本单位的签名证书或签发它的 CA 证书）；给出时每个签名都须出自它")
	pos, code, done := parseArgs(fs, args, stderr)
	if done {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "gongwen verify：请指定一个归档文件夹或 PDF 文件，如 gongwen verify 归档")
		return 1
	}
	var opt archive.VerifyOptions
	if *trust != "" {
		b, err := source.ReadLimited(*trust, maxTrustSize)
		if err != nil {
			fmt.Fprintf(stderr, "gongwen verify：读取 --trust 证书：%v\n", err)
			return 1
		}
		opt.Trust = x509.NewCertPool()
		if !opt.Trust.AppendCertsFromPEM(b) {
			fmt.Fprintf(stderr, "gongwen verify：%s 中没有 PEM 格式的证书\n", *trust)
			return 1
		}
	}
	if st, err := os.Stat(pos[0]); err == nil && !st.IsDir() {
		return verifyPDF(pos[0], opt.Trust, stdout, stderr)
	}
	rep, err := archive.VerifyWith(pos[0], opt)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen verify：%v\n", err)
		return 1
	}
	for _, v := range rep.Versions {
		if v.Manifest == nil {
			continue
		}
		m := v.Manifest
		fmt.Fprintf(stdout, "%s：%s 第 %d 版，成文日期 %s，归档于 %s，签名人 %s，%s，核对文件 %d 个\n",
			v.Dir, m.DocNumber, m.Version, m.DateText, m.Archived, m.Signer.Subject, m.PDFA, v.Files)
		var names []string
		for n := range v.Signatures {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			for i, s := range v.Signatures[n] {
				fmt.Fprintf(stdout, "  %s 签名 %d：%s\n", n, i+1, describe(s))
			}
		}
	}
	if rep.OK() {
		fmt.Fprintf(stdout, "完好：%d 个归档版本，所有文件与清单一致，签名有效。\n", len(rep.Versions))
		return 0
	}
	fmt.Fprintf(stdout, "发现 %d 处问题：\n", len(rep.Problems))
	for _, p := range rep.Problems {
		fmt.Fprintf(stdout, "  ✗ %s\n", p)
	}
	return 1
}

// maxTrustSize is the largest --trust file read: a PEM bundle of root
// certificates is a few hundred KB.
const maxTrustSize = 16 << 20

func describe(s sign.Signature) string {
	var b strings.Builder
	if s.Valid {
		b.WriteString("有效")
	} else {
		b.WriteString("无效（" + s.Problem + "）")
	}
	if s.Valid && !s.WholeDocument {
		b.WriteString("，但签名后文件又被追加了内容")
	}
	fmt.Fprintf(&b, "；证书 %s", s.Subject)
	if s.Name != "" {
		fmt.Fprintf(&b, "；签名人 %s", s.Name)
	}
	if s.Reason != "" {
		fmt.Fprintf(&b, "；原因 %s", s.Reason)
	}
	if !s.Time.IsZero() {
		fmt.Fprintf(&b, "；时间 %s", s.Time.Format("2006-01-02 15:04:05 -07:00"))
	}
	return b.String()
}

func verifyPDF(name string, trust *x509.CertPool, stdout, stderr io.Writer) int {
	b, err := source.ReadLimited(name, archive.MaxFileSize)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen verify：%v\n", err)
		return 1
	}
	sigs, err := sign.Verify(b)
	if err != nil {
		fmt.Fprintf(stdout, "✗ %s：%v\n", name, err)
		return 1
	}
	if len(sigs) == 0 {
		fmt.Fprintf(stdout, "✗ %s：没有数字签名\n", name)
		return 1
	}
	ok := true
	for i, s := range sigs {
		fmt.Fprintf(stdout, "%s 签名 %d：%s\n", name, i+1, describe(s))
		ok = ok && s.Valid
		if trust != nil && s.Cert != nil {
			if err := sign.Trusted(s.Cert, s.Certs, trust, s.Time); err != nil {
				fmt.Fprintf(stdout, "✗ %s 签名 %d 的证书不受信任：%v\n", name, i+1, err)
				ok = false
			}
		}
	}
	if !sigs[len(sigs)-1].WholeDocument {
		ok = false
	}
	if !ok {
		fmt.Fprintf(stdout, "✗ %s：签名无效或未覆盖整个文件\n", name)
		return 1
	}
	fmt.Fprintf(stdout, "完好：%s 的签名有效并覆盖整个文件。\n", name)
	return 0
}
