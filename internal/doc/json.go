package doc

import "encoding/json"

// Blocks in JSON carry a "type" field ("paragraph" or "table") so that a
// reader of the composed document (gongwen build --format json) can tell
// them apart; the Block interface itself has no tag.

// MarshalJSON writes the paragraph with "type": "paragraph".
func (p *Paragraph) MarshalJSON() ([]byte, error) {
	type plain Paragraph
	return json.Marshal(struct {
		Type string `json:"type"`
		*plain
	}{"paragraph", (*plain)(p)})
}

// MarshalJSON writes the table with "type": "table".
func (t *Table) MarshalJSON() ([]byte, error) {
	type plain Table
	return json.Marshal(struct {
		Type string `json:"type"`
		*plain
	}{"table", (*plain)(t)})
}
