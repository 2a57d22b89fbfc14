package layout

import "github.com/gongwen/gongwen/internal/doc"

func (b *builder) table(t *doc.Table) {}
