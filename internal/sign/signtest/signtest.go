// Package signtest makes the throw-away keys, certificates and PDFs that the
// tests of signing, archiving and the CLI sign with. Nothing here is for
// real documents: the keys are fresh and the certificates self-made.
//
// It does not import package sign, so that sign's own tests can use it.
package signtest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"github.com/signintech/gopdf"
)

// PDF is a small two-page PDF written with gopdf (the library of the PDF
// writer), with drawings only, so it needs no font. producer is its Info
// /Producer: "gongwen" marks it as the project's own output (which
// sign.PDFA converts), "" as another program's.
func PDF(t testing.TB, producer string) []byte {
	t.Helper()
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	if producer != "" {
		p.SetInfo(gopdf.PdfInfo{Title: "关于检查情况的通报", Producer: producer,
			CreationDate: time.Date(2021, 9, 22, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))})
	}
	for i := 0; i < 2; i++ {
		p.AddPage()
		p.SetStrokeColor(255, 0, 0)
		p.SetLineWidth(1.4)
		p.Line(79.37, 200, 521.57, 200)
		p.RectFromUpperLeftWithStyle(100, 300, 50, 50, "F")
	}
	b, err := p.GetBytesPdfReturnErr()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Key is a fresh ECDSA P-256 key, or RSA 2048 when rsaKey is set.
func Key(t testing.TB, rsaKey bool) crypto.Signer {
	t.Helper()
	if rsaKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Cert is a certificate for key's public half, valid from an hour ago for a
// day: issued by parent with parentKey, or self-signed when parent is nil.
// A CA certificate may sign certificates; any other is for document
// signing.
func Cert(t testing.TB, subject pkix.Name, key crypto.Signer, parent *x509.Certificate, parentKey crypto.Signer, ca bool) *x509.Certificate {
	t.Helper()
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      subject,
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	if ca {
		tmpl.IsCA, tmpl.BasicConstraintsValid = true, true
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
		tmpl.ExtKeyUsage = nil
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
