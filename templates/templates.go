// Package templates embeds the default templates that ship with gongwen, kept
// in the repository in readable form so that a reviewer can read every part.
package templates

import "embed"

// DOCX holds the parts of the default Word template under the folder "docx":
// [Content_Types].xml, _rels/.rels, word/document.xml (the final sectPr with
// the page setup), word/styles.xml, word/settings.xml, the footers with the
// page-number fields, word/media/seal.png (a transparent placeholder the seal
// replaces) and docProps. Package docx packs them into a .docx reproducibly.
//
//go:embed all:docx
var DOCX embed.FS
