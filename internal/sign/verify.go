package sign

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"
)

// Signature is one digital signature found in a PDF, as checked by Verify.
type Signature struct {
	Name     string    // /Name
	Reason   string    // /Reason
	Location string    // /Location
	Time     time.Time // /M (the signer's clock; zero when absent)
	// Cert is the signing certificate; nil when the signature could not be
	// read at all.
	Cert *x509.Certificate
	// Certs are all certificates the signature carries (the chain).
	Certs []*x509.Certificate
	// Subject is the certificate's subject (CN=…,O=…).
	Subject string
	// CertSHA256 is the SHA-256 of the certificate (DER), in hex.
	CertSHA256 string
	ByteRange  [4]int64
	// WholeDocument is true when the signed bytes run from the start of the
	// file to its end, leaving out only the signature value itself: nothing
	// was appended after signing.
	WholeDocument bool
	// Valid is true when the bytes the signature covers are exactly those that
	// were signed and the signature value matches the certificate's key.
	Valid bool
	// Problem says, in words for a clerk, why Valid is false.
	Problem string
}

// Verify finds and checks every signature of a PDF. It checks the
// integrity of the signed bytes and the signature value; whether the
// certificate is trusted is not its business (the archive records which
// certificate signed). An error means the file could not be read as a PDF;
// a PDF without signatures gives no error and no signatures.
func Verify(b []byte) (sigs []Signature, err error) {
	defer recoverPDF(&err)
	rdr, err := openPDF(b)
	if err != nil {
		return nil, err
	}
	for _, x := range rdr.Xref() {
		v := rdr.Resolve(x.Ptr(), x.Ptr())
		if v.Kind() != pdf.Dict || v.Key("Filter").Name() != "Adobe.PPKLite" {
			continue
		}
		sigs = append(sigs, check(b, v))
	}
	// Signatures in file order: the one covering the most bytes last.
	sort.SliceStable(sigs, func(i, j int) bool {
		return sigs[i].ByteRange[2]+sigs[i].ByteRange[3] < sigs[j].ByteRange[2]+sigs[j].ByteRange[3]
	})
	return sigs, nil
}

func check(b []byte, v pdf.Value) Signature {
	s := Signature{
		Name:     v.Key("Name").Text(),
		Reason:   v.Key("Reason").Text(),
		Location: v.Key("Location").Text(),
	}
	if m := v.Key("M").RawString(); m != "" {
		s.Time, _ = parseDate(m)
	}
	brv := v.Key("ByteRange")
	if brv.Len() != 4 {
		s.Problem = "签名的 /ByteRange 不是 4 个数"
		return s
	}
	for i := range s.ByteRange {
		s.ByteRange[i] = brv.Index(i).Int64()
	}
	br := s.ByteRange
	size := int64(len(b))
	if br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || br[3] < 0 || br[2]+br[3] > size {
		s.Problem = "签名覆盖的字节范围不合理（文件被截断或改动）"
		return s
	}
	s.WholeDocument = br[2]+br[3] == size
	gap := b[br[1]:br[2]]
	contents := v.Key("Contents").RawString()
	if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' || !isHex(gap[1:len(gap)-1]) {
		s.Problem = "签名值不在它声明的位置，或其中夹有别的内容（文件被改动）"
		return s
	}
	p7, err := pkcs7.Parse([]byte(contents))
	if err != nil {
		s.Problem = "签名值无法解读（已损坏）：" + err.Error()
		return s
	}
	s.Certs = p7.Certificates
	c := p7.GetOnlySigner()
	if c == nil {
		// No signer, several, or one whose certificate is not enclosed: a
		// PDF signature is one signer's, and who signed must be known.
		s.Problem = fmt.Sprintf("签名值中应恰有一个签名人及其证书（有 %d 个签名人）", len(p7.Signers))
		return s
	}
	s.Cert = c
	s.Subject = c.Subject.String()
	s.CertSHA256 = CertSHA256(c)
	p7.Content = signedContent(b, br)
	if err := p7.Verify(); err != nil {
		s.Problem = "签名与文件内容不符（签名后文件被改动）：" + err.Error()
		return s
	}
	s.Valid = true
	return s
}

// openPDF reads b with the PDF reader (github.com/digitorus/pdf, which
// pdfsign signs through). The reader panics on some damaged files, here
// and later while resolving objects, so every function that reads a PDF
// also defers recoverPDF.
func openPDF(b []byte) (*pdf.Reader, error) {
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("PDF 文件无法读取（不是 PDF 文件，或文件不完整）：%w", err)
	}
	return r, nil
}

// recoverPDF, deferred, turns a panic of the PDF reader into an error.
func recoverPDF(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("PDF 文件结构已损坏，无法读取（%v）", r)
	}
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Trusted checks that cert chains to one of roots (a certificate in roots
// itself counts), with intermediates taken from certs, as of time at (the
// signing time; zero means now). Key usage is not restricted.
func Trusted(cert *x509.Certificate, certs []*x509.Certificate, roots *x509.CertPool, at time.Time) error {
	inter := x509.NewCertPool()
	for _, c := range certs {
		inter.AddCert(c)
	}
	_, err := cert.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	return err
}

// parseDate reads a PDF date D:YYYYMMDDHHmmSS+HH'mm'.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(s, "'", "")
	for _, layout := range []string{"20060102150405-0700", "20060102150405Z0700", "20060102150405Z", "20060102150405"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("日期格式不对")
}
