package source

import (
	"fmt"
	"os"

	"github.com/BurntSushi/toml"
)

// Decode decodes a notice. This minimal version reports only the first
// error; package check replaces it with full diagnostics.
func Decode(name string, data []byte) (*Notice, error) {
	var n Notice
	if _, err := toml.Decode(string(data), &n); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &n, nil
}

// ReadFile reads and decodes a notice file.
func ReadFile(name string) (*Notice, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return Decode(name, b)
}
