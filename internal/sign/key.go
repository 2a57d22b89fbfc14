// Package sign puts a PDF digital signature (adbe.pkcs7.detached, an
// incremental update that leaves the signed bytes untouched) on a document and
// verifies the signatures of a PDF on its own, without trusting any program
// outside this module.
package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"

	"software.sslmate.com/src/go-pkcs12"
)

// Signer is a signing key with its certificate and the rest of its chain
// (issuer first, root last; may be empty for a self-signed certificate).
type Signer struct {
	Cert  *x509.Certificate
	Chain []*x509.Certificate
	Key   crypto.Signer
}

// Subject is the certificate's subject, as a person reads it (CN=…,O=…).
func (s *Signer) Subject() string { return s.Cert.Subject.String() }

// LoadPEM reads a certificate file (PEM; the first CERTIFICATE is the
// signer's, any further ones its chain) and a private key file (PEM: PKCS#8,
// PKCS#1 RSA or SEC 1 EC; a legacy encrypted PEM key is decrypted with
// password). password may be nil for an unencrypted key.
func LoadPEM(certPEM, keyPEM, password []byte) (*Signer, error) {
	var certs []*x509.Certificate
	rest := certPEM
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("证书文件中的证书无法读取：%w", err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, errors.New("证书文件中没有找到证书（应为 PEM 格式，以“-----BEGIN CERTIFICATE-----”开头）")
	}
	var kb *pem.Block
	rest = keyPEM
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if bytes.Contains([]byte(b.Type), []byte("PRIVATE KEY")) {
			kb = b
			break
		}
	}
	if kb == nil {
		return nil, errors.New("私钥文件中没有找到私钥（应为 PEM 格式，以“-----BEGIN … PRIVATE KEY-----”开头）")
	}
	der := kb.Bytes
	//lint:ignore SA1019 legacy encrypted PEM keys are still what some CAs hand out
	if x509.IsEncryptedPEMBlock(kb) { //nolint:staticcheck
		if len(password) == 0 {
			return nil, errors.New("私钥已加密：请用 --password-file 指定存放口令的文件，或设置环境变量 GONGWEN_KEY_PASSWORD")
		}
		var err error
		der, err = x509.DecryptPEMBlock(kb, password) //nolint:staticcheck
		if err != nil {
			return nil, fmt.Errorf("私钥口令不正确：%w", err)
		}
	}
	if kb.Type == "ENCRYPTED PRIVATE KEY" {
		return nil, errors.New("私钥是加密的 PKCS#8 格式，本工具无法直接读取：请改用 PKCS#12（.p12/.pfx）文件并以 --p12 指定")
	}
	key, err := parseKey(der)
	if err != nil {
		return nil, err
	}
	return newSigner(key, certs[0], certs[1:])
}

func parseKey(der []byte) (any, error) {
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(der); err == nil {
		return k, nil
	}
	return nil, errors.New("私钥无法读取：支持 PKCS#8、PKCS#1（RSA）和 SEC 1（EC）格式的 PEM 私钥")
}

// LoadPKCS12 reads a PKCS#12 (.p12, .pfx) file holding the key, its
// certificate and optionally the chain.
func LoadPKCS12(data []byte, password string) (*Signer, error) {
	key, cert, chain, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, errors.New("PKCS#12 文件口令不正确：请检查 --password-file 指定的文件或环境变量 GONGWEN_KEY_PASSWORD")
		}
		return nil, fmt.Errorf("PKCS#12 文件无法读取：%w", err)
	}
	return newSigner(key, cert, chain)
}

func newSigner(key any, cert *x509.Certificate, chain []*x509.Certificate) (*Signer, error) {
	var pub crypto.PublicKey
	switch k := key.(type) {
	case *rsa.PrivateKey:
		pub = &k.PublicKey
	case *ecdsa.PrivateKey:
		pub = &k.PublicKey
	case ed25519.PrivateKey:
		return nil, errors.New("不支持 Ed25519 私钥：PDF 签名请使用 RSA 或 ECDSA 密钥")
	default:
		return nil, fmt.Errorf("不支持的私钥类型 %T：请使用 RSA 或 ECDSA 密钥", key)
	}
	type equaler interface{ Equal(crypto.PublicKey) bool }
	if e, ok := pub.(equaler); !ok || !e.Equal(cert.PublicKey) {
		return nil, errors.New("私钥与证书不匹配：请确认 --key 与 --cert 是同一对")
	}
	return &Signer{Cert: cert, Chain: chain, Key: key.(crypto.Signer)}, nil
}
