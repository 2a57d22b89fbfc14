# gongwen — the targets the README tells people to run.
GO ?= go
SAMPLE ?= samples/linshu-2021-q3.toml
OUT ?= out

.PHONY: all build demo test fuzz vet release clean

all: build

build:
	$(GO) build -trimpath -o bin/gongwen ./cmd/gongwen

# demo builds the sample notice into out/linshu-2021-q3.docx and .pdf.
demo: build
	./bin/gongwen build $(SAMPLE) -o $(OUT)

test:
	$(GO) vet ./...
	$(GO) test ./...

vet:
	$(GO) vet ./...

clean:
	rm -rf bin $(OUT)
