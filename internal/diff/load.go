package diff

import (
	"encoding/json"
	"fmt"

	"github.com/gongwen/gongwen/internal/doc"
)

// ReadJSON reads a composed document as gongwen writes it in JSON (build
// --format json, and the archive's copy), so that a correction can be
// compared with what was issued without rebuilding it. The seal's image
// bytes are not in the JSON: only its name is compared then.
func ReadJSON(b []byte) (*doc.Document, error) {
	type attachment struct {
		doc.Attachment
		Blocks []json.RawMessage `json:"blocks"`
	}
	var raw struct {
		doc.Document
		Body        []json.RawMessage `json:"body"`
		Attachments []attachment      `json:"attachments"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("不是 gongwen 生成的 JSON：%w", err)
	}
	// Any JSON object would decode, as an empty notice: a manifest.json or
	// another program's file given by mistake would then "differ" in every
	// element. gongwen always writes these keys.
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return nil, fmt.Errorf("不是 gongwen 生成的 JSON：%w", err)
	}
	for _, k := range ourKeys {
		if _, ok := keys[k]; !ok {
			return nil, fmt.Errorf("不是 gongwen 生成的成文内容 JSON（缺少“%s”）：请给出 gongwen build --format json 生成的文件或归档中的 .json", k)
		}
	}
	d := raw.Document
	var err error
	if d.Body, err = blocks(raw.Body); err != nil {
		return nil, err
	}
	d.Attachments = nil
	for _, a := range raw.Attachments {
		at := a.Attachment
		if at.Blocks, err = blocks(a.Blocks); err != nil {
			return nil, err
		}
		d.Attachments = append(d.Attachments, at)
	}
	return &d, nil
}

// ourKeys are the top-level keys of every document JSON gongwen writes (the
// fields of doc.Document without omitempty).
var ourKeys = []string{"meta", "head", "title", "body", "signature"}

func blocks(raws []json.RawMessage) ([]doc.Block, error) {
	var out []doc.Block
	for i, r := range raws {
		var t struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(r, &t); err != nil {
			return nil, err
		}
		switch t.Type {
		case "paragraph":
			p := &doc.Paragraph{}
			if err := json.Unmarshal(r, p); err != nil {
				return nil, err
			}
			out = append(out, p)
		case "table":
			tb := &doc.Table{}
			if err := json.Unmarshal(r, tb); err != nil {
				return nil, err
			}
			if err := tb.CheckGrid(); err != nil {
				return nil, fmt.Errorf("JSON 第 %d 块的表格不完整：%w", i+1, err)
			}
			out = append(out, tb)
		default:
			return nil, fmt.Errorf("JSON 第 %d 块的类型“%s”不认识", i+1, t.Type)
		}
	}
	return out, nil
}
